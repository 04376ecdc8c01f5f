"""Forms whose instances share their declared fields: nothing one form does reaches the next."""

import pytest
from django import forms

from takeaction.core.forms import SharedFieldChanged, fields_shared


@fields_shared
class SharedForm(forms.Form):
    name = forms.CharField(max_length=5)
    color = forms.ChoiceField(choices=[("red", "Red"), ("blue", "Blue")])


def test_instances_use_the_declared_fields_without_copying_them():
    one, two = SharedForm(), SharedForm({"name": "x"})
    assert one.fields["name"] is two.fields["name"] is SharedForm.base_fields["name"]
    assert one.fields is not two.fields  # the dict itself is each form's own


def test_a_bound_form_with_errors_leaves_the_next_one_clean():
    bad = SharedForm({"name": "far too long", "color": "green"})
    assert not bad.is_valid()
    assert "far too long" in str(bad["name"]) and bad.errors
    fresh = SharedForm()
    assert not fresh.is_bound and not fresh.errors
    assert "far too long" not in str(fresh) and "errorlist" not in str(fresh)
    good = SharedForm({"name": "ok", "color": "red"})
    assert good.is_valid() and good.cleaned_data == {"name": "ok", "color": "red"}


def test_a_shared_field_refuses_a_per_instance_change():
    form = SharedForm()
    with pytest.raises(SharedFieldChanged):
        form.fields["color"].choices = [("green", "Green")]
    with pytest.raises(SharedFieldChanged):
        form.fields["name"].max_length = 50
    with pytest.raises(TypeError):
        form.fields["name"].widget.attrs["placeholder"] = "leaks into the next form"
    assert "placeholder" not in str(SharedForm()["name"])


def test_a_form_may_still_give_itself_its_own_copy_of_a_field():
    class Adjusted(SharedForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["color"] = forms.ChoiceField(choices=[("green", "Green")])

    assert Adjusted({"name": "ok", "color": "green"}).is_valid()
    assert not SharedForm({"name": "ok", "color": "green"}).is_valid()
