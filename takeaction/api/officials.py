"""``GET /api/v1/officials``: a supporter's members of Congress by ZIP, location or district.

The 200 answer is assembled from dicts the snapshot builds once per official and
sent as JSON directly: validating it against the schema on every request cost
more than the lookup itself (bench/officials_lookup.py). Tests validate the
answers against ``OfficialsLookupOut`` instead.
"""

from django.http import HttpRequest, JsonResponse
from ninja import Field, Query, Router, Schema

from takeaction.api.schemas import ErrorOut, OfficialsLookupOut, error
from takeaction.officials.lookup import CHOOSE, INVALID, NO_DATA, OK, lookup_from_params

router = Router(tags=["officials"])


class OfficialsQuery(Schema):
    zip: str | None = Field(None, description="5-digit ZIP or ZIP+4.", examples=["10001"])
    lat: str | None = Field(None, description="Latitude, WGS84.", examples=["38.8899"])
    lon: str | None = Field(None, description="Longitude, WGS84.", examples=["-77.0091"])
    state: str | None = Field(None, description="Two-letter state.", examples=["NY"])
    district: str | None = Field(
        None, description="District number; 0 for at-large seats and delegates.", examples=["12"]
    )


def _candidate(candidate) -> dict:
    seat = candidate.seat
    return {
        "division_ocd_id": seat.ocd_id,
        "name": seat.name,
        "state": seat.state,
        "district": seat.district,
        "vacant": candidate.vacant,
        "representative": seat.representative.as_dict if seat.representative else None,
        "senators": [senator.as_dict for senator in candidate.senators],
    }


@router.get(
    "/officials",
    response={200: OfficialsLookupOut, 400: ErrorOut, 404: ErrorOut, 503: ErrorOut},
    summary="Look up members of Congress",
    description=(
        "Give `zip` (5-digit or ZIP+4), or `lat` and `lon`, or `state` and `district` "
        "(0 for at-large seats and delegates). A ZIP split between districts answers "
        "`status: choose` with every candidate district; nothing is guessed."
    ),
)
def officials_lookup(request: HttpRequest, params: Query[OfficialsQuery]):
    result = lookup_from_params(params.dict(exclude_none=True))
    if result is None:
        return error(400, "missing_query", "Give zip, lat and lon, or state and district.")
    if result.status == INVALID:
        return error(400, result.code, result.message)
    if result.status == NO_DATA:
        return error(503, result.code, result.message)
    if result.status not in (OK, CHOOSE):
        return error(404, result.code, result.message)
    return JsonResponse(
        {
            "status": result.status,
            "message": result.message,
            "candidates": [_candidate(c) for c in result.candidates],
        }
    )
