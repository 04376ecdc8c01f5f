from django.urls import path

from takeaction.supporters import views

app_name = "supporters"

urlpatterns = [
    path("c/<slug:slug>/keep-posted/", views.keep_posted, name="keep-posted"),
]
