from django.urls import path

from takeaction.workspace import exports, views, webhook_views
from takeaction.workspace import people_views as people_views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:org_slug>/", views.org_detail, name="org"),
    path("<slug:org_slug>/history/", views.history, name="history"),
    path("<slug:org_slug>/members/", views.members, name="members"),
    path("<slug:org_slug>/api-keys/", views.api_keys, name="api-keys"),
    path("<slug:org_slug>/webhooks/", webhook_views.endpoint_list, name="webhooks"),
    path("<slug:org_slug>/webhooks/new/", webhook_views.endpoint_new, name="webhook-new"),
    path(
        "<slug:org_slug>/webhooks/<int:endpoint_id>/",
        webhook_views.endpoint_detail,
        name="webhook",
    ),
    path(
        "<slug:org_slug>/webhooks/<int:endpoint_id>/edit/",
        webhook_views.endpoint_edit,
        name="webhook-edit",
    ),
    path(
        "<slug:org_slug>/webhooks/<int:endpoint_id>/status/",
        webhook_views.endpoint_status,
        name="webhook-status",
    ),
    path(
        "<slug:org_slug>/webhooks/<int:endpoint_id>/rotate/",
        webhook_views.endpoint_rotate,
        name="webhook-rotate",
    ),
    path(
        "<slug:org_slug>/webhooks/<int:endpoint_id>/delete/",
        webhook_views.endpoint_delete,
        name="webhook-delete",
    ),
    path("<slug:org_slug>/campaigns/new/", views.campaign_new, name="campaign-new"),
    path("<slug:org_slug>/campaigns/<slug:slug>/", views.campaign_dashboard_view, name="campaign"),
    path("<slug:org_slug>/campaigns/<slug:slug>/edit/", views.campaign_edit, name="campaign-edit"),
    path(
        "<slug:org_slug>/campaigns/<slug:slug>/edit/preview/",
        views.campaign_preview_draft,
        name="campaign-preview",
    ),
    path(
        "<slug:org_slug>/campaigns/<slug:slug>/edit/<slug:language>/",
        views.campaign_translation_edit,
        name="campaign-translation",
    ),
    path(
        "<slug:org_slug>/campaigns/<slug:slug>/image/",
        views.campaign_image_edit,
        name="campaign-image",
    ),
    path(
        "<slug:org_slug>/campaigns/<slug:slug>/status/",
        views.campaign_status,
        name="campaign-status",
    ),
    path(
        "<slug:org_slug>/campaigns/<slug:slug>/duplicate/",
        views.campaign_duplicate_view,
        name="campaign-duplicate",
    ),
    path("<slug:org_slug>/campaigns/<slug:slug>/sources/", views.sources, name="sources"),
    path(
        "<slug:org_slug>/campaigns/<slug:slug>/sources/<slug:code>/story.png",
        views.source_card,
        name="source-card",
    ),
    path(
        "<slug:org_slug>/campaigns/<slug:slug>/sources/<slug:code>.<str:fmt>",
        views.source_qr,
        name="source-qr",
    ),
    path(
        "<slug:org_slug>/campaigns/<slug:slug>/export/actions.csv",
        exports.campaign_events_csv,
        name="export-events",
    ),
    path(
        "<slug:org_slug>/campaigns/<slug:slug>/export/summary.csv",
        exports.campaign_summary_csv,
        name="export-summary",
    ),
    path(
        "<slug:org_slug>/campaigns/<slug:slug>/export/supporters.csv",
        exports.campaign_supporters_csv,
        name="export-supporters",
    ),
    path("<slug:org_slug>/people/", people_views.people, name="people"),
    path("<slug:org_slug>/people/people.csv", people_views.people_csv, name="people-csv"),
    path(
        "<slug:org_slug>/people/<uuid:person_id>/delete/",
        people_views.person_delete,
        name="person-delete",
    ),
]
