"""Template helpers for the public campaign page."""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from takeaction.campaigns.models import tel_uri
from takeaction.campaigns.scripts import fill_template, reader_placeholders
from takeaction.campaigns.share import campaign_share_message, share_links
from takeaction.core import timing
from takeaction.officials.geography import seat_label, title_label

register = template.Library()


@register.simple_tag
def generic_script(text: str) -> str:
    """Fill a script or letter for a reader whose officials are not known yet."""
    values = {"official_title": _("Senator/Representative"), "official_name": _("[their name]")}
    return fill_template(text, values | reader_placeholders())


@register.simple_tag
def official_script(text: str, official) -> str:
    """Fill a script for one official (an OfficialInfo or a custom target)."""
    title = title_label(official.title, getattr(official, "gender", ""))
    values = {"official_title": title, "official_name": official.name}
    return fill_template(text, values | reader_placeholders())


@register.filter
def tel(phone: str) -> str:
    return tel_uri(phone or "")


@register.simple_tag
def campaign_share(campaign) -> dict:
    """Return the share messages (before and after acting), the page's URL and the links."""
    url = settings.SITE_URL + campaign.get_absolute_url()
    message = campaign_share_message(campaign)
    return {
        "message": message,
        "after": campaign_share_message(campaign, acted=True),
        "url": url,
        "links": share_links(text=message, url=url, title=campaign.title),
    }


@register.filter
def get_item(mapping, key):
    """``{{ mapping|get_item:key }}``: a dict lookup with a variable key."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def office_title(value: str) -> str:
    """``{{ official.title|office_title }}``: "Senador(a)" on a Spanish page."""
    return title_label(value)


@register.filter
def official_title(official) -> str:
    """``{{ official|official_title }}``: "Senadora" for a woman on a Spanish page."""
    return title_label(official.title, getattr(official, "gender", ""))


@register.filter
def seat(value) -> str:
    """``{{ candidate.seat|seat }}``: "New York, district 12" in the page's language."""
    return seat_label(value.state, value.district)


@register.filter
def state_name(state: str) -> str:
    """``{{ seat.state|state_name }}``: "New York" for "NY"."""
    return seat_label(state, None)


@register.simple_tag
def page_stamp() -> str:
    """The signed time this page was rendered, for an act form's ``issued`` field."""
    return timing.page_stamp()
