"""OSDI forms and submissions (sign-ups and the acts that are not outreaches) and lists.

Each campaign has four forms: its "keep me posted" sign-up, whose submissions
are people who opted in (and which accepts the record submission helper), and
one each for sharing, talking and donating, whose submissions are those acts.
Calls and letters are outreaches (see ``campaigns``). Each campaign also has one
list: the people subscribed through its sign-up.
"""

from django.conf import settings

from takeaction.actions.models import ActionEvent
from takeaction.actions.rollups import counted_of_verb, rollups_catch_up
from takeaction.api.osdi.campaigns import action_uuid, campaign_by_key, organization_campaigns
from takeaction.api.osdi.hal import (
    BadRequest,
    answer,
    derived_uuid,
    endpoint,
    identifiers,
    iso,
    json_body,
    link,
    modified_filter,
    page,
)
from takeaction.api.osdi.people import person_dict
from takeaction.api.osdi.person_input import person_details, tag_names
from takeaction.campaigns.verbs import Verb
from takeaction.supporters.models import Person, Signup
from takeaction.supporters.services import person_signup

SIGNUP = "signup"
FORM_KINDS = (SIGNUP, Verb.SHARE, Verb.TALK, Verb.DONATE)
_FORM_TITLES = {
    SIGNUP: "Keep me posted",
    Verb.SHARE: "Shares",
    Verb.TALK: "Conversations",
    Verb.DONATE: "Donation clicks",
}


def form_uuid(campaign, kind: str):
    return derived_uuid("form", campaign.pk, kind)


def list_uuid(campaign):
    return derived_uuid("list", campaign.pk)


def _form_by_key(request, key: str):
    for campaign in organization_campaigns(request):
        for kind in FORM_KINDS:
            if str(form_uuid(campaign, kind)) == key:
                return campaign, kind
    raise BadRequest("No such form.", status=404)


def _form_dict(campaign, kind: str, total: int) -> dict:
    key = form_uuid(campaign, kind)
    links = {"self": link("form", key=key), "osdi:submissions": link("submissions", key=key)}
    if kind == SIGNUP:
        links["osdi:record_submission_helper"] = link("submissions", key=key)
    return {
        "identifiers": identifiers(key),
        "created_date": iso(campaign.created_at),
        "modified_date": iso(campaign.updated_at),
        "title": f"{campaign.title}: {_FORM_TITLES[kind]}",
        "browser_url": settings.SITE_URL + campaign.get_absolute_url(),
        "total_submissions": total,
        "takeaction:kind": str(kind),
        "_links": links,
    }


def _submissions(campaign, kind: str):
    if kind == SIGNUP:
        return Signup.objects.filter(campaign=campaign).select_related("person")
    return ActionEvent.objects.counted().filter(campaign=campaign, verb=kind)


def _form_total(campaign, kind: str) -> int:
    """Sign-ups, or the counted acts of one verb, from the rollups (not a count of rows)."""
    if kind == SIGNUP:
        return _submissions(campaign, kind).count()
    rollups_catch_up(campaign.pk)
    return counted_of_verb(campaign.pk, kind)


def _form_row_dict(row: tuple) -> dict:
    campaign, kind = row
    return _form_dict(campaign, kind, _form_total(campaign, kind))


@endpoint()
def forms(request):
    campaigns = modified_filter(request, organization_campaigns(request), "updated_at")
    rows = [(campaign, kind) for campaign in campaigns for kind in FORM_KINDS]
    return page(request, rows, "osdi:forms", "forms", _form_row_dict)


@endpoint()
def form(request, key: str):
    campaign, kind = _form_by_key(request, key)
    return answer(_form_dict(campaign, kind, _form_total(campaign, kind)))


def _signup_dict(signup: Signup, form_link: dict) -> dict:
    return {
        "identifiers": identifiers(signup.public_id),
        "created_date": iso(signup.created_at),
        "modified_date": iso(signup.modified_at),
        "_links": {
            "osdi:form": form_link,
            "osdi:person": link("person", key=signup.person.public_id),
        },
    }


