"""Share images and referral QR codes for public campaigns."""

import re

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_safe

from takeaction.accounts.access import may_preview
from takeaction.campaigns import selectors
from takeaction.campaigns.images import KINDS, campaign_image
from takeaction.campaigns.qr import referral_qr_svg, referral_url
from takeaction.site.versions import campaign_version

# The bytes change only when the campaign is edited; shared caches may keep them an hour.
IMAGE_CACHE_CONTROL = "public, max-age=3600"
REFERRAL_CODE = re.compile(r"[A-Za-z0-9_-]{4,32}")


class ImageKindConverter:
    """Match the share-image names in a URL (``og``, ``story``, ``square``)."""

    regex = "|".join(KINDS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


@require_safe
def campaign_image_view(request, slug: str, kind: str):
    """Serve a public campaign's share image; ``?download=1`` saves a story or post."""
    campaign = campaign_version(request, selectors.campaign_get_public(slug=slug))
    response = HttpResponse(campaign_image(campaign, kind), content_type="image/png")
    response["Cache-Control"] = IMAGE_CACHE_CONTROL
    if kind != "og" and request.GET.get("download") == "1":
        response["Content-Disposition"] = f'attachment; filename="{slug}-{kind}.png"'
    return response


@require_safe
def referral_qr_view(request, slug: str):
    """Serve a QR code for the campaign link, carrying the fan's ``?r=`` code if given."""
    code = request.GET.get("r")
    if code is not None and not REFERRAL_CODE.fullmatch(code):
        return HttpResponseBadRequest(
            "Referral codes are 4 to 32 letters, digits, '-' or '_'.",
            content_type="text/plain; charset=utf-8",
        )
    campaign = campaign_version(request, selectors.campaign_get_public(slug=slug))
    response = HttpResponse(
        referral_qr_svg(referral_url(campaign, code)), content_type="image/svg+xml"
    )
    response["Cache-Control"] = IMAGE_CACHE_CONTROL
    return response


@require_safe
def campaign_photo_view(request, slug: str):
    """Serve the campaign's own image: a live campaign's to anyone, a draft's to its team."""
    campaign = selectors.campaign_get_for_preview(slug=slug)
    if not campaign.is_public and not may_preview(request.user, campaign.organization):
        raise Http404("No campaign with that address.")
    jpeg = selectors.campaign_image_jpeg(campaign=campaign)
    if jpeg is None:
        raise Http404("This campaign has no image.")
    response = HttpResponse(jpeg, content_type="image/jpeg")
    # Its URL carries ?v=<image_version>: a new image is a new address.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
