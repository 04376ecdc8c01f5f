"""A fan takes back what they did on a campaign: their acts are deleted and leave every count."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from takeaction.actions.services import campaign_acts_erase
from takeaction.campaigns import selectors as campaign_selectors
from takeaction.core.ratelimit import client_key, rate_limited
from takeaction.site.identity import read_supporter_id
from takeaction.site.versions import for_version_of
from takeaction.supporters.services import supporter_find


@require_POST
@for_version_of(campaign_selectors.campaign_get_for_action)
def forget_acts(request, campaign):
    """Delete this browser's acts and first touch on the campaign, then show their page again.

    The supporter (their cookie and personal link) stays: it may have acted on other
    campaigns. Without a cookie there is nothing to delete, and the answer is the same.
    """
    limit = settings.ACTION_RATE_LIMIT_PER_MINUTE
    if rate_limited("forget", client_key(request), limit=limit):
        context = {
            "campaign": campaign,
            "message": _("Too many requests from your connection. Wait a minute and try again."),
            "status": 429,
        }
        response = render(request, "site/refused.html", context, status=429)
        add_never_cache_headers(response)
        return response
    supporter = supporter_find(public_id=read_supporter_id(request))
    if supporter is not None:
        campaign_acts_erase(supporter=supporter, campaign=campaign)
    return HttpResponseRedirect(
        reverse("site:you", kwargs={"slug": campaign.slug}) + "?forgotten=1"
    )
