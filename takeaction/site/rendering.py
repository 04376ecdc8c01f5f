"""Rendering the public campaign page, for the public view, previews and the editor."""

from django.template.loader import render_to_string

from takeaction.actions.selectors import page_counts
from takeaction.core.language import in_language


def render_campaign_page(request, campaign, *, preview: bool) -> str:
    """Render the public page of ``campaign`` (saved or not) to HTML."""
    context = {"campaign": campaign, "verbs": campaign.enabled_verbs(), "preview": preview}
    context |= page_counts(campaign)
    with in_language(campaign):
        return render_to_string("site/detail.html", context, request=request)
