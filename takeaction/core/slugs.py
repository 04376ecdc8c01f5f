"""Addresses (slugs) made from names, kept unique."""

from django.db.models import QuerySet


def slug_free(taken: QuerySet, base: str, *, field: str = "slug") -> str:
    """Return ``base``, or ``base-2``, ``base-3``… : the first one no row of ``taken`` has.

    A race between two creators is settled by the column's unique constraint.
    """
    slug, n = base, 1
    while taken.filter(**{field: slug}).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
