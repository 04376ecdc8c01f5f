"""CSV cells a spreadsheet would run as formulas are escaped, in every text cell."""

import pytest

from takeaction.core import csvstream


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        (
            '=HYPERLINK("https://evil.example","click")',
            '\'=HYPERLINK("https://evil.example","click")',
        ),
        ("-1+2", "'-1+2"),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("ig-story", "ig-story"),
        ("", ""),
        (-1, -1),
        (None, None),
    ],
)
def test_cells_a_spreadsheet_would_run_get_a_leading_quote(value, escaped):
    assert csvstream.cell_escape(value) == escaped


def test_formula_escaping_is_applied_to_every_text_cell():
    lines = csvstream.csv_stream(["a", "b"], iter([("=1+1", 3), ("ok", None)]))
    assert "".join(lines) == "a,b\r\n'=1+1,3\r\nok,\r\n"
