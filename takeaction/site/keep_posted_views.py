"""The fan's "keep me posted" opt-in, posted from their own page."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from takeaction.campaigns import selectors as campaign_selectors
from takeaction.core.forms import filled_by_bot
from takeaction.core.ratelimit import client_key, rate_limited
from takeaction.site.identity import read_supporter_id
from takeaction.site.keep_posted_forms import KeepPostedForm
from takeaction.site.versions import for_version_of
from takeaction.supporters.services import person_signup, supporter_find


def _again(request, campaign, form, status: int, message: str = ""):
    """Show the form again with what the fan typed and what to fix."""
    context = {"campaign": campaign, "form": form, "message": message}
    return render(request, "site/keep_posted_page.html", context, status=status)


@never_cache
@require_POST
@for_version_of(campaign_selectors.campaign_get_public)
def keep_posted(request, campaign):
    form = KeepPostedForm(request.POST)
    if rate_limited("signup", client_key(request), limit=settings.SIGNUP_RATE_LIMIT_PER_MINUTE):
        return _again(
            request, campaign, form, 429, _("Too many sign-ups from here. Try again in a minute.")
        )
    if not form.is_valid():
        return _again(request, campaign, form, 400)
    thanks = HttpResponseRedirect(
        reverse("site:you", kwargs={"slug": campaign.slug}) + "?kept=1#keep-posted"
    )
    if filled_by_bot(form):
        return thanks  # the same answer as a sign-up, and nothing kept
    supporter = supporter_find(public_id=read_supporter_id(request))
    person_signup(
        organization=campaign.organization, details=form.details(),
        campaign=campaign, supporter=supporter,
    )  # fmt: skip
    return thanks
