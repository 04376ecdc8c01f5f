"""Webhook pages of the organizer workspace: endpoints, their secrets, the delivery log.

Every view goes through ``org_view``, and every endpoint through the membership's
organization, so another organization's endpoint is a 404. Viewers may look;
editors and owners manage.
"""

from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from takeaction.accounts.models import Role
from takeaction.webhooks import selectors, services
from takeaction.webhooks.targets import TargetRefused
from takeaction.workspace.access import org_view
from takeaction.workspace.webhook_forms import EndpointForm


def _secret_page(request, membership, endpoint, secret: str, *, created: bool):
    context = {"m": membership, "endpoint": endpoint, "secret": secret, "created": created}
    response = render(request, "workspace/webhooks/endpoint_secret.html", context)
    # The secret is in this page: no browser or proxy may keep a copy.
    add_never_cache_headers(response)
    return response


@org_view()
def endpoint_list(request, membership):
    context = {
        "m": membership,
        "endpoints": selectors.endpoints_of(membership.organization),
        "can_manage": membership.allows(Role.EDITOR),
    }
    return render(request, "workspace/webhooks/endpoint_list.html", context)


@org_view(Role.EDITOR)
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint_new(request, membership):
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = services.endpoint_create(
                organization=membership.organization, user=request.user, **form.cleaned_data
            )
        except TargetRefused as refused:
            form.add_error("url", str(refused))
        else:
            return _secret_page(request, membership, endpoint, secret, created=True)
    return render(request, "workspace/webhooks/endpoint_form.html", {"m": membership, "form": form})


@org_view()
def endpoint_detail(request, membership, endpoint_id: int):
    endpoint = selectors.endpoint_get(organization=membership.organization, endpoint_id=endpoint_id)
    context = {
        "m": membership,
        "endpoint": endpoint,
        "deliveries": selectors.delivery_log(endpoint),
        "can_manage": membership.allows(Role.EDITOR),
    }
    return render(request, "workspace/webhooks/endpoint_detail.html", context)


@org_view(Role.EDITOR)
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint_edit(request, membership, endpoint_id: int):
    endpoint = selectors.endpoint_get(organization=membership.organization, endpoint_id=endpoint_id)
    initial = {
        "url": endpoint.url,
        "event_types": endpoint.event_types,
        "description": endpoint.description,
    }
    form = EndpointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.endpoint_update(endpoint=endpoint, user=request.user, **form.cleaned_data)
        except TargetRefused as refused:
            form.add_error("url", str(refused))
        else:
            return redirect("workspace:webhook", membership.organization.slug, endpoint.pk)
    context = {"m": membership, "form": form, "endpoint": endpoint}
    return render(request, "workspace/webhooks/endpoint_form.html", context)


@org_view(Role.EDITOR)
@require_POST
def endpoint_status(request, membership, endpoint_id: int):
    endpoint = selectors.endpoint_get(organization=membership.organization, endpoint_id=endpoint_id)
    # The page's two buttons send active=1 (turn on) or active=0 (turn off).
    if request.POST.get("active") == "1":
        services.endpoint_enable(endpoint=endpoint, user=request.user)
    else:
        services.endpoint_disable(endpoint=endpoint, user=request.user)
    return redirect("workspace:webhook", membership.organization.slug, endpoint.pk)


@org_view(Role.EDITOR)
@require_POST
def endpoint_rotate(request, membership, endpoint_id: int):
    endpoint = selectors.endpoint_get(organization=membership.organization, endpoint_id=endpoint_id)
    secret = services.endpoint_rotate_secret(endpoint=endpoint, user=request.user)
    return _secret_page(request, membership, endpoint, secret, created=False)


@org_view(Role.EDITOR)
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint_delete(request, membership, endpoint_id: int):
    endpoint = selectors.endpoint_get(organization=membership.organization, endpoint_id=endpoint_id)
    if request.method == "POST":
        services.endpoint_delete(endpoint=endpoint, user=request.user)
        return redirect("workspace:webhooks", membership.organization.slug)
    return render(
        request, "workspace/webhooks/endpoint_delete.html", {"m": membership, "endpoint": endpoint}
    )
