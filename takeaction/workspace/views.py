"""The organizer workspace: organizations, campaigns, sources, the dashboard, history."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from takeaction.accounts.api_keys import api_key_create, api_key_revoke
from takeaction.accounts.models import Membership, Role
from takeaction.accounts.services import (
    InvitationError,
    change_record,
    invitation_accept,
    invitation_send,
    organization_create,
)
from takeaction.actions.counters import counts_peek
from takeaction.actions.reports import campaign_dashboard, campaigns_compared
from takeaction.campaigns.images import source_story_card
from takeaction.campaigns.photo import MAX_BYTES, PhotoRefused
from takeaction.campaigns.services import (
    campaign_change_status,
    campaign_create_drafted,
    campaign_duplicate,
    campaign_image_remove,
    campaign_image_set,
    campaign_translation_remove,
    campaign_translation_save,
    source_create,
)
from takeaction.core.framing import allow_same_origin_frames
from takeaction.core.public_page import public_page_render
from takeaction.voices.extract import extract
from takeaction.workspace import forms
from takeaction.workspace.access import org_view
from takeaction.workspace.charts import time_chart
from takeaction.workspace.drafting import campaign_fields_from_draft
from takeaction.workspace.params import campaign_of, date_params, id_param


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    form = forms.SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("workspace:home")
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def home(request):
    """The user's organizations (switch between them), and a form to start one."""
    form = forms.OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = organization_create(name=form.cleaned_data["name"], owner=request.user)
        return redirect("workspace:org", org_slug=organization.slug)
    memberships = Membership.objects.for_user(request.user).order_by("organization__name")
    return render(request, "workspace/home.html", {"memberships": memberships, "form": form})


@org_view()
def org_detail(request, membership):
    campaigns = membership.organization.campaigns.order_by("-created_at")
    return render(request, "workspace/org.html", {"m": membership, "campaigns": campaigns})


@org_view(Role.EDITOR)
@require_http_methods(["GET", "HEAD", "POST"])
def campaign_new(request, membership):
    form = forms.StatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        draft = extract(form.source())
        title, fields, drafted = campaign_fields_from_draft(
            draft,
            title=form.cleaned_data["title"],
            speaker_name=form.cleaned_data["speaker_name"],
            url=form.cleaned_data["url"],
        )
        campaign = campaign_create_drafted(
            organization=membership.organization,
            user=request.user,
            title=title,
            fields=fields,
            drafted=drafted,
        )
        return redirect("workspace:campaign-edit", membership.organization.slug, campaign.slug)
    return render(request, "workspace/campaign_new.html", {"m": membership, "form": form})


@org_view(Role.EDITOR)
@require_http_methods(["GET", "HEAD", "POST"])
def campaign_edit(request, membership, slug):
    campaign = campaign_of(membership, slug)
    form = forms.CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        form.save()
        change_record(
            organization=membership.organization, user=request.user, campaign=campaign,
            action="campaign.edit", summary="Edited: " + ", ".join(form.changed_data)[:250],
        )  # fmt: skip
        messages.success(request, _("Saved: the changes are on the campaign."))
        if form.language_changed_alone():
            # Back to the editor, which says what is still in the other language.
            url = reverse(
                "workspace:campaign-edit", args=[membership.organization.slug, campaign.slug]
            )
            return redirect(f"{url}?check=language")
        return redirect("workspace:campaign", membership.organization.slug, campaign.slug)
    context = {
        "m": membership,
        "campaign": campaign,
        "form": form,
        "check_language": request.GET.get("check") == "language",
        "versions": _other_versions(campaign),
        "drafted_fields": campaign.drafted.get("fields", []),
    }
    return render(request, "workspace/campaign_edit.html", context)


def _other_versions(campaign) -> list[dict]:
    """The languages a campaign could also be read in, and whether it is already."""
    written = set(campaign.translations.values_list("language", flat=True))
    return [
        {"language": code, "name": name, "written": code in written}
        for code, name in settings.LANGUAGES
        if code != campaign.language
    ]


