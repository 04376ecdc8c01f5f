"""The v1 JSON API, with its OpenAPI document at /api/v1/openapi.json and docs at /api/v1/docs."""

from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from takeaction.api.keys import BadInput, RateLimited
from takeaction.api.officials import router as officials_router
from takeaction.api.organizer_api import router as organizer_router

api = NinjaAPI(
    title="TakeAction API",
    version="1",
    urls_namespace="api-v1",
    description="Public lookups and, later, organizer resources. See docs/api.md.",
)
api.add_router("", officials_router)
api.add_router("", organizer_router)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    message = "Send a valid API key: Authorization: Bearer <key>, or OSDI-API-Token: <key>."
    return api.create_response(
        request, {"error": {"code": "unauthorized", "message": message}}, status=401
    )


@api.exception_handler(BadInput)
def bad_input(request, exc):
    return api.create_response(
        request, {"error": {"code": "bad_request", "message": str(exc)}}, status=400
    )


@api.exception_handler(RateLimited)
def rate_limited(request, exc):
    message = "Too many requests for this key. Wait a minute."
    return api.create_response(
        request, {"error": {"code": "rate_limited", "message": message}}, status=429
    )
