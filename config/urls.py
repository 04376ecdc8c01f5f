"""Top-level URL routes."""

from django.contrib import admin
from django.urls import include, path

from takeaction.api.v1 import api as api_v1
from takeaction.organizers import two_factor
from takeaction.organizers import views as organizer_views
from takeaction.organizers.forms import ThrottledAuthenticationForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api_v1.urls),
    path("api/osdi/v2/", include("takeaction.api.osdi.urls")),
    path("accounts/signup/", organizer_views.signup, name="signup"),
    path(
        "accounts/login/",
        two_factor.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("accounts/two-factor/", two_factor.verify, name="two-factor-verify"),
    path("accounts/security/", two_factor.setup, name="two-factor-setup"),
    path("accounts/invite/<str:token>/", organizer_views.invite_accept, name="invite-accept"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("org/", include("takeaction.organizers.urls")),
    path("", include("takeaction.actions.urls")),
    path("", include("takeaction.supporters.urls")),
    path("", include("takeaction.campaigns.urls")),
]
