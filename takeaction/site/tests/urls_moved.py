"""A root urlconf with the fan site under another prefix (test_fast_routes)."""

from django.urls import include, path

urlpatterns = [path("campaigns/", include("takeaction.site.urls"))]
