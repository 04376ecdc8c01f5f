"""The workspace banner for endpoints the worker turned off."""

from django import template

from takeaction.webhooks.selectors import endpoints_disabled_for_failure

register = template.Library()


@register.inclusion_tag("workspace/webhooks/failing_banner.html")
def webhooks_failing_banner(organization):
    return {
        "failing": list(endpoints_disabled_for_failure(organization)),
        "org_slug": organization.slug,
    }
