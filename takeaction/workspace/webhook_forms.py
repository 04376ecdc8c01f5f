"""The endpoint form: where to send, and which events."""

from django import forms
from django.utils.translation import gettext_lazy as _

from takeaction.webhooks.models import EventType


class EndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Endpoint URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "We POST signed JSON here, e.g. https://example.org/hooks/takeaction. "
            "Public http(s) addresses only."
        ),
    )
    event_types = forms.MultipleChoiceField(
        label=_("Events to send"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Note for your team (optional)"), max_length=200, required=False
    )
