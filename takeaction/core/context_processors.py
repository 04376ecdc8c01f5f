"""Template context shared by every page."""

from django.conf import settings


def site(request):
    """Expose the site's name and absolute origin to templates."""
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
