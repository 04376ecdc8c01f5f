"""The fast layers' URL patterns match exactly the paths Django routes to their names."""

import pytest
from django.test import override_settings
from django.urls import Resolver404, resolve
from hypothesis import example, given
from hypothesis import strategies as st

from takeaction.site.fast_post import ACT, FastActionApp
from takeaction.site.fast_routes import route
from takeaction.site.fastpage import FAST_PAGES, FastPageApp

NAMES = [*FAST_PAGES, ACT, "site:image", "site:donate", "site:list"]

pieces = st.sampled_from(
    ["/", "c", "c/", "act", "act/", "fast", "a-b_9", "og.png", "go", "12", "%20", "é", ".", "\n"]
)
paths = st.lists(pieces, max_size=6).map(lambda parts: "/" + "".join(parts))


def _django_kwargs(path: str, name: str) -> dict | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.kwargs if match.view_name == name else None


@pytest.mark.parametrize("name", NAMES)
@given(path=paths)
@example(path="/c/fast/")
@example(path="/c/fast/act/")
@example(path="/c/fast/act/\n")
@example(path="/c/fast/story.png")
@example(path="/go/12/")
def test_a_pattern_matches_the_paths_django_resolves_to_its_name(name, path):
    assert route(name).match(path) == _django_kwargs(path, name)


def test_the_layers_use_the_urlconfs_patterns():
    assert route("site:detail").match("/c/fast/") == {"slug": "fast"}
    assert FastActionApp(None).route == route(ACT)
    assert FastPageApp(None).routes == [route(name) for name in FAST_PAGES]


def test_a_name_that_is_not_there_leaves_the_layers_off():
    assert route("site:no-such-page") is None
    assert route("elsewhere:detail") is None
    assert FastPageApp(None, view_names=("site:no-such-page",)).routes == []


@override_settings(ROOT_URLCONF="takeaction.site.tests.urls_moved")
def test_a_moved_url_moves_the_layers_with_it():
    assert route("site:detail").match("/c/fast/") is None
    assert route("site:detail").match("/campaigns/c/fast/") == {"slug": "fast"}
    assert route(ACT).match("/campaigns/c/fast/act/") == {"slug": "fast"}
    assert FastActionApp(None).middleware is not None
