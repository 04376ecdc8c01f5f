"""Every public URL of the fan website: ``/``, ``/c/…``, ``/s/…`` and ``/go/…``.

The fast WSGI layers in front of Django (``fastpage``, ``fast_post``) take the shapes
of the URLs they answer from here, so a path changes in one place.
"""

from django.urls import path, register_converter

from takeaction.site import (
    action_views,
    embed_views,
    forget_views,
    image_views,
    keep_posted_views,
    letter_views,
    views,
)

register_converter(image_views.ImageKindConverter, "image_kind")

app_name = "site"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("c/<slug:slug>/", views.campaign_detail, name="detail"),
    path("c/<slug:slug>/preview/", views.campaign_preview, name="preview"),
    path("c/<slug:slug>/officials/", views.campaign_officials, name="officials"),
    path("c/<slug:slug>/embed/", embed_views.campaign_embed, name="embed"),
    path("c/<slug:slug>/<image_kind:kind>.png", image_views.campaign_image_view, name="image"),
    path("c/<slug:slug>/qr.svg", image_views.referral_qr_view, name="qr"),
    path("c/<slug:slug>/photo.jpg", image_views.campaign_photo_view, name="photo"),
    path("c/<slug:slug>/act/", action_views.action_post, name="act"),
    path("c/<slug:slug>/share/<slug:network>/", action_views.share_link, name="share"),
    path("c/<slug:slug>/counts.json", action_views.counts_json, name="counts"),
    path("c/<slug:slug>/me.json", action_views.me_json, name="me"),
    path("c/<slug:slug>/you/", action_views.you_page, name="you"),
    path("c/<slug:slug>/you/forget/", forget_views.forget_acts, name="forget"),
    path("c/<slug:slug>/write/<slug:target>/", letter_views.write_letter, name="write"),
    path("c/<slug:slug>/keep-posted/", keep_posted_views.keep_posted, name="keep-posted"),
    path("s/<slug:code>", views.short_link, name="short-link"),
    path("go/<int:pk>/", action_views.donate_link, name="donate"),
]
