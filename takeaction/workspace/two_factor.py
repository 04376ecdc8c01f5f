"""Optional two-factor log-in for organizers: set up, verify at log-in, turn off."""

import base64

import segno
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from takeaction.accounts import totp
from takeaction.accounts.models import TwoFactor
from takeaction.core.ratelimit import count_failure

PENDING = "two_factor_pending_user"
BACKEND = "django.contrib.auth.backends.ModelBackend"
MAX_CODE_FAILURES = 5


class LoginView(auth_views.LoginView):
    """Password first; users with a second factor then give a code before they are in.

    django-axes counts failed passwords (see ``lockout.py``). Its count for a user
    name and address clears at ``login()``: for a user with a second factor, only
    once the code is right.
    """

    def form_valid(self, form):
        user = form.get_user()
        factor = TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).first()
        if factor is None:
            return super().form_valid(form)
        self.request.session[PENDING] = user.pk
        self.request.session["two_factor_next"] = self.get_success_url()
        return redirect("two-factor-verify")


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    user_pk = request.session.get(PENDING)
    if user_pk is None:
        return redirect("login")
    error = ""
    if request.method == "POST":
        failures_key = f"2fa-fail:{user_pk}"
        factor = TwoFactor.objects.filter(user_id=user_pk, confirmed_at__isnull=False).first()
        if (cache.get(failures_key) or 0) >= MAX_CODE_FAILURES:
            error = _("Too many wrong codes. Wait 15 minutes and log in again.")
        elif factor and totp.verify(factor.secret, request.POST.get("code", "")):
            user = get_user_model().objects.get(pk=user_pk)
            next_url = request.session.get("two_factor_next") or settings.LOGIN_REDIRECT_URL
            request.session.pop(PENDING, None)
            login(request, user, backend=BACKEND)
            return redirect(next_url)
        else:
            count_failure(failures_key, seconds=15 * 60)
            error = _("That code is not right. Use the current code from your app.")
    status = 400 if error else 200
    return render(request, "workspace/two_factor_verify.html", {"error": error}, status=status)


def _qr_data_uri(uri: str) -> str:
    svg = segno.make(uri, error="m").svg_inline(scale=5, dark="#1b1b1f", light="#ffffff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def setup(request):
    """Turn the second factor on (scan, then confirm a code) or off (with a code)."""
    factor, _created = TwoFactor.objects.get_or_create(
        user=request.user, defaults={"secret": totp.new_secret()}
    )
    error = ""
    if request.method == "POST":
        if not totp.verify(factor.secret, request.POST.get("code", "")):
            error = _("That code is not right. Use the current code from your app.")
        elif factor.enabled:
            factor.delete()
            return redirect("two-factor-setup")
        else:
            factor.confirmed_at = timezone.now()
            factor.save(update_fields=["confirmed_at"])
            return redirect("two-factor-setup")
    uri = totp.provisioning_uri(
        factor.secret, account=request.user.get_username(), issuer=settings.SITE_NAME
    )
    context = {"factor": factor, "qr": _qr_data_uri(uri), "error": error}
    return render(request, "workspace/two_factor_setup.html", context, status=400 if error else 200)
