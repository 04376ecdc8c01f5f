"""The fan's actions: record a call, a letter, a talk; tracked share and donate links."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from takeaction.actions import selectors
from takeaction.actions.counters import counts_get
from takeaction.actions.device import device_class
from takeaction.actions.models import Outcome
from takeaction.actions.selectors import call_outcomes
from takeaction.actions.services import Act, action_record
from takeaction.campaigns import selectors as campaign_selectors
from takeaction.campaigns.models import Campaign, DonationRecipient
from takeaction.campaigns.share import (
    NETWORKS,
    campaign_share_message,
    clean_instance,
    intent_url,
)
from takeaction.campaigns.verbs import Verb
from takeaction.core.language import in_language
from takeaction.core.ratelimit import client_key, rate_limited
from takeaction.site.action_forms import ActionForm, LinkOutForm
from takeaction.site.identity import (
    read_attribution,
    read_supporter_id,
    set_supporter_cookie,
)
from takeaction.site.versions import campaign_version, for_version_of
from takeaction.supporters.services import supporter_find, supporter_get_or_create

MASTODON_COOKIE = "ta_mastodon"


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _supporter(request, *, create: bool):
    """Return (supporter or None, created) for the request's signed cookie."""
    public_id = read_supporter_id(request)
    if not public_id and not create:
        return None, False
    if not create:
        return supporter_find(public_id=public_id), False
    return supporter_get_or_create(public_id=public_id)


def _record(request, campaign, act: Act):
    """Record ``act`` for this request's supporter (committed when this returns)."""
    attribution = read_attribution(request, campaign.slug)
    return action_record(
        campaign=campaign,
        public_id=read_supporter_id(request),
        act=act,
        source_code=attribution.get("src", ""),
        referrer_code=attribution.get("r", ""),
    )


def _give_cookie(request, response, recorded) -> None:
    """Give a supporter created by this request their cookie."""
    if recorded.new_supporter:
        set_supporter_cookie(request, response, recorded.supporter.public_id)


