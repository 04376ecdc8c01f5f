"""Public campaign pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from takeaction.accounts.access import may_preview
from takeaction.actions.models import Outcome
from takeaction.actions.selectors import call_outcomes
from takeaction.campaigns import selectors
from takeaction.campaigns.visits import source_visit_count, source_visits_flush_due
from takeaction.core.framing import allow_same_origin_frames
from takeaction.officials.lookup import (
    InvalidInput,
    lookup_from_params,
    parse_coordinates,
    parse_zip,
)
from takeaction.officials.snapshot import current_snapshot
from takeaction.site.fastpage import lookup_query
from takeaction.site.identity import first_touch_answer, read_supporter_id
from takeaction.site.page_cache import page_cache_get, page_cache_set
from takeaction.site.rendering import render_campaign_page
from takeaction.site.versions import campaign_version, for_version_of
from takeaction.supporters.services import supporter_find

# Shared caches (nginx, a CDN) may keep the page briefly; edits reach them within a minute.
PUBLIC_CACHE_CONTROL = "public, max-age=60"
# Lookup answers worth storing for everyone: districts found, or a split ZIP's choice
# (not a typo: junk ZIPs would only fill the cache).
SHARED_LOOKUPS = ("ok", "choose")
# How long each process serves a stored lookup answer without asking the shared cache.
LOOKUP_LOCAL_SECONDS = 5
# The same for the page and the short link, which an edit must reach sooner.
PAGE_LOCAL_SECONDS = 1


@require_safe
def campaign_list(request):
    """List live campaigns."""
    return render(request, "site/list.html", {"campaigns": selectors.campaign_list_live()})


@require_safe
def campaign_detail(request, slug: str):
    """Show a public campaign (the version this request reads), from the page cache."""
    html = page_cache_get(request, slug)
    if html is None:
        try:
            campaign = campaign_version(request, selectors.campaign_get_public(slug=slug))
        except Http404:
            moved = selectors.campaign_moved_to(slug=slug)
            if moved is None:
                raise
            # An address from before a rename: the post's link still lands, ?src= and all.
            # Not permanent: a slug renamed back would loop in browsers that kept a 301.
            url = reverse("site:detail", kwargs={"slug": moved})
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{url}?{query}" if query else url)
        html = render_campaign_page(request, campaign, preview=False)
        page_cache_set(request, slug, html)
    response = HttpResponse(html)
    response["Cache-Control"] = PUBLIC_CACHE_CONTROL
    # Nothing on the page is per visitor: the WSGI layer may answer repeats itself.
    response.fast_page = True
    response.fast_page_timeout = settings.CAMPAIGN_PAGE_CACHE_SECONDS
    # Each process may serve its own copy for a second without asking the shared cache
    # (a 40 KB read from Redis per request): an edit shows everywhere a second later.
    response.fast_page_local_seconds = PAGE_LOCAL_SECONDS
    # ?src= (the post) and ?r= (the friend) are kept in a cookie until the first action.
    first_touch_answer(request, response, slug)
    return response


@never_cache
@require_safe
@login_required
def campaign_preview(request, slug: str):
    """Show any campaign, drafts included, to staff and its organization's members."""
    campaign = selectors.campaign_get_for_preview(slug=slug)
    if not may_preview(request.user, campaign.organization):
        raise Http404("No campaign with that address.")
    campaign = campaign_version(request, campaign)
    response = HttpResponse(render_campaign_page(request, campaign, preview=True))
    response["X-Robots-Tag"] = "noindex"
    # The campaign editor shows this page in a phone-sized frame on the same site.
    return allow_same_origin_frames(response)


def _near(request, match) -> tuple[tuple[float, float] | None, str]:
    """Where the fan is, roughly, and what that was worked out from.

    Their location if they gave it; for a district picked from a split ZIP, the
    border that district shares with the ZIP's others (the ZIP straddles it); else
    the middle of their district. The data has no ZIP centroids.
    """
    if match is None:
        return None, ""
    try:
        return parse_coordinates(request.GET["lat"], request.GET["lon"]), "location"
    except (KeyError, InvalidInput):
        pass
    snapshot = current_snapshot()
    seat = (match.seat.state, match.seat.district)
    try:
        zip_seats = snapshot.zip_index.get(parse_zip(request.GET.get("zip", "")), ())
    except InvalidInput:
        zip_seats = ()
    if seat in zip_seats and len(zip_seats) > 1:
        others = [key for key in zip_seats if key != seat]
        point = snapshot.boundaries.border_point(seat, others)
        if point is not None:
            return point, "zip"
    return snapshot.boundaries.representative_point(seat), "district"