@org_view(Role.EDITOR)
@require_http_methods(["GET", "HEAD", "POST"])
def campaign_translation_edit(request, membership, slug, language):
    """Write (or remove) the campaign's version in another language: its texts only."""
    campaign = campaign_of(membership, slug)
    if language not in dict(settings.LANGUAGES) or language == campaign.language:
        raise Http404("No such language version.")
    found = campaign.translations.filter(language=language).first()
    if request.method == "POST" and request.POST.get("remove") == "1":
        campaign_translation_remove(campaign=campaign, language=language, user=request.user)
        return redirect("workspace:campaign-edit", membership.organization.slug, campaign.slug)
    data = request.POST if request.method == "POST" else None  # an empty POST is refused
    form = forms.CampaignTranslationForm(data, instance=found, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        texts = {name: form.cleaned_data[name] for name in form.Meta.fields}
        campaign_translation_save(
            campaign=campaign, language=language, texts=texts, user=request.user
        )
        return redirect("workspace:campaign-edit", membership.organization.slug, campaign.slug)
    context = {
        "m": membership,
        "campaign": campaign,
        "form": form,
        "found": found,
        "language": language,
        "language_name": dict(settings.LANGUAGES)[language],
    }
    return render(request, "workspace/campaign_translation.html", context)


@org_view(Role.EDITOR)
@require_POST
def campaign_image_edit(request, membership, slug):
    """Upload (or remove) the campaign's image; a refused file is said why, on the editor."""
    campaign = campaign_of(membership, slug)
    if request.POST.get("remove") == "1":
        campaign_image_remove(campaign=campaign, user=request.user)
    else:
        upload = request.FILES.get("image")
        try:
            data = upload.read(MAX_BYTES + 1) if upload is not None else b""
            campaign_image_set(campaign=campaign, data=data, user=request.user)
        except PhotoRefused as refused:
            form = forms.CampaignForm(instance=campaign)
            context = {
                "m": membership,
                "campaign": campaign,
                "form": form,
                "image_error": refused,
                "versions": _other_versions(campaign),
            }
            return render(request, "workspace/campaign_edit.html", context, status=400)
    return redirect("workspace:campaign-edit", membership.organization.slug, campaign.slug)


@org_view(Role.EDITOR)
@require_POST
def campaign_preview_draft(request, membership, slug):
    """Render the public page from the editor's unsaved fields (nothing is written)."""
    campaign = campaign_of(membership, slug)
    form = forms.CampaignForm(request.POST, instance=campaign)
    if not form.is_valid():
        errors = "; ".join(f"{field}: {' '.join(e)}" for field, e in form.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(public_page_render(request, form.save(commit=False), preview=True))
    add_never_cache_headers(response)
    return allow_same_origin_frames(response)


@org_view(Role.EDITOR)
@require_POST
def campaign_status(request, membership, slug):
    campaign = campaign_of(membership, slug)
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        campaign_change_status(
            campaign=campaign, status=form.cleaned_data["status"], user=request.user
        )
    return redirect("workspace:campaign", membership.organization.slug, campaign.slug)


@org_view(Role.EDITOR)
@require_POST
def campaign_duplicate_view(request, membership, slug):
    copy = campaign_duplicate(campaign=campaign_of(membership, slug), user=request.user)
    return redirect("workspace:campaign-edit", membership.organization.slug, copy.slug)


@org_view()
def campaign_dashboard_view(request, membership, slug):
    campaign = campaign_of(membership, slug)
    since, until = date_params(request)
    context = {
        "m": membership,
        "campaign": campaign,
        "since": since,
        "until": until,
        "can_edit": membership.allows(Role.EDITOR),
        "now_shown": timezone.now(),
        **campaign_dashboard(campaign, since=since, until=until, by=request.GET.get("by", "")),
    }
    context["chart"] = time_chart(context["series"], context["by"])
    # All time, as the others: the page's own exact tally when no range is asked for,
    # else the live counters as they stand (never a second pass over the rows).
    whole = context["tally"] if not (since or until) else counts_peek(campaign.pk)
    context["compared"] = campaigns_compared(campaign, whole)
    return render(request, "workspace/dashboard.html", context)


@org_view()
@require_http_methods(["GET", "HEAD", "POST"])
def sources(request, membership, slug):
    campaign = campaign_of(membership, slug)
    form = forms.SourceForm(request.POST or None)
    if request.method == "POST":
        if not membership.allows(Role.EDITOR):
            raise Http404("Viewers cannot add sources.")
        if form.is_valid():
            source_create(campaign=campaign, user=request.user, **form.cleaned_data)
            return redirect("workspace:sources", membership.organization.slug, campaign.slug)
    context = {
        "m": membership,
        "campaign": campaign,
        "form": form,
        "sources": campaign.sources.all(),
        "can_edit": membership.allows(Role.EDITOR),
        # A short link under /es/ lands on the Spanish version, whatever the phone's language.
        "other_languages": campaign.version_languages()[1:],
    }
    return render(request, "workspace/sources.html", context)


@org_view()
def source_qr(request, membership, slug, code, fmt):
    """The source's short link as a QR code, SVG or PNG, to print or post."""
    if fmt not in ("svg", "png"):
        raise Http404("QR codes come as .svg or .png.")
    campaign = campaign_of(membership, slug)
    source = get_object_or_404(campaign.sources, code=code)
    qr = segno.make(settings.SITE_URL + source.get_absolute_url(), error="m")
    response = HttpResponse(content_type="image/svg+xml" if fmt == "svg" else "image/png")
    qr.save(response, kind=fmt, scale=10, border=4, dark="#1b1b1f")
    response["Content-Disposition"] = f'attachment; filename="{source.code}.{fmt}"'
    return response


@org_view()
def source_card(request, membership, slug, code):
    """A ready-to-post 1080x1920 story with the post's short link and QR code."""
    campaign = campaign_of(membership, slug)
    source = get_object_or_404(campaign.sources.select_related("campaign"), code=code)
    response = HttpResponse(source_story_card(source), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{source.code}-story.png"'
    return response


@org_view()
def history(request, membership):
    changes = membership.organization.changes.select_related("user", "campaign")[:200]
    return render(request, "workspace/history.html", {"m": membership, "changes": changes})


@org_view(Role.OWNER)
@require_http_methods(["GET", "HEAD", "POST"])
def members(request, membership):
    form = forms.InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation_send(
            organization=membership.organization, invited_by=request.user, **form.cleaned_data
        )
        return redirect("workspace:members", membership.organization.slug)
    people = membership.organization.memberships.select_related("user").order_by("user__username")
    pending = membership.organization.invitations.filter(accepted_at__isnull=True)
    context = {"m": membership, "people": people, "form": form, "pending": pending}
    return render(request, "workspace/members.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invite_accept(request, token: str):
    """Join an organization through an e-mailed link (log in or sign up first)."""
    if request.method != "POST":
        return render(request, "workspace/invite.html", {"token": token})
    try:
        membership = invitation_accept(token=token, user=request.user)
    except InvitationError as error:
        return render(request, "workspace/invite.html", {"error": str(error)}, status=400)
    return redirect("workspace:org", membership.organization.slug)


@org_view(Role.OWNER)
@require_http_methods(["GET", "HEAD", "POST"])
def api_keys(request, membership):
    """Create and revoke the organization's API keys; a new key is shown this once."""
    organization = membership.organization
    form = forms.ApiKeyForm(request.POST or None)
    new_key = None
    if request.method == "POST" and "revoke" in request.POST:
        row = get_object_or_404(organization.api_keys.active(), pk=id_param(request.POST, "revoke"))
        api_key_revoke(api_key=row, user=request.user)
        return redirect("workspace:api-keys", organization.slug)
    if request.method == "POST" and form.is_valid():
        _row, new_key = api_key_create(
            organization=organization, name=form.cleaned_data["name"], user=request.user
        )
        form = forms.ApiKeyForm()
    context = {
        "m": membership,
        "form": form,
        "keys": organization.api_keys.all(),
        "new_key": new_key,
    }
    response = render(request, "workspace/api_keys.html", context)
    add_never_cache_headers(response)
    return response
