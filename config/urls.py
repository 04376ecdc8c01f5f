"""Top-level URL routes."""

from django.contrib import admin
from django.urls import include, path

from takeaction.api.v1 import api as api_v1
from takeaction.organizers import views as organizer_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api_v1.urls),
    path("accounts/signup/", organizer_views.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("org/", include("takeaction.organizers.urls")),
    path("", include("takeaction.actions.urls")),
    path("", include("takeaction.campaigns.urls")),
]
