from django.urls import path, register_converter

from takeaction.campaigns import embed_views, image_views, views

register_converter(image_views.ImageKindConverter, "image_kind")

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("c/<slug:slug>/", views.campaign_detail, name="detail"),
    path("c/<slug:slug>/preview/", views.campaign_preview, name="preview"),
    path("c/<slug:slug>/officials/", views.campaign_officials, name="officials"),
    path("c/<slug:slug>/embed/", embed_views.campaign_embed, name="embed"),
    path("s/<slug:code>", views.short_link, name="short-link"),
    path("c/<slug:slug>/<image_kind:kind>.png", image_views.campaign_image_view, name="image"),
    path("c/<slug:slug>/qr.svg", image_views.referral_qr_view, name="qr"),
]
