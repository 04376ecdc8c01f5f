"""Organizer forms: sign-up, organizations, campaigns from a statement, the editor, sources."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from takeaction.accounts.models import Role
from takeaction.campaigns.models import Campaign, CampaignTranslation, Platform
from takeaction.campaigns.services import ALLOWED_PLACEHOLDERS, unknown_placeholders
from takeaction.voices.reading import MAX_BYTES


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)


class SignupForm(UserCreationForm):
    email = forms.EmailField(label=_("E-mail"), help_text=_("For password resets and invitations."))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Organization name"), max_length=200)


class StatementForm(forms.Form):
    """A post or article to draft a campaign from: pasted, or a saved page."""

    text = forms.CharField(
        label=_("The post's or article's text"),
        required=False,
        max_length=MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Paste the post, a statement, or a news article (its text or its HTML)."),
    )
    page = forms.FileField(label=_("Or a saved page (HTML or text, up to 200 KB)"), required=False)
    url = forms.URLField(label=_("Link to the post"), required=False, assume_scheme="https")
    title = forms.CharField(
        label=_("Campaign title"),
        max_length=200,
        required=False,
        help_text=_("Empty: drafted from what the statement asks for."),
    )
    speaker_name = forms.CharField(
        label=_("Who said it"),
        max_length=120,
        required=False,
        help_text=_("Empty: the person the text quotes most."),
    )

    def clean_page(self):
        page = self.cleaned_data.get("page")
        if page is None:
            return b""
        data = page.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise forms.ValidationError(_("The file is over 200 KB: save the article alone."))
        return data

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and not cleaned.get("page"):
            raise forms.ValidationError(_("Paste the statement's text, or choose a saved page."))
        return cleaned

    def source(self) -> bytes | str:
        """What to read: the file if one was given, else the pasted text."""
        return self.cleaned_data.get("page") or self.cleaned_data.get("text", "")


class PlaceholdersChecked:
    """A form's call script and letter may hold only the placeholders fans' details fill."""

    def _placeholders(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        unknown = unknown_placeholders(value)
        if unknown:
            allowed = ", ".join(f"{{{n}}}" for n in ALLOWED_PLACEHOLDERS)
            raise forms.ValidationError(
                _("Unknown placeholder %(unknown)s. Use only %(allowed)s.")
                % {"unknown": ", ".join(unknown), "allowed": allowed}
            )
        return value

    def clean_call_script(self):
        return self._placeholders("call_script")

    def clean_letter_body(self):
        return self._placeholders("letter_body")


class CampaignForm(PlaceholdersChecked, forms.ModelForm):
    statement_url = forms.URLField(
        label=_("Link to the post"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "slug",
            "language",
            "brand",
            "goal",
            "issue_summary",
            "quote",
            "ask",
            "speaker_name",
            "speaker_handle",
            "platform",
            "statement_url",
            "posted_on",
            "share_enabled",
            "share_text",
            "share_text_after",
            "hashtags",
            "talk_enabled",
            "talking_points",
            "call_enabled",
            "call_targets",
            "call_script",
            "write_enabled",
            "letter_subject",
            "letter_body",
            "donate_enabled",
            "embed_origins",
        ]
        widgets = {"posted_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].label = _("Address")
        self.fields["slug"].help_text = _(
            "The page is at /c/<address>/. Change it freely before publishing; once the page "
            "is public, links to the old address redirect to the new one (short links "
            "always follow the campaign)."
        )
        light = _(
            "Formatting: **bold**, *italic*, [a link](https://…), a blank line between paragraphs."
        )
        for name in ("issue_summary",):
            self.fields[name].help_text = light
        allowed = ", ".join(f"{{{name}}}" for name in ALLOWED_PLACEHOLDERS)
        for name in ("call_script", "letter_body"):
            self.fields[name].help_text = _("Placeholders you can use: %(allowed)s.") % {
                "allowed": allowed
            }

    # What a fan reads in the campaign's language: left as they were when the language
    # changes (a duplicated campaign, say), the page would mix two languages.
    LANGUAGE_TEXTS = (
        "ask", "issue_summary", "share_text", "share_text_after", "talking_points",
        "call_script", "letter_subject", "letter_body",
    )  # fmt: skip

    def save(self, commit=True):
        """Save; a drafted field the organizer changed is no longer marked as drafted."""
        drafted = dict(self.instance.drafted or {})
        if drafted.get("fields"):
            drafted["fields"] = [n for n in drafted["fields"] if n not in self.changed_data]
            self.instance.drafted = drafted
        return super().save(commit)

    def language_changed_alone(self) -> bool:
        """The language changed but none of the texts written in the old one did."""
        changed = set(self.changed_data)
        filled = [name for name in self.LANGUAGE_TEXTS if self.cleaned_data.get(name)]
        return "language" in changed and bool(filled) and not changed & set(filled)

    def clean_speaker_handle(self):
        """ "khloekardashian" is shown as "@khloekardashian", as fans know handles."""
        value = " ".join(self.cleaned_data.get("speaker_handle", "").split())
        if value and " " not in value and "/" not in value and not value.startswith("@"):
            value = "@" + value
        return value

    def clean_embed_origins(self):
        value = self.cleaned_data.get("embed_origins", "")
        valid = set(Campaign(embed_origins=value).embed_origin_list())
        bad = [
            line.strip()
            for line in value.splitlines()
            if line.strip() and line.strip().removesuffix("/").lower() not in valid
        ]
        if bad:
            raise forms.ValidationError(
                _("Not a site address: %(bad)s. Write one per line, like https://example.org.")
                % {"bad": ", ".join(bad[:5])}
            )
        return value


class CampaignTranslationForm(PlaceholdersChecked, forms.ModelForm):
    """The texts of a campaign's version in another language (the rest is shared)."""

    class Meta:
        model = CampaignTranslation
        fields = ["title", "quote_translation", *CampaignTranslation.TEXTS[1:]]

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        # What each text is, as on the campaign's own form; the original beside it.
        own = CampaignForm(instance=campaign)
        for name, field in self.fields.items():
            if name in own.fields:
                field.label = own.fields[name].label
                field.help_text = own.fields[name].help_text
        self.fields["quote_translation"].label = _("The statement, translated")
        self.fields["quote_translation"].help_text = _(
            "Optional. The page shows the statement as it was said, and this under it, "
            "marked as a translation."
        )


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("e.g. IG story 22 June"))
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    handle = forms.CharField(label=_("Account handle"), max_length=80, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Campaign.Status.choices)


class ApiKeyForm(forms.Form):
    name = forms.CharField(label=_("What is this key for?"), max_length=100)
