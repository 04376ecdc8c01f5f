"""CSV files streamed with constant memory: a campaign can hold millions of rows.

Nothing here builds the file in memory: callers read the database cursor
``CHUNK_SIZE`` rows at a time, and each batch of rows is written to the response as
soon as it is formatted (see docs/exports.md).
"""

import csv
import datetime
import uuid
from collections.abc import Iterable, Iterator
from itertools import islice

from django.http import StreamingHttpResponse

# Rows fetched from the database cursor at a time.
CHUNK_SIZE = 2000
# Rows formatted into one piece of the response: a few dozen KB, not one write per row.
ROWS_PER_WRITE = 500

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell_escape(value):
    """Return ``value`` with a leading ``'`` if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, uuid.UUID):
        return str(value)
    return cell_escape(value)


class _Echo:
    """A file-like object whose ``write`` hands the line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_stream(header: Iterable[str], rows: Iterator[tuple]) -> Iterator[str]:
    """Yield the header line, then ``rows`` as CSV, ``ROWS_PER_WRITE`` lines at a time."""
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    while batch := list(islice(rows, ROWS_PER_WRITE)):
        yield "".join(writer.writerow([_cell(value) for value in row]) for row in batch)


def csv_response(lines: Iterator[str], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
