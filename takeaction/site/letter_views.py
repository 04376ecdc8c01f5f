"""Write: a letter to one official, editable, sent by copy, e-mail, contact form or PDF."""

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from takeaction.campaigns import selectors as campaign_selectors
from takeaction.campaigns.scripts import fill_reader, reader_placeholders
from takeaction.core.ratelimit import client_key, rate_limited
from takeaction.officials.snapshot import current_snapshot
from takeaction.site.letters import LetterPdfUnavailable, letter_pdf, letter_text
from takeaction.site.versions import for_version_of

MAX_LETTER = 10_000


class LetterForm(forms.Form):
    first_name = forms.CharField(label=_lazy("Your first name"), max_length=60, required=False)
    city = forms.CharField(label=_lazy("Your town or city"), max_length=80, required=False)
    body = forms.CharField(
        label=_lazy("Your letter"),
        max_length=MAX_LETTER,
        widget=forms.Textarea(attrs={"rows": 16, "class": "letter-edit"}),
    )


def _official_or_404(campaign, target: str):
    if not campaign.write_enabled or not campaign.uses_congress:
        raise Http404("This campaign does not ask for letters to Congress.")
    official = current_snapshot().officials.get(target)
    if official is None:
        raise Http404("Unknown official.")
    return official


def _render(request, campaign, official, form, status=200, message=""):
    # What stands in the letter for each field, in the page's language: the page script
    # puts the fan's words there as they type (the PDF does the same on the server).
    for name, placeholder in reader_placeholders().items():
        form.fields[name].widget.attrs["data-placeholder"] = placeholder
    context = {
        "campaign": campaign,
        "official": official,
        "form": form,
        "message": message,
        "division": request.GET.get("division", "")[:100],
        "subject": campaign.letter_subject,
    }
    return render(request, "site/write.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@for_version_of(campaign_selectors.campaign_get_public)  # the letter, the PDF and the messages
def write_letter(request, campaign, target: str):
    """GET: the editable letter. POST: the same letter as a PDF download."""
    official = _official_or_404(campaign, target)
    if request.method != "POST":
        body = letter_text(campaign=campaign, official=official, first_name="", city="")
        return _render(request, campaign, official, LetterForm(initial={"body": body}))
    form = LetterForm(request.POST)
    limit = settings.ACTION_RATE_LIMIT_PER_MINUTE
    if rate_limited("pdf", client_key(request), limit=limit):
        message = _("Too many downloads from your connection. Wait a minute and try again.")
        return _render(request, campaign, official, form, 429, message)
    if not form.is_valid():
        return _render(request, campaign, official, form, 400, _("Please check the letter."))
    data = form.cleaned_data
    try:
        pdf = letter_pdf(
            campaign=campaign,
            official=official,
            sender_name=data["first_name"],
            sender_city=data["city"],
            body=fill_reader(data["body"], first_name=data["first_name"], city=data["city"]),
            today=timezone.localdate(),
        )
    except LetterPdfUnavailable:
        message = _("PDF letters are not available on this server. Copy the letter instead.")
        return _render(request, campaign, official, form, 503, message)
    except ValueError as error:
        return _render(request, campaign, official, form, 400, str(error))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{official.bioguide_id.lower()}-letter.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
