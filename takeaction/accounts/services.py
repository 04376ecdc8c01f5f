"""Writes for organizations, members and the change history."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from takeaction.accounts.models import ChangeRecord, Invitation, Membership, Organization, Role
from takeaction.core.slugs import slug_free

INVITATION_LIFETIME = datetime.timedelta(days=7)


class InvitationError(Exception):
    """The invitation cannot be used; the message says why, for the person holding it."""


def organization_ensure(*, slug: str, name: str) -> Organization:
    """Return the organization with ``slug``, creating it or updating its name."""
    organization, _ = Organization.objects.update_or_create(slug=slug, defaults={"name": name})
    return organization


@transaction.atomic
def member_ensure_with_new_password(*, organization, username: str, role: str) -> str:
    """Make ``username`` a member of ``organization`` with a fresh random password; return it.

    For the demo's organizer: the password is new on each run and only printed, so a
    demo left running never has a password anyone else knows.
    """
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    Membership.objects.update_or_create(
        user=user, organization=organization, defaults={"role": role}
    )
    return password


@transaction.atomic
def organization_create(*, name: str, owner) -> Organization:
    """Create an organization with ``owner`` as its first member."""
    organization = Organization.objects.create(
        name=name, slug=slug_free(Organization.objects, slugify(name)[:60] or "team")
    )
    Membership.objects.create(user=owner, organization=organization, role=Role.OWNER)
    change_record(organization=organization, user=owner, action="organization.create", summary=name)
    return organization


def change_record(*, organization, user, action: str, summary: str, campaign=None) -> ChangeRecord:
    """Record who changed what (every organizer write calls this)."""
    return ChangeRecord.objects.create(
        organization=organization,
        user=user if getattr(user, "is_authenticated", False) else None,
        campaign=campaign,
        action=action,
        summary=summary[:300],
    )


def invitation_send(*, organization, email: str, role: str, invited_by) -> Invitation:
    """Create an invitation and e-mail its link (valid for seven days)."""
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        token=secrets.token_urlsafe(32),
        invited_by=invited_by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    link = settings.SITE_URL + reverse("invite-accept", kwargs={"token": invitation.token})
    send_mail(
        subject=f"Join {organization.name} on {settings.SITE_NAME}",
        message=(
            f"{invited_by.get_username()} invited you to {organization.name} as "
            f"{invitation.get_role_display().lower()}.\n\nOpen this link within 7 days:\n{link}\n"
        ),
        from_email=None,
        recipient_list=[email],
    )
    change_record(
        organization=organization, user=invited_by,
        action="member.invite", summary=f"Invited {email} as {role}",
    )  # fmt: skip
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    """Make ``user`` a member through an invitation; raise InvitationError if it can't be used."""
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None:
        raise InvitationError("This invitation link is not valid.")
    if invitation.accepted_at is not None:
        raise InvitationError("This invitation has already been used.")
    if invitation.expires_at < timezone.now():
        raise InvitationError("This invitation has expired. Ask for a new one.")
    membership, created = Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    if created:
        change_record(
            organization=invitation.organization, user=user,
            action="member.join", summary=f"{user.get_username()} joined as {invitation.role}",
        )  # fmt: skip
    return membership