@require_safe
@for_version_of(selectors.campaign_get_public)  # the lookup's messages too
def campaign_officials(request, campaign):
    """Show the supporter's officials for this campaign (ZIP, location or district picker).

    Without JavaScript this is a page of its own, with the CSRF token its forms need
    and the calls this fan already logged ("2 of 3 calls done"). The campaign page's
    script asks for ``?fragment=1`` and puts the result inside the call card: that
    answer holds nothing per fan (the script fills in the token and the call log from
    ``me.json``), so for a ZIP or a district it is stored for everyone (fastpage.py).
    """
    result = lookup_from_params(request.GET)
    fragment = request.GET.get("fragment") == "1"
    match = result.match if result else None
    targets = campaign.congress_targets(match) if match else []
    # A split ZIP in one state: its senators at once, the district asked for the House only.
    statewide = list(result.statewide) if result and campaign.targets_senate else []
    if statewide:
        targets = statewide
    near, near_basis = _near(request, match)
    outcomes = {}
    if not fragment:
        supporter = supporter_find(public_id=read_supporter_id(request))
        outcomes = call_outcomes(
            supporter=supporter, campaign=campaign, targets=[t.bioguide_id for t in targets]
        )
    query = request.GET.copy()
    query.pop("fragment", None)
    if fragment and match is not None:
        # Back to the district, not the ZIP or the location: the answer is then the same
        # for every ZIP of the district, and stored once for all (fastpage.lookup_query).
        query = QueryDict(mutable=True)
        query.update({"state": match.seat.state, "district": str(match.seat.district)})
        if request.GET.get("for") == "write":
            query["for"] = "write"
    context = {
        "campaign": campaign,
        "result": result,
        "fragment": fragment,
        "zip_value": request.GET.get("zip", "")[:20],
        "targets": targets,
        "cards": [{"official": o, "local": o.local_phones_near(near)} for o in targets],
        "near_basis": near_basis,
        "near_zip": request.GET.get("zip", "")[:10] if near_basis == "zip" else "",
        "mode": "write" if request.GET.get("for") == "write" else "call",
        "statewide": bool(statewide),
        "asks_district": campaign.targets_house,
        "division": match.seat.ocd_id if match else "",
        "done_targets": {target: Outcome(outcome).label for target, outcome in outcomes.items()},
        "next_url": f"{request.path}?{query.urlencode()}",
        "keep_query": True,  # the language switch keeps the ZIP or district
    }
    template = "site/officials_result.html" if fragment else "site/officials.html"
    response = render(request, template, context)
    if result is not None and result.status == "invalid":
        response.status_code = 400
    shared = lookup_query(request.META.get("QUERY_STRING", "")) is not None
    if shared and result is not None and result.status in SHARED_LOOKUPS:
        # The same for every fan who asks for this ZIP or district: shared caches and the
        # WSGI layer may keep it as long as the page (an edit shows within that time).
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        response.fast_page = True
        response.fast_page_timeout = settings.CAMPAIGN_PAGE_CACHE_SECONDS
        response.fast_page_local_seconds = LOOKUP_LOCAL_SECONDS
    else:
        # A page with a CSRF token and this fan's call log, or a fan's location.
        add_never_cache_headers(response)
    return response


@require_safe
def short_link(request, code: str):
    """``/s/<code>``: count the visit for that post, then open the campaign with ``?src=``.

    The visit is one cache increment (``campaigns/visits.py``); the rows are written
    in batches, by whichever request finds a flush due.
    """
    found = selectors.source_get_for_link(code=code)
    if found is None:
        raise Http404("This link is not live yet.")
    source_id, slug = found
    source_visit_count(source_id=source_id)
    source_visits_flush_due()
    detail = reverse("site:detail", kwargs={"slug": slug})
    response = redirect(f"{detail}?{urlencode({'src': code})}")
    # Each tap is counted here, so shared caches must not answer it for us; the WSGI layer
    # may, since it counts the tap too (fastpage.py, fast_page_visit).
    add_never_cache_headers(response)
    response.fast_page = True
    response.fast_page_timeout = settings.CAMPAIGN_PAGE_CACHE_SECONDS
    response.fast_page_visit = source_id
    response.fast_page_local_seconds = PAGE_LOCAL_SECONDS
    return response
