"""The fan's opt-in: an e-mail address and consent, nothing more required."""

from django import forms
from django.utils.translation import gettext_lazy as _

from takeaction.core.forms import HoneypotField
from takeaction.supporters.services import PersonDetails


class KeepPostedForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    given_name = forms.CharField(label=_("First name (optional)"), max_length=100, required=False)
    postal_code = forms.RegexField(
        label=_("ZIP code (optional)"), regex=r"^\d{5}(-\d{4})?$", required=False,
        error_messages={"invalid": _("Enter a 5-digit ZIP code.")},
    )  # fmt: skip
    consent = forms.BooleanField(
        error_messages={"required": _("Tick the box to say we may e-mail you.")}
    )
    website = HoneypotField()

    def details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            email=data["email"],
            given_name=data["given_name"].strip(),
            postal_code=data["postal_code"][:5],
            email_status="subscribed",
        )
