"""``{% version_switch campaign %}``: the link to each language version of this page."""

from django import template
from django.conf import settings
from django.utils.html import format_html_join

from takeaction.site.versions import version_links

register = template.Library()


@register.inclusion_tag("site/version_switch.html", takes_context=True)
def version_switch(context, campaign, keep_query=False):
    return {"links": version_links(context["request"], campaign, keep_query=bool(keep_query))}


@register.simple_tag(takes_context=True)
def version_alternates(context, campaign):
    """``<link rel="alternate" hreflang>`` for each version, as search engines read them."""
    links = version_links(context["request"], campaign)
    return format_html_join(
        "",
        '<link rel="alternate" hreflang="{}" href="{}{}">',
        ((link["language"], settings.SITE_URL, link["url"]) for link in links),
    )
