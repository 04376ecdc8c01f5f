"""The compact action card organizers put on their own sites in an iframe."""

from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from takeaction.actions.counters import counts_get
from takeaction.campaigns import selectors
from takeaction.site.versions import for_version_of

# Shared caches may keep the card briefly: its total, and who may frame it, lag by 30 s.
EMBED_CACHE_CONTROL = "public, max-age=30"


def frame_ancestors(campaign) -> list[str]:
    """Return who may frame the card: this site and the origins the organizer allowed."""
    return ["'self'", *campaign.embed_origin_list()]


@require_safe
@xframe_options_exempt
@for_version_of(selectors.campaign_get_for_action)
def campaign_embed(request, campaign):
    """Show a public campaign's title, total and verbs, for framing by allowed sites.

    X-Frame-Options cannot name a site, so the view drops it and relies on CSP
    ``frame-ancestors``, which browsers honour over it anyway.
    """
    counts = counts_get(campaign.pk)
    context = {
        "campaign": campaign,
        "verbs": campaign.enabled_verbs(),
        "total": counts.actions,
        "goal_value": campaign.goal_progress(counts.actions),
    }
    response = render(request, "site/embed.html", context)
    response["Cache-Control"] = EMBED_CACHE_CONTROL
    # django-csp's decorators take a fixed policy, and this one differs per campaign, so
    # set the attribute its middleware reads (what @csp_replace sets) on the response.
    response._csp_replace = {"frame-ancestors": frame_ancestors(campaign)}
    return response
