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


class _SharedFields(dict):
    """Declared fields that every instance of the form uses as they are (see ``fields_shared``)."""

    def __deepcopy__(self, memo):
        return dict(self)


def fields_shared(form_class):
    """Let the form's instances share its declared fields instead of deep-copying them.

    Django copies every field for each new form so that one form may change its
    own fields (choices, widget attributes) without touching the next. A form
    decorated with this must never do that; in return a new instance costs a
    dict copy, not a deep copy of every field, widget and choice list (an eighth
    of the CPU of the fan's action POST, measured).
    """
    form_class.base_fields = _SharedFields(form_class.base_fields)
    return form_class
