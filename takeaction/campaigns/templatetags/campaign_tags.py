"""Template helpers for the public campaign page."""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from ..scripts import fill_template
from ..share import share_links, share_message

register = template.Library()


@register.simple_tag
def generic_script(text: str) -> str:
    """Fill a script or letter for a reader whose officials are not known yet."""
    return fill_template(
        text,
        {
            "official_title": _("Senator/Representative"),
            "official_name": _("[their name]"),
            "first_name": _("[your name]"),
            "city": _("[your town]"),
        },
    )


@register.simple_tag
def campaign_share(campaign) -> dict:
    """Return the share message, the page's absolute URL and the compose links."""
    url = settings.SITE_URL + campaign.get_absolute_url()
    message = share_message(campaign.share_text or campaign.title, campaign.hashtag_list())
    return {
        "message": message,
        "url": url,
        "links": share_links(text=message, url=url, title=campaign.title),
    }
