"""Forget a campaign's cached row, and tell the page caches, whenever anything it shows is edited.

Signals rather than service calls because staff also edit through the admin,
and a stale public page after an edit would be a visible bug. The fan site keeps
the rendered pages; it hears of edits through ``core.events.campaign_pages_changed``.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from takeaction.accounts.models import Organization
from takeaction.campaigns.models import (
    Campaign,
    CampaignTranslation,
    CustomTarget,
    DonationRecipient,
    PushbackAnswer,
    RetiredSlug,
)
from takeaction.campaigns.selectors import campaign_rows_forget
from takeaction.core.events import campaign_pages_changed


def _forget(slugs) -> None:
    slugs = [slug for slug in slugs if slug]
    campaign_rows_forget(*slugs)
    campaign_pages_changed.send(sender=Campaign, slugs=slugs)


def _forget_after_commit(*slugs):
    # After commit, so a request racing the edit cannot re-cache the old page.
    transaction.on_commit(lambda: _forget(slugs))


@receiver(pre_save, sender=Campaign)
def _remember_previous_slug(sender, instance, **kwargs):
    if instance.pk:
        previous = Campaign.objects.filter(pk=instance.pk).values("slug", "status").first()
        instance._previous_slug = previous["slug"] if previous else None
        instance._was_public = bool(previous) and previous["status"] != Campaign.Status.DRAFT


@receiver(post_save, sender=Campaign)
def _keep_the_old_address(sender, instance, created, **kwargs):
    """A slug changed after the campaign went public: its old links must still land."""
    previous = getattr(instance, "_previous_slug", None)
    if created or not previous or previous == instance.slug:
        return
    RetiredSlug.objects.filter(slug=instance.slug).delete()  # the new slug is live again
    if instance._was_public:
        RetiredSlug.objects.update_or_create(slug=previous, defaults={"campaign": instance})


@receiver([post_save, post_delete], sender=Campaign)
def _campaign_changed(sender, instance, **kwargs):
    _forget_after_commit(instance.slug, getattr(instance, "_previous_slug", None))


@receiver([post_save, post_delete], sender=DonationRecipient)
@receiver([post_save, post_delete], sender=PushbackAnswer)
@receiver([post_save, post_delete], sender=CustomTarget)
@receiver([post_save, post_delete], sender=CampaignTranslation)
def _campaign_part_changed(sender, instance, **kwargs):
    slug = Campaign.objects.filter(pk=instance.campaign_id).values_list("slug", flat=True).first()
    _forget_after_commit(slug)


@receiver(post_save, sender=Organization)
def _organization_changed(sender, instance, **kwargs):
    _forget_after_commit(*instance.campaigns.values_list("slug", flat=True))
