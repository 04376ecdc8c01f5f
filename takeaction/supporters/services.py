"""Writes for supporters: creating one, and resolving first-touch attribution."""

import uuid

from django.db import IntegrityError, transaction

from .models import Attribution, Supporter

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
    new_supporter: bool = False,
) -> Attribution:
    """Return the supporter's attribution for the campaign, creating it on first action.

    The referrer's own chain for this campaign is extended by the referrer's code,
    so everyone up the chain is credited. A fan can't refer themselves, and an
    unknown code is ignored.
    """
    if not new_supporter:
        existing = Attribution.objects.filter(supporter=supporter, campaign=campaign).first()
        if existing is not None:
            return existing
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
    fields = {
        "supporter": supporter,
        "campaign": campaign,
        "source_code": source_code,
        "referrer": referrer,
        "referrer_code": referrer.referral_code if referrer else "",
        "referral_chain": chain,
        "referral_depth": chain.count("/") - 1 if chain else 0,
        "chain_source": chain_source,
    }
    if new_supporter:  # created in this transaction: nobody else can have attributed it
        return Attribution.objects.create(**fields)
    try:
        with transaction.atomic():
            return Attribution.objects.create(**fields)
    except IntegrityError:  # a concurrent first action created it
        return Attribution.objects.get(supporter=supporter, campaign=campaign)
