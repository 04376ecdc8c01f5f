import functools
import http.server
import threading

import pytest
from django.core.management import CommandError, call_command

from takeaction.officials import services
from takeaction.officials.lookup import lookup_zip
from takeaction.officials.models import (
    ContactChannel,
    DataVintage,
    Division,
    Office,
    Official,
    ZipDistrict,
)
from takeaction.officials.services import SyncFailed, officials_sync
from takeaction.officials.tests.fixture_data import LEGISLATORS, ZIP_TABLE, write_source

pytestmark = pytest.mark.django_db


def _snapshot_of_rows():
    return {
        "divisions": list(Division.objects.order_by("pk").values_list("pk", "ocd_id")),
        "officials": list(Official.objects.order_by("pk").values_list("pk", "bioguide_id")),
        "offices": Office.objects.count(),
        "channels": ContactChannel.objects.count(),
        "zips": ZipDistrict.objects.count(),
        "vintages": DataVintage.objects.count(),
    }


def test_fixture_sync_loads_everything_keyed_on_ocd_ids(synced):
    vintage = synced.vintage
    assert vintage.congress == 119
    assert vintage.counts["senators"] == 6
    assert vintage.counts["representatives"] == 5
    assert vintage.counts["zip_codes"] == 7
    assert vintage.vacancies == ["ocd-division/country:us/state:nh/cd:1"]
    assert set(Division.objects.values_list("ocd_id", flat=True)) >= {
        "ocd-division/country:us/state:ny",
        "ocd-division/country:us/state:ny/cd:10",
        "ocd-division/country:us/state:vt",
        "ocd-division/country:us/state:dc",
    }
    assert Office.objects.get(division__ocd_id="ocd-division/country:us/state:dc").chamber == (
        "delegate"
    )


def test_missing_contact_details_are_reported_not_rejected(synced):
    warnings = [str(w) for w in synced.warnings]
    assert any("G000620" in w and "missing contact details: phone, website" in w for w in warnings)
    assert Official.objects.filter(bioguide_id="G000620").exists()


def test_out_of_range_office_coordinates_are_dropped_with_a_warning(synced):
    assert any("B001318-burlington" in str(w) for w in synced.warnings)
    office = ContactChannel.objects.get(official__bioguide_id="B001318", label="Burlington")
    assert office.latitude is None and office.value == "802-652-2450"


def test_same_data_twice_changes_nothing(synced, fixture_source):
    before = _snapshot_of_rows()
    report = officials_sync(source=str(fixture_source), partial=True)
    assert report.changed is False
    assert _snapshot_of_rows() == before


def test_forced_reload_keeps_the_same_primary_keys(synced, fixture_source):
    before = _snapshot_of_rows()
    officials_sync(source=str(fixture_source), partial=True, force=True)
    after = _snapshot_of_rows()
    assert after["divisions"] == before["divisions"]
    assert after["officials"] == before["officials"]
    assert after["vintages"] == before["vintages"] + 1


def _fails(tmp_path, replace, *, partial=True):
    source = write_source(tmp_path / "bad", replace)
    with pytest.raises(SyncFailed) as failure:
        officials_sync(source=str(source), partial=partial)
    return [str(problem) for problem in failure.value.problems]


def test_three_senators_in_a_state_is_refused_with_the_records(synced, tmp_path):
    extra = (
        "- id: {bioguide: X000001}\n  name: {first: Extra, last: Senator}\n  terms:\n"
        "  - {type: sen, start: '2025-01-03', end: '2031-01-03', state: NY, party: Independent}\n"
    )
    problems = _fails(tmp_path, {"legislators-current.yaml": LEGISLATORS + extra})
    assert any(p.startswith("legislators-current.yaml: NY: 3 senators") for p in problems)
    assert any("Extra Senator (record 12)" in p for p in problems)


def test_two_representatives_for_one_seat_is_refused(synced, tmp_path):
    extra = (
        "- id: {bioguide: X000002}\n  name: {first: Second, last: Member}\n  terms:\n"
        "  - {type: rep, start: '2025-01-03', state: VT, district: 0}\n"
    )
    problems = _fails(tmp_path, {"legislators-current.yaml": LEGISLATORS + extra})
    assert any("Vermont (at large): 2 representatives for one seat" in p for p in problems)


