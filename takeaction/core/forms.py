"""Form pieces shared by the fan's forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotField(forms.CharField):
    """A field hidden from people by CSS and aria-hidden: only bots fill it in.

    Declare it as ``website``; templates render it with ``honeypot.html``.
    """

    def __init__(self, **kwargs):
        super().__init__(max_length=200, required=False, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            raise forms.ValidationError(_("This form was filled in automatically."), "honeypot")
