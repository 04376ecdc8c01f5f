"""The v1 JSON API, with its OpenAPI document at /api/v1/openapi.json and docs at /api/v1/docs."""

from ninja import NinjaAPI

from .officials import router as officials_router

api = NinjaAPI(
    title="TakeAction API",
    version="1",
    urls_namespace="api-v1",
    description="Public lookups and, later, organizer resources. See docs/api.md.",
)
api.add_router("", officials_router)
