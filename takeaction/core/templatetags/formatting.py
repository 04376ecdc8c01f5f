from django import template

from takeaction.core.formatting import render_light

register = template.Library()


@register.filter
def light(text: str):
    """``{{ campaign.issue_summary|light }}``: organizer formatting, sanitised."""
    return render_light(text)
