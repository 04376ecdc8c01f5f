"""Writes for supporters: creating one, resolving first-touch attribution, and people who opt in."""

import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from takeaction.core.events import optin_recorded, person_saved, send_after_commit
from takeaction.supporters.models import Attribution, Person, Signup, Supporter, Tag, Tagging

MAX_CHAIN = 400


def supporter_find(*, public_id: str | None, for_update: bool = False) -> Supporter | None:
    """Return the supporter a cookie names, or None (missing, malformed or unknown id).

    ``for_update`` locks the row until the transaction ends (PostgreSQL).
    """
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        return None
    rows = Supporter.objects.select_for_update() if for_update else Supporter.objects
    return rows.filter(public_id=key).first()


def supporter_get_or_create(*, public_id: str | None) -> tuple[Supporter, bool]:
    """Return the supporter for a cookie's id, or a new one (a missing or stale id)."""
    supporter = supporter_find(public_id=public_id) if public_id else None
    if supporter is not None:
        return supporter, False
    return Supporter.objects.create(), True


def attribution_ensure(
    *,
    supporter: Supporter,
    campaign,
    source_code: str,
    referrer_code: str,
) -> Attribution:
    """Return the supporter's attribution for the campaign, resolved on their first action.

    Only a first touch with a source or a referrer is stored: an empty one is
    returned unsaved, and a missing row reads the same (no chain, no source). So
    a later act must take its attribution from the supporter's earlier acts on the
    campaign (as ``action_record`` does), not from here, where an empty first
    touch would be resolved again.
    """
    existing = Attribution.objects.filter(supporter=supporter, campaign=campaign).first()
    if existing is not None:
        return existing
    attribution = attribution_resolve(
        supporter=supporter, campaign=campaign, source_code=source_code, referrer_code=referrer_code
    )
    if not attribution.worth_storing:
        return attribution
    try:
        with transaction.atomic():
            attribution.save(force_insert=True)
            return attribution
    except IntegrityError:  # a concurrent first action created it
        return Attribution.objects.get(supporter=supporter, campaign=campaign)


def attribution_resolve(
    *, supporter: Supporter, campaign, source_code: str, referrer_code: str
) -> Attribution:
    """The first touch a source and a referral code make, unsaved (it only reads).

    The referrer's own chain for this campaign is extended by the referrer's code,
    so everyone up the chain is credited. A fan can't refer themselves, and an
    unknown code is ignored.
    """
    referrer = None
    chain = ""
    chain_source = ""
    if referrer_code and referrer_code != supporter.referral_code:
        referrer = Supporter.objects.filter(referral_code=referrer_code).first()
    if referrer is not None:
        parent = Attribution.objects.filter(supporter=referrer, campaign=campaign).first()
        parent_chain = parent.referral_chain if parent else ""
        if f"/{supporter.referral_code}/" in parent_chain:
            referrer = None  # a loop: the referrer was brought by this supporter
        else:
            chain = (parent_chain or "/") + referrer.referral_code + "/"
            chain_source = (parent.chain_source or parent.source_code) if parent else ""
            if len(chain) > MAX_CHAIN:  # keep the nearest links of a very long chain
                chain = "/" + chain[-MAX_CHAIN + 1 :].split("/", 1)[1]
    return Attribution(
        supporter=supporter,
        campaign=campaign,
        source_code=source_code,
        referrer=referrer,
        referrer_code=referrer.referral_code if referrer else "",
        referral_chain=chain,
        referral_depth=chain.count("/") - 1 if chain else 0,
        chain_source=chain_source,
    )


@dataclass(frozen=True)
class PersonDetails:
    """Contact details, already validated; empty strings mean "not given" (kept as they are)."""

    email: str
    given_name: str = ""
    family_name: str = ""
    postal_code: str = ""
    locality: str = ""
    region: str = ""
    country: str = ""
    email_status: str = ""
    custom_fields: dict = field(default_factory=dict)


def _person_lock_or_create(organization, email: str) -> tuple[Person, bool]:
    # The unique (organization, email) constraint settles a race between two
    # sign-ups with one address: the loser reads the winner's row.
    person = (
        Person.objects.select_for_update().filter(organization=organization, email=email).first()
    )
    if person is not None:
        return person, False
    try:
        with transaction.atomic():
            return Person.objects.create(organization=organization, email=email), True
    except IntegrityError:
        return Person.objects.select_for_update().get(organization=organization, email=email), False


_PERSON_FIELDS = ("given_name", "family_name", "postal_code", "locality", "region", "country",
                  "email_status")  # fmt: skip


def _person_apply(person: Person, details: PersonDetails) -> None:
    for name in _PERSON_FIELDS:
        value = getattr(details, name)
        if value:
            setattr(person, name, value)
    person.custom_fields = {**person.custom_fields, **details.custom_fields}
    person.save()


class EmailTaken(Exception):
    """Another person of the organization already has that address."""


@transaction.atomic
def person_update(*, person: Person, details: PersonDetails) -> Person:
    """Change a person's details; an empty e-mail keeps theirs; a taken one raises EmailTaken."""
    email = details.email.strip().lower()
    if email and email != person.email:
        if Person.objects.filter(organization_id=person.organization_id, email=email).exists():
            raise EmailTaken(email)
        person.email = email
    try:
        with transaction.atomic():
            _person_apply(person, details)
    except IntegrityError:  # the address was taken in between
        raise EmailTaken(email) from None
    send_after_commit(person_saved, Person, person=person, created=False)
    return person


@transaction.atomic
def person_signup(
    *,
    organization,
    details: PersonDetails,
    tags: tuple[str, ...] = (),
    campaign=None,
    supporter: Supporter | None = None,
) -> tuple[Person, bool]:
    """Create or update the organization's person with this e-mail (Action Network's signup helper).

    Given fields replace stored ones, missing ones are kept, custom fields are
    merged key by key. Tags are created as needed and added; a campaign records
    the opt-in on that campaign's list. Returns the person and whether it is new.
    """
    person, created = _person_lock_or_create(organization, details.email.strip().lower())
    _person_apply(person, details)
    for name in tags:
        tag_add(person=person, tag=tag_get_or_create(organization=organization, name=name))
    if campaign is not None:
        signup, made = Signup.objects.get_or_create(
            person=person, campaign=campaign, defaults={"supporter": supporter}
        )
        if made:
            send_after_commit(optin_recorded, Signup, signup=signup)
        elif supporter is not None and signup.supporter_id != supporter.pk:
            signup.supporter = supporter
            signup.save(update_fields=["supporter", "modified_at"])
    send_after_commit(person_saved, Person, person=person, created=created)
    return person, created


def tag_get_or_create(*, organization, name: str) -> Tag:
    name = name.strip()
    try:
        with transaction.atomic():
            return Tag.objects.get_or_create(organization=organization, name=name)[0]
    except IntegrityError:  # created concurrently
        return Tag.objects.get(organization=organization, name=name)


def tag_add(*, person: Person, tag: Tag) -> tuple[Tagging, bool]:
    """Tag a person of the tag's own organization; adding it twice is one tagging."""
    if person.organization_id != tag.organization_id:
        raise ValueError("A tag and a person must belong to the same organization.")
    try:
        with transaction.atomic():
            return Tagging.objects.get_or_create(tag=tag, person=person)
    except IntegrityError:
        return Tagging.objects.get(tag=tag, person=person), False


def tagging_delete(*, tagging: Tagging) -> None:
    tagging.delete()


def person_erase(*, person: Person) -> None:
    """Delete a person with their sign-ups and taggings; their anonymous acts stay counted."""
    person.delete()
