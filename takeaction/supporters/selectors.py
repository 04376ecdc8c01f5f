"""Reads of people for the organizer workspace and exports."""

from collections.abc import Iterator

from django.db.models import Count, Q

from takeaction.core.csvstream import CHUNK_SIZE
from takeaction.supporters.models import Person, Signup, Tagging


def people_for_organization(organization, *, query: str = ""):
    """The organization's people, newest change first, optionally matching ``query``."""
    people = Person.objects.filter(organization=organization)
    query = query.strip()
    if query:
        people = people.filter(
            Q(email__icontains=query) | Q(given_name__icontains=query)
            | Q(family_name__icontains=query) | Q(postal_code__startswith=query)
        )  # fmt: skip
    return people.annotate(campaigns=Count("signups", distinct=True)).order_by(
        "-modified_at", "-id"
    )


PEOPLE_COLUMNS = (
    "id", "email", "email_status", "given_name", "family_name", "postal_code", "locality",
    "region", "country", "campaigns", "tags", "created_at", "modified_at",
)  # fmt: skip


def people_rows(organization) -> Iterator[tuple]:
    """Every person of the organization in ``PEOPLE_COLUMNS`` order, lazily.

    Campaign slugs and tag names are joined with spaces; they are read per chunk
    of people (two queries a chunk), not per person.
    """
    people = Person.objects.filter(organization=organization).order_by("id")
    last_id = 0
    while chunk := list(people.filter(id__gt=last_id)[:CHUNK_SIZE]):
        last_id = chunk[-1].id
        ids = [person.id for person in chunk]
        campaigns = _grouped(Signup.objects.filter(person_id__in=ids), "campaign__slug")
        tags = _grouped(Tagging.objects.filter(person_id__in=ids), "tag__name")
        for p in chunk:
            yield (
                p.public_id, p.email, p.email_status, p.given_name, p.family_name,
                p.postal_code, p.locality, p.region, p.country,
                " ".join(sorted(campaigns.get(p.id, []))), " ".join(sorted(tags.get(p.id, []))),
                p.created_at, p.modified_at,
            )  # fmt: skip


def _grouped(rows, field: str) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for person_id, value in rows.values_list("person_id", field):
        grouped.setdefault(person_id, []).append(value)
    return grouped