def _people_by_supporter(campaign, events) -> dict:
    """Who, among fans who opted in on this campaign, did these acts (one query)."""
    signups = Signup.objects.filter(
        campaign=campaign, supporter_id__in={event.supporter_id for event in events}
    ).select_related("person")
    return {signup.supporter_id: signup.person for signup in signups}


def _act_serializer(campaign, form_link: dict):
    def many(events):
        people = _people_by_supporter(campaign, events)
        items = []
        for event in events:
            links = {"osdi:form": form_link}
            if (person := people.get(event.supporter_id)) is not None:
                links["osdi:person"] = link("person", key=person.public_id)
            items.append(
                {
                    "identifiers": identifiers(action_uuid(event)),
                    "created_date": iso(event.created_at),
                    "modified_date": iso(event.created_at),
                    "takeaction:verb": event.verb,
                    "takeaction:outcome": event.outcome,
                    "takeaction:target": event.target,
                    "takeaction:source_code": event.source_code,
                    "_links": links,
                }
            )
        return items

    serialize = many
    serialize.many = many
    return serialize


@endpoint("POST")
def submissions(request, key: str):
    """A form's submissions; POST to the sign-up form is the record submission helper."""
    campaign, kind = _form_by_key(request, key)
    form_link = link("form", key=key)
    if request.method == "POST":
        if kind != SIGNUP:
            raise BadRequest("Only a campaign's sign-up form takes submissions.", status=405)
        data = json_body(request)
        person, _created = person_signup(
            organization=request.organization,
            details=person_details(data.get("person")),
            tags=tag_names(data),
            campaign=campaign,
        )
        signup = Signup.objects.select_related("person").get(person=person, campaign=campaign)
        return answer({**_signup_dict(signup, form_link), "person": person_dict(person)})
    rows = modified_filter(request, _submissions(campaign, kind).order_by("id"), "created_at")
    if kind == SIGNUP:

        def serialize(signup):
            return _signup_dict(signup, form_link)
    else:
        serialize = _act_serializer(campaign, form_link)
    return page(request, rows, "osdi:submissions", "submissions", serialize, key=key)


def _list_members(campaign):
    return Signup.objects.filter(
        campaign=campaign, person__email_status=Person.EmailStatus.SUBSCRIBED
    ).select_related("person")


def _list_dict(campaign) -> dict:
    key = list_uuid(campaign)
    return {
        "identifiers": identifiers(key),
        "created_date": iso(campaign.created_at),
        "modified_date": iso(campaign.updated_at),
        "name": campaign.title,
        "title": f"{campaign.title}: subscribed supporters",
        "total_items": _list_members(campaign).count(),
        "_links": {"self": link("list", key=key), "osdi:items": link("list-items", key=key)},
    }


@endpoint()
def lists(request):
    campaigns = modified_filter(request, organization_campaigns(request), "updated_at")
    return page(request, campaigns, "osdi:lists", "lists", _list_dict)


@endpoint()
def list_detail(request, key: str):
    return answer(_list_dict(campaign_by_key(request, key, kind="list")))


@endpoint()
def list_items(request, key: str):
    campaign = campaign_by_key(request, key, kind="list")
    list_link = link("list", key=key)

    def serialize(signup: Signup) -> dict:
        return {
            "identifiers": identifiers(signup.public_id),
            "created_date": iso(signup.created_at),
            "modified_date": iso(signup.modified_at),
            "item_type": "osdi:person",
            "_links": {
                "osdi:list": list_link,
                "osdi:person": link("person", key=signup.person.public_id),
            },
        }

    rows = modified_filter(request, _list_members(campaign).order_by("id"), "modified_at")
    return page(request, rows, "osdi:items", "list-items", serialize, key=key)
