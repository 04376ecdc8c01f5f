"""Forms whose instances share their declared fields: nothing one form does reaches the next."""

import pytest
from django import forms

from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.core.forms import fields_shared
from takeaction.site.action_forms import ActionForm

pytestmark = pytest.mark.django_db


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


def test_the_action_form_shares_its_fields_and_keeps_each_answer_its_own():
    campaign = CampaignFactory(ask="Please tweet, talk, call, write, donate.")
    refused = ActionForm({"verb": "talk", "outcome": "voicemail"}, campaign=campaign)
    accepted = ActionForm({"verb": "talk", "outcome": "talked_to_someone"}, campaign=campaign)
    assert refused.fields["verb"] is accepted.fields["verb"]
    assert not refused.is_valid() and accepted.is_valid()
    assert not accepted.errors and refused.errors
