from django.urls import path

from takeaction.actions import letter_views, views

app_name = "actions"

urlpatterns = [
    path("c/<slug:slug>/act/", views.action_post, name="act"),
    path("c/<slug:slug>/share/<slug:network>/", views.share_redirect, name="share"),
    path("c/<slug:slug>/counts.json", views.counts_json, name="counts"),
    path("c/<slug:slug>/me.json", views.me_json, name="me"),
    path("c/<slug:slug>/you/", views.you_page, name="you"),
    path("go/<int:pk>/", views.donate_redirect, name="donate"),
    path("c/<slug:slug>/write/<slug:target>/", letter_views.write_letter, name="write"),
]
