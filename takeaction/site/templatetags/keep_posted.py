"""``{% keep_posted_form campaign %}``: the opt-in card, on whichever fan page wants it."""

from django import template

from takeaction.site.keep_posted_forms import KeepPostedForm

register = template.Library()


@register.inclusion_tag("site/keep_posted_form.html", takes_context=True)
def keep_posted_form(context, campaign):
    request = context["request"]
    return {
        "campaign": campaign,
        "form": KeepPostedForm(),
        "kept": request.GET.get("kept") == "1",
        "csrf_token": context.get("csrf_token"),
    }
