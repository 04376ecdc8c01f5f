"""The fan page, rendered for the workspace's editor without the workspace importing the fan site.

The surfaces import nothing of each other, yet the editor shows the public page as
fans will see it. The fan site registers its renderer here at start-up
(``SiteConfig.ready``); the workspace asks for a rendering through this module.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

Renderer = Callable[..., str]
_renderer: Renderer | None = None


def public_page_renderer_register(renderer: Renderer) -> None:
    """Make ``renderer(request, campaign, *, preview)`` the one that draws the fan page."""
    global _renderer
    _renderer = renderer


def public_page_render(request, campaign, *, preview: bool) -> str:
    """Return the fan page of ``campaign`` (saved or not) as HTML."""
    if _renderer is None:
        raise ImproperlyConfigured("No fan page renderer: is takeaction.site installed?")
    return _renderer(request, campaign, preview=preview)
