from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from takeaction.campaigns.models import Campaign, CustomTarget, DonationRecipient, PushbackAnswer

# Organizers paste addresses without a scheme; assume https (Django 6's default too).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class DonationRecipientInline(admin.TabularInline):
    model = DonationRecipient
    extra = 0
    formfield_overrides = HTTPS_URLS


class PushbackAnswerInline(admin.StackedInline):
    model = PushbackAnswer
    extra = 0


class CustomTargetInline(admin.TabularInline):
    model = CustomTarget
    extra = 0
    formfield_overrides = HTTPS_URLS


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "status", "language", "updated_at", "preview_link"]
    list_filter = ["status", "language", "platform", "organization"]
    search_fields = ["title", "slug", "speaker_name", "quote"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["organization"]
    formfield_overrides = HTTPS_URLS
    inlines = [CustomTargetInline, DonationRecipientInline, PushbackAnswerInline]
    fieldsets = [
        (None, {"fields": ["organization", "title", "slug", "status", "language", "goal"]}),
        ("Issue", {"fields": ["issue_summary"]}),
        (
            "Statement",
            {
                "fields": [
                    "quote",
                    "ask",
                    "speaker_name",
                    "speaker_handle",
                    "platform",
                    "statement_url",
                    "posted_on",
                ]
            },
        ),
        (
            "Post / tweet",
            {"fields": ["share_enabled", "share_text", "share_text_after", "hashtags"]},
        ),
        ("Talk", {"fields": ["talk_enabled", "talking_points"]}),
        ("Call", {"fields": ["call_enabled", "call_targets", "call_script"]}),
        ("Write", {"fields": ["write_enabled", "letter_subject", "letter_body"]}),
        ("Donate", {"fields": ["donate_enabled"]}),
    ]

    @admin.display(description="Preview")
    def preview_link(self, obj):
        return format_html(
            '<a href="{}">preview</a>', reverse("site:preview", kwargs={"slug": obj.slug})
        )