def test_zip_rows_pointing_at_missing_districts_are_refused_with_line_numbers(synced, tmp_path):
    problems = _fails(tmp_path, {"zccd.csv": ZIP_TABLE + "36,NY,10099,44\n"})
    assert problems == [
        "zccd.csv: ZIP 10099 (line 11): district New York district 44 does not exist"
    ]


def test_malformed_rows_name_file_line_and_reason(synced, tmp_path):
    problems = _fails(tmp_path, {"zccd.csv": ZIP_TABLE + "36,NY,1001,12\n36,QQ,10002,1\n"})
    assert "zccd.csv: line 11: ZIP '1001' is not 5 digits" in problems
    assert "zccd.csv: line 12: unknown state 'QQ'" in problems


def test_broken_yaml_reports_the_line(synced, tmp_path):
    problems = _fails(tmp_path, {"legislators-current.yaml": LEGISLATORS + "- id: [unclosed\n"})
    assert len(problems) == 1
    assert problems[0].startswith("source: ")
    assert "legislators-current.yaml: line" in problems[0]


def test_missing_required_file_is_reported(synced, tmp_path):
    source = write_source(tmp_path / "partial")
    (source / "zccd.csv").unlink()
    with pytest.raises(SyncFailed, match=r"missing zccd\.csv"):
        officials_sync(source=str(source), partial=True)


def test_whole_country_checks_refuse_a_handful_of_states(synced, fixture_source):
    with pytest.raises(SyncFailed) as failure:
        officials_sync(source=str(fixture_source), force=True)
    problems = "\n".join(str(p) for p in failure.value.problems)
    assert "6 senators, expected 100" in problems
    assert "voting seats, expected 435" in problems
    assert "no ZIP codes for AL" in problems


def test_failed_sync_leaves_the_previous_data_serving(synced, tmp_path):
    before = _snapshot_of_rows()
    _fails(tmp_path, {"zccd.csv": ZIP_TABLE + "36,NY,10099,44\n"})
    assert _snapshot_of_rows() == before
    assert lookup_zip("10001").match.representative.name == "Jerrold Nadler"


def test_failure_part_way_through_the_switch_rolls_everything_back(synced, tmp_path, monkeypatch):
    before = _snapshot_of_rows()
    changed = write_source(tmp_path / "new", {"zccd.csv": ZIP_TABLE + "36,NY,10002,10\n"})

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_replace_zip_codes", explode)
    with pytest.raises(RuntimeError):
        officials_sync(source=str(changed), partial=True)
    assert _snapshot_of_rows() == before


def test_command_prints_counts_vacancies_and_warnings(fixture_source, capsys):
    call_command("officials_sync", source=str(fixture_source), partial=True)
    out = capsys.readouterr().out
    assert "Loaded 119th Congress" in out
    assert "senators 6" in out
    assert "Vacant seats: ocd-division/country:us/state:nh/cd:1" in out
    call_command("officials_sync", source=str(fixture_source), partial=True)
    assert "unchanged" in capsys.readouterr().out


def test_command_failure_says_what_was_wrong_and_that_old_data_serves(tmp_path, capsys):
    source = write_source(tmp_path / "bad", {"zccd.csv": ZIP_TABLE + "36,NY,10099,44\n"})
    with pytest.raises(CommandError, match="still serving"):
        call_command("officials_sync", source=str(source), partial=True)
    assert "zccd.csv: ZIP 10099 (line 11)" in capsys.readouterr().err


@pytest.fixture
def mirror_url(fixture_source):
    """Serve the fixture folder over HTTP on loopback, like a mirror of the upstream files."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(fixture_source))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_sync_downloads_from_a_mirror_url(mirror_url):
    report = officials_sync(source=mirror_url, partial=True)
    assert report.changed and report.vintage.counts["senators"] == 6
    assert report.vintage.source.startswith(mirror_url)


def test_unreachable_mirror_fails_cleanly():
    with pytest.raises(SyncFailed, match="download failed"):
        officials_sync(source="http://127.0.0.1:9/", partial=True)


def test_check_command_without_data_says_to_sync_first():
    with pytest.raises(CommandError, match=r"Run manage\.py officials_sync first"):
        call_command("officials_check")


def test_check_command_prints_totals_and_fails_on_partial_data(synced, capsys):
    with pytest.raises(CommandError, match="checks failed"):
        call_command("officials_check", structural_only=True)
    out = capsys.readouterr().out
    assert "senators                 6" in out
    assert "FAIL 100 senators, two per state" in out
    assert "ok   every ZIP maps to existing seats" in out