def _refuse(request, campaign, status: int, message: str, form=None):
    """Answer a refused action clearly, keeping whatever the fan typed."""
    if _wants_json(request):
        return JsonResponse({"ok": False, "error": message}, status=status)
    context = {"campaign": campaign, "message": message, "form": form, "status": status}
    response = render(request, "site/refused.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _over_limit(request) -> bool:
    limit = settings.ACTION_RATE_LIMIT_PER_MINUTE
    return rate_limited("act", client_key(request), limit=limit)


@require_POST
def action_post(request, slug: str):
    """Record a call outcome, a sent letter or a talk (a form POST, or fetch with JSON)."""
    campaign = campaign_selectors.campaign_get_for_action(slug=slug)
    return action_answer(request, campaign)


def action_answer(request, campaign):
    """``action_post`` once its campaign is found; ``fast_post.py`` calls it too.

    Every request for a live campaign counts against the rate limit, valid or not;
    the answer is built only once the act has been committed. Messages are in the
    language of the version the fan reads, like its page.
    """
    campaign = campaign_version(request, campaign)
    with in_language(campaign):
        return _action_answer(request, campaign)


def _action_answer(request, campaign):
    if campaign.status == Campaign.Status.CLOSED:
        return _refuse(request, campaign, 410, _("This campaign has closed."))
    form = ActionForm(request.POST, campaign=campaign)
    if _over_limit(request):
        message = _("Too many actions from your connection. Wait a minute and try again.")
        return _refuse(request, campaign, 429, message, form)
    if not form.is_valid():
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return _refuse(request, campaign, 400, message, form)
    state, district = form.place
    device = device_class(request.headers.get("User-Agent", ""))
    act = Act(
        verb=form.cleaned_data["verb"],
        outcome=form.cleaned_data["outcome"],
        target=form.cleaned_data["target"],
        state=state,
        district=district,
        device=device,
        flag=form.flag(device),
    )
    recorded = _record(request, campaign, act)
    if _wants_json(request):
        # A bare acknowledgement: progress and counts are read by the page when it wants them.
        # A flagged act is answered exactly as a counted one: a bot learns nothing from it.
        event = recorded.event
        counted = recorded.created and (event.counts or bool(event.flag))
        reply = {"ok": True, "counted": counted, "duplicate": not recorded.created}
        response = JsonResponse(reply)
    else:
        response = HttpResponseRedirect(form.cleaned_data["next"], status=303)
    _give_cookie(request, response, recorded)
    return response


class _LinkOut(HttpResponseRedirect):
    """A 303 to a share intent or a donation page; ``mailto:`` is the e-mail "network"."""

    allowed_schemes = ["http", "https", "mailto"]
    status_code = 303


def _link_out_answer(request, campaign, *, verb: str, target: str, url, context: dict):
    """A share screen or donation link: a page with one button (GET), then the count (POST).

    Nothing is counted on a GET: a link, an ``<img>`` on another site or a crawler
    can send one. The page's button (or the page script, straight from the
    campaign page) POSTs with the CSRF token and the page's timing; that records
    one click per fan and target, ever, and sends the fan on to ``url(supporter)``
    (the supporter the POST recorded the click for, maybe just created; or None).
    """
    if request.method != "POST":
        return _link_out_page(request, campaign, context)
    form = LinkOutForm(request.POST)
    if _over_limit(request) or campaign.status != Campaign.Status.LIVE or not form.is_valid():
        # Still let the fan through; just don't count it.
        return _LinkOut(url(supporter_find(public_id=read_supporter_id(request))))
    outcome = Outcome.DONATION_LINK_OPENED if verb == Verb.DONATE else Outcome.SHARE_STARTED
    device = device_class(request.headers.get("User-Agent", ""))
    act = Act(verb=verb, outcome=outcome, target=target, device=device, flag=form.flag(device))
    recorded = _record(request, campaign, act)
    response = _LinkOut(url(recorded.supporter))
    _give_cookie(request, response, recorded)
    return response


def _link_out_page(request, campaign, context: dict, status: int = 200):
    """The link-out's page: one button that posts (per fan: its CSRF token, never cached)."""
    response = render(
        request, "site/link_out.html", {"campaign": campaign, **context}, status=status
    )
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def donate_link(request, pk: int):
    """Send the fan to a vetted organization's own URL; a POST counts the click."""
    organization = get_object_or_404(DonationRecipient.objects.select_related("campaign"), pk=pk)
    campaign = organization.campaign
    if not campaign.is_public or not campaign.donate_enabled:
        raise Http404("No such donation link.")
    campaign = campaign_version(request, campaign)
    with in_language(campaign):
        return _link_out_answer(
            request,
            campaign,
            verb=Verb.DONATE,
            target=f"donation:{pk}",
            url=lambda _supporter: organization.url,  # only ever the stored URL
            context={"organization": organization, "host": urlsplit(organization.url).hostname},
        )


def personal_url(campaign, supporter) -> str:
    base = settings.SITE_URL + campaign.get_absolute_url()
    return f"{base}?r={supporter.referral_code}" if supporter else base


@require_http_methods(["GET", "HEAD", "POST"])
@for_version_of(campaign_selectors.campaign_get_for_action)
def share_link(request, campaign, network: str):
    """Open the network's compose screen with the fan's own link; a POST counts the click.

    The words are the campaign's before-text until the fan has called, written or
    talked: a fan who has not acted is never made to say they did.
    """
    if network not in NETWORKS or not campaign.share_enabled:
        return _refuse(request, campaign, 404, _("We can't share there."))
    data = request.POST if request.method == "POST" else request.GET
    instance = ""
    context = {"network": network, "network_label": NETWORKS[network]}
    if network == "mastodon":
        instance = clean_instance(data.get("instance") or request.COOKIES.get(MASTODON_COOKIE))
        if not instance and request.method == "POST":
            # The same page again, with the server field and what to type: not a dead end.
            typed = str(data.get("instance", ""))[:253]
            message = _("Type your Mastodon server, like mastodon.social.")
            context |= {"instance": typed, "message": message}
            return _link_out_page(request, campaign, context, status=400)

    def url(supporter) -> str:
        acted = supporter is not None and selectors.supporter_has_acted(
            supporter=supporter, campaign=campaign
        )
        return intent_url(
            network,
            text=campaign_share_message(campaign, acted=acted),
            url=personal_url(campaign, supporter),
            title=campaign.title,
            instance=instance,
        )

    response = _link_out_answer(
        request,
        campaign,
        verb=Verb.SHARE,
        target=f"share:{network}",
        url=url,
        context={**context, "instance": instance},
    )
    if instance and request.method == "POST":
        response.set_cookie(MASTODON_COOKIE, instance, max_age=365 * 24 * 3600, samesite="Lax")
    return response


@require_safe
def counts_json(request, slug: str):
    """Live counts for the page's script; served from the cache, never counted per request."""
    campaign = campaign_selectors.campaign_get_for_action(slug=slug)
    response = JsonResponse({**counts_get(campaign.pk).public(), "goal": campaign.goal})
    # At most about two seconds old wherever it is read: one second in the shared copy
    # the WSGI layer serves (fastpage.py), one in each process's own copy of it.
    response["Cache-Control"] = "public, max-age=2"
    response.fast_page = True
    response.fast_page_timeout = 1
    response.fast_page_local_seconds = 1
    return response


@never_cache
@require_safe
@for_version_of(campaign_selectors.campaign_get_public)
def you_page(request, campaign):
    """The fan's own page: their link and QR code, their progress, who their link brought."""
    supporter, created = _supporter(request, create=True)
    progress = selectors.supporter_progress(supporter=supporter, campaign=campaign)
    context = {
        "campaign": campaign,
        "supporter": supporter,
        "personal_url": personal_url(campaign, supporter),
        "progress": progress,
        "credit": selectors.referral_credit(supporter=supporter, campaign=campaign),
        "talk_form_next": reverse("site:you", kwargs={"slug": campaign.slug}),
        "invite": campaign_share_message(campaign, acted=progress.acted),
        "forgotten": request.GET.get("forgotten") == "1",
    }
    response = render(request, "site/you.html", context)
    if created:
        set_supporter_cookie(request, response, supporter.public_id)
    return response


@never_cache
@require_safe
def me_json(request, slug: str):
    """What the cached campaign page and lookup answers need about this fan.

    The calls this fan logged (target → outcome, in the campaign's language) mark
    the cards of a stored lookup answer. The CSRF token is sent only when asked for
    (``?csrf=1``, by the script once it shows the call forms): getting one sets the
    CSRF cookie if the fan has none, and a cookie set by a background request on
    every page view could race with the page the fan opens next and leave that
    page's form with a stale token.
    """
    campaign = campaign_version(request, campaign_selectors.campaign_get_for_action(slug=slug))
    supporter, _created = _supporter(request, create=False)
    progress = selectors.supporter_progress(supporter=supporter, campaign=campaign)
    outcomes = call_outcomes(supporter=supporter, campaign=campaign)
    with in_language(campaign):
        calls = {target: str(Outcome(outcome).label) for target, outcome in outcomes.items()}
    answer = {
        "progress": {"done": progress.done, "of": progress.enabled},
        "done_verbs": sorted(progress.done_verbs),
        # Called, written or talked: the page may offer the share text that says so.
        "acted": progress.acted,
        "personal_url": personal_url(campaign, supporter) if supporter else None,
        "invite": campaign_share_message(campaign, acted=progress.acted),
        "calls": calls,
    }
    if request.GET.get("csrf") == "1":
        answer["csrf_token"] = get_token(request)
    return JsonResponse(answer)
