"""The URL shapes the fast WSGI layers answer, taken from the urlconf at start-up.

The fast layers (``fastpage``, ``fast_post``) look at a path before Django does.
Resolving it with Django's resolver costs about 15 µs here, the root urlconf
trying the admin, the API and the workspace before the fan site; one compiled
pattern costs a fraction of a microsecond. So each layer builds, once, the
pattern Django's own ``reverse()`` uses for a URL name (``site:detail``,
``site:act``): the route in ``site/urls.py`` under the prefixes of the
namespaces it is included with. A path changes in ``urls.py`` only, and
``tests/test_fast_routes.py`` checks that a pattern matches exactly the paths
Django resolves to its name.
"""

import re
from dataclasses import dataclass

from django.core.handlers.wsgi import get_path_info
from django.urls import get_resolver


@dataclass(frozen=True)
class Route:
    """One named URL pattern of the urlconf, matched against whole paths."""

    view_name: str
    regex: re.Pattern
    converters: dict

    def match(self, path_info: str) -> dict | None:
        """The view's keyword arguments if ``path_info`` has this shape, else None."""
        found = self.regex.fullmatch(path_info)
        if found is None:
            return None
        try:  # as Django's RoutePattern: a converter refusing the value means no match
            return {
                key: self.converters[key].to_python(value)
                for key, value in found.groupdict().items()
            }
        except ValueError:
            return None

    def match_environ(self, environ) -> dict | None:
        """``match`` for the path Django would resolve for this WSGI request."""
        return self.match(get_path_info(environ))


def route(view_name: str, urlconf: str | None = None) -> Route | None:
    """The pattern of ``view_name`` ("namespace:name") in ``urlconf``, or None.

    None when the name is not there, or names more than one pattern: the layer
    asking then stays off and Django answers everything.
    """
    resolver = get_resolver(urlconf)
    *namespaces, name = view_name.split(":")
    prefix, converters = "", {}
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict:
            return None
        extra, resolver = resolver.namespace_dict[namespace]
        prefix += extra
        converters |= resolver.pattern.converters
    entries = resolver.reverse_dict.getlist(name)
    if len(entries) != 1:
        return None
    # (possibilities, pattern, defaults, converters), as reverse() reads them; the
    # pattern is relative to the root's "^/" and ends with \Z for path() routes.
    _possibilities, pattern, _defaults, route_converters = entries[0]
    return Route(view_name, re.compile(f"/{prefix}{pattern}"), converters | route_converters)
