"""Responses the site itself may show in a frame (the editor's phone-sized preview)."""


def allow_same_origin_frames(response):
    """Let pages of this site, and only them, frame ``response`` (both headers agree)."""
    response["X-Frame-Options"] = "SAMEORIGIN"
    # django-csp reads this attribute to replace one directive for this response.
    response._csp_replace = {"frame-ancestors": ["'self'"]}
    return response
