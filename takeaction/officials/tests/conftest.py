import pytest

from takeaction.officials.services import officials_sync
from takeaction.officials.snapshot import snapshot_reset

from .fixture_data import write_source


@pytest.fixture
def fixture_source(tmp_path):
    """A folder holding the small fixture data set."""
    return write_source(tmp_path / "officials")


@pytest.fixture
def synced(db, fixture_source, django_capture_on_commit_callbacks):
    """Load the fixture data set, as ``officials_sync --partial`` would."""
    snapshot_reset()
    with django_capture_on_commit_callbacks(execute=True):
        report = officials_sync(source=str(fixture_source), partial=True)
    yield report
    snapshot_reset()


@pytest.fixture(autouse=True)
def _fresh_snapshot():
    snapshot_reset()
    yield
    snapshot_reset()
