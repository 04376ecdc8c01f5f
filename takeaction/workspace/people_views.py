"""The organizer workspace's People page: who opted in, their export, and erasure.

Contact details are personal data, so viewers don't see them: the page, the export
and erasure need the editor role. Exports and erasures go into the history; an
erasure records that it happened, not whom it concerned.
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from takeaction.accounts.models import Role
from takeaction.accounts.services import change_record
from takeaction.core.csvstream import csv_response, csv_stream
from takeaction.supporters.models import Person
from takeaction.supporters.selectors import PEOPLE_COLUMNS, people_for_organization, people_rows
from takeaction.supporters.services import person_erase
from takeaction.workspace.access import org_view

PER_PAGE = 50


@org_view(Role.EDITOR)
@require_safe
@never_cache
def people(request, membership):
    query = request.GET.get("q", "")[:100]
    rows = people_for_organization(membership.organization, query=query)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {"m": membership, "page": page, "query": query}
    return render(request, "workspace/people.html", context)


@org_view(Role.EDITOR)
@require_safe
@never_cache
def people_csv(request, membership):
    organization = membership.organization
    change_record(
        organization=organization, user=request.user,
        action="export.people", summary="Downloaded the people CSV",
    )  # fmt: skip
    rows = people_rows(organization)
    return csv_response(csv_stream(PEOPLE_COLUMNS, rows), f"{organization.slug}-people.csv")


@org_view(Role.EDITOR)
@require_POST
def person_delete(request, membership, person_id):
    person = get_object_or_404(Person, organization=membership.organization, public_id=person_id)
    person_erase(person=person)
    change_record(
        organization=membership.organization, user=request.user,
        action="person.erase", summary="Erased a person and their sign-ups",
    )  # fmt: skip
    return redirect("workspace:people", membership.organization.slug)
