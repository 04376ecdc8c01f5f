"""Where officials data comes from: a local directory or public URLs.

The sync reads five files. From a directory they are found by name anywhere
below it (so a mirror of ``shared/data`` or a flat folder both work); from the
network they are downloaded into a temporary folder first, with timeouts, and
then read exactly as a directory would be. Nothing here runs during a request.
"""

import hashlib
import shutil
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# The public upstream files (public domain / CC0). See docs/officials.md.
UPSTREAM_URLS: dict[str, str] = {
    "legislators-current.yaml": "https://raw.githubusercontent.com/unitedstates/congress-legislators/main/legislators-current.yaml",
    "legislators-district-offices.yaml": "https://raw.githubusercontent.com/unitedstates/congress-legislators/main/legislators-district-offices.yaml",
    "legislators-social-media.yaml": "https://raw.githubusercontent.com/unitedstates/congress-legislators/main/legislators-social-media.yaml",
    "zccd.csv": "https://raw.githubusercontent.com/OpenSourceActivismTech/us-zipcodes-congress/master/zccd.csv",
    "cd119_20m.geojson": "https://raw.githubusercontent.com/PolicyEngine/policyengine-app-v2/main/app/public/data/geojson/congressional_districts.geojson",
}  # fmt: skip
DEFAULT_SOURCE = "upstream"
REQUIRED = ("legislators-current.yaml", "zccd.csv")
OPTIONAL = ("legislators-district-offices.yaml", "legislators-social-media.yaml")
# Finer boundaries first: the 1:500k file places 834 of 855 district offices in
# their own district against 815 for the 1:20M file (shared/data/SOURCES.md).
BOUNDARY_NAMES = ("cd119_500k.geojson", "cd119_20m.geojson")
DOWNLOAD_TIMEOUT_SECONDS = 60


class SourceError(Exception):
    """The source could not be read; the message says which file and why."""


@dataclass(frozen=True)
class SourceFiles:
    description: str
    legislators: Path
    zip_table: Path
    offices: Path | None
    social: Path | None
    boundaries: Path | None

    def paths(self) -> list[Path]:
        found = [self.legislators, self.offices, self.social, self.zip_table, self.boundaries]
        return [path for path in found if path is not None]

    def content_hash(self) -> str:
        """Hash every file's name and bytes: the same data gives the same hash."""
        digest = hashlib.sha256()
        for path in self.paths():
            digest.update(path.name.encode() + b"\0")
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        return digest.hexdigest()


def _find(root: Path, name: str) -> Path | None:
    direct = root / name
    if direct.is_file():
        return direct
    return next(iter(sorted(root.rglob(name))), None)


def files_in_directory(root: Path, description: str | None = None) -> SourceFiles:
    """Locate the data files below ``root``; raise SourceError if a required one is missing."""
    if not root.is_dir():
        raise SourceError(f"{root}: not a directory")
    found = {name: _find(root, name) for name in (*REQUIRED, *OPTIONAL, *BOUNDARY_NAMES)}
    missing = [name for name in REQUIRED if found[name] is None]
    if missing:
        raise SourceError(f"{root}: missing {', '.join(missing)}")
    boundaries = next((found[n] for n in BOUNDARY_NAMES if found[n] is not None), None)
    return SourceFiles(
        description=description or str(root),
        legislators=found["legislators-current.yaml"],
        zip_table=found["zccd.csv"],
        offices=found["legislators-district-offices.yaml"],
        social=found["legislators-social-media.yaml"],
        boundaries=boundaries,
    )


def _download(url: str, target: Path) -> None:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise SourceError(f"{url}: only http(s) URLs can be downloaded")
    try:
        with (
            urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response,  # noqa: S310
            target.open("wb") as out,
        ):
            shutil.copyfileobj(response, out)
    except OSError as error:
        raise SourceError(f"{url}: download failed ({error})") from error


def download(urls: dict[str, str], folder: Path) -> SourceFiles:
    """Download each named file into ``folder`` and locate them there."""
    for name, url in urls.items():
        _download(url, folder / name)
    return files_in_directory(folder, description=", ".join(urls.values()))


def urls_under(base: str) -> dict[str, str]:
    """Map each file name to ``base/<name>`` for a mirror that serves a flat folder."""
    base = base.rstrip("/") + "/"
    return {name: base + name for name in UPSTREAM_URLS}


@contextmanager
def open_source(source: str) -> Iterator[SourceFiles]:
    """Resolve ``--source`` to local files, downloading into a temporary folder if needed."""
    source = source or DEFAULT_SOURCE
    if source == DEFAULT_SOURCE or source.startswith(("http://", "https://")):
        urls = UPSTREAM_URLS if source == DEFAULT_SOURCE else urls_under(source)
        with tempfile.TemporaryDirectory(prefix="officials-") as folder:
            yield download(urls, Path(folder))
    else:
        yield files_in_directory(Path(source).expanduser())
