"""``/accounts/``: sign-up, log-in with the optional second factor, invitations, password reset.

Not namespaced: Django's own auth views reverse these names as they are.
"""

from django.urls import include, path

from takeaction.workspace import two_factor, views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", two_factor.LoginView.as_view(), name="login"),
    path("two-factor/", two_factor.verify, name="two-factor-verify"),
    path("security/", two_factor.setup, name="two-factor-setup"),
    path("invite/<str:token>/", views.invite_accept, name="invite-accept"),
    path("", include("django.contrib.auth.urls")),
]
