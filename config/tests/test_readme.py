"""The README's "Where things live" names every app in the tree, and nothing that is gone."""

import re
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)


def _listed_apps() -> set[str]:
    readme = (BASE / "README.md").read_text()
    section = readme.split("## Where things live", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^takeaction/(\w+)/", section, re.M))


def _apps_in_tree() -> set[str]:
    return {p.parent.name for p in (BASE / "takeaction").glob("*/apps.py")}


def test_the_readme_lists_exactly_the_apps_in_the_tree():
    assert _listed_apps() == _apps_in_tree()


def test_every_app_in_the_tree_is_installed():
    installed = {name.removeprefix("takeaction.") for name in settings.INSTALLED_APPS}
    assert _apps_in_tree() <= installed
