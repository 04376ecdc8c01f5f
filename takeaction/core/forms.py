"""Form pieces shared by the fan's forms."""

import copy
from types import MappingProxyType

from django import forms


class HoneypotField(forms.CharField):
    """A field hidden from people by CSS and aria-hidden: only bots fill it in.

    Declare it as ``website``; templates render it with ``honeypot.html``. Filling
    it in is never an error: a bot told so would learn the trick. The form is valid,
    the view answers exactly as it answers a success, and ``filled_by_bot`` tells
    it to count (and keep) nothing.
    """

    def __init__(self, **kwargs):
        super().__init__(max_length=200, required=False, **kwargs)


def filled_by_bot(form) -> bool:
    """Whether a valid form's honeypot (``website``) was filled in."""
    return bool(form.cleaned_data.get("website"))


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
    of the CPU of the fan's action POST, measured). So that a later edit cannot
    break that promise silently, the shared fields and their widgets are frozen:
    setting an attribute on one, or changing its widget's ``attrs``, raises
    ``SharedFieldChanged``.
    """
    for field in form_class.base_fields.values():
        if field.__dict__.get("_frozen"):
            continue  # declared on a base class another shared form froze already
        _freeze(field)
        _freeze(field.widget)
        field.widget.attrs = MappingProxyType(dict(field.widget.attrs))
        object.__setattr__(field.widget, "_frozen", True)
        object.__setattr__(field, "_frozen", True)
    form_class.base_fields = _SharedFields(form_class.base_fields)
    return form_class


class SharedFieldChanged(TypeError):
    """A form tried to change a field that every instance of its class shares."""


def _refuse_change(self, name, value):
    if self.__dict__.get("_frozen"):
        raise SharedFieldChanged(
            f"{type(self).__name__}.{name}: this field is shared by every instance of its form "
            "(fields_shared); give the form its own copy of the field instead."
        )
    object.__setattr__(self, name, value)


def _thawed_copy(self, memo):
    # A form subclass (or Django's deep copy of its fields) gets its own, unfrozen copy.
    clone = copy.copy(self)
    clone.__dict__["_frozen"] = False
    clone.__class__ = type(self).__mro__[1]
    if isinstance(clone.__dict__.get("attrs"), MappingProxyType):
        clone.attrs = dict(clone.attrs)
    return copy.deepcopy(clone, memo)


_frozen_classes: dict[type, type] = {}


def _freeze(obj) -> None:
    """Swap ``obj``'s class for a subclass that refuses attribute changes once frozen."""
    cls = type(obj)
    if cls not in _frozen_classes:
        _frozen_classes[cls] = type(
            cls.__name__, (cls,), {"__setattr__": _refuse_change, "__deepcopy__": _thawed_copy}
        )
    obj.__class__ = _frozen_classes[cls]
