"""Top-level URL routes: the admin and the three surfaces (API, workspace, fan site)."""

from django.contrib import admin
from django.urls import include, path

from takeaction.api.v1 import api as api_v1

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api_v1.urls),
    path("api/osdi/v2/", include("takeaction.api.osdi.urls")),
    path("accounts/", include("takeaction.workspace.account_urls")),
    path("org/", include("takeaction.workspace.urls")),
    path("", include("takeaction.site.urls")),
]

handler500 = "config.errors.server_error"
