"""Printable letters to members of Congress, rendered to PDF with WeasyPrint.

A fan edits the campaign's letter in the browser, so the body is untrusted text:
it is capped, stripped of control characters and escaped by the template, and
WeasyPrint is given a URL fetcher that refuses everything, so no letter can make
the server fetch a URL. WeasyPrint (and the Pango library under it) is imported
only when a PDF is asked for, so the rest of the site runs where Pango is missing.
"""

import datetime
import functools
import re
import unicodedata

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from takeaction.campaigns.scripts import fill_template, reader_placeholders
from takeaction.officials.geography import title_label

MAX_BODY_CHARS = 10_000
MAX_SENDER_CHARS = 200

SENATE_FALLBACK = ("United States Senate", "Washington, DC 20510")
HOUSE_FALLBACK = ("U.S. House of Representatives", "Washington, DC 20515")

# The congress-legislators data writes "322 Hart Senate Office Building Washington DC 20510"
# on one line (sometimes in capitals, with a ZIP+4 for House offices).
_DC_ADDRESS = re.compile(
    r"^(?P<street>.+?)[\s,]+Washington,?\s+D\.?\s?C\.?,?\s+(?P<zip>\d{5}(?:-\d{4})?)$",
    re.IGNORECASE,
)
_BLANK_LINE = re.compile(r"\n\s*\n")


class LetterPdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) cannot be loaded."""


def letter_text(*, campaign, official, first_name: str, city: str) -> str:
    """Fill the campaign's letter for one official, signed by one fan.

    An empty name or city leaves the same readable placeholder the campaign page
    shows ("[your name]"), never a bare ``{first_name}``.
    """
    sender = {"first_name": first_name.strip(), "city": city.strip()}
    values = {
        "official_title": title_label(official.title, getattr(official, "gender", "")),
        "official_name": official.name,
        **reader_placeholders(),
        **{key: value for key, value in sender.items() if value},
    }
    return fill_template(campaign.letter_body, values)


def dc_address(official) -> list[str]:
    """Return the address lines of the official's Washington office, name first."""
    lines = [f"{official.title} {official.name}"]
    phone = official.dc_phone
    address = " ".join((phone.address if phone else "").split())
    if not address:
        senate = official.chamber == "senate" or official.title == "Senator"
        return [*lines, *(SENATE_FALLBACK if senate else HOUSE_FALLBACK)]
    if match := _DC_ADDRESS.match(address):
        return [*lines, match["street"], f"Washington, DC {match['zip']}"]
    # An address written some other way: trust its own commas for the line breaks.
    return [*lines, *(part.strip() for part in address.split(",") if part.strip())]


def clean_text(text: str) -> str:
    """Normalize newlines and drop control characters other than newline and tab.

    Lone surrogates go too: they cannot be encoded into the PDF.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def paragraphs(body: str) -> list[str]:
    """Split a letter into paragraphs at blank lines; each keeps its single line breaks."""
    return [
        "\n".join(line.strip() for line in block.strip().split("\n"))
        for block in _BLANK_LINE.split(body)
        if block.strip()
    ]


def split_sign_off(paras: list[str]) -> tuple[list[str], tuple[str, str] | None]:
    """Set a closing paragraph ("Sincerely,\nMaria") apart from the paragraphs before it.

    Return the other paragraphs and the (closing, name) pair, or None when the last
    paragraph does not look like a sign-off. The template leaves room between the
    two so the printed letter can be signed by hand.
    """
    if paras:
        closing, _, name = paras[-1].partition("\n")
        if name and closing.endswith(",") and len(closing) <= 40:
            return paras[:-1], (closing, name)
    return paras, None


def _checked(value: str, *, what: str, limit: int) -> str:
    """``value`` cleaned, or ValueError saying (in the active language) that it is too long."""
    if len(value) > limit:
        raise ValueError(
            _("%(what)s is %(length)s characters long; the limit is %(limit)s.")
            % {
                "what": what,
                "length": number_format(len(value), force_grouping=True),
                "limit": number_format(limit, force_grouping=True),
            }
        )
    return clean_text(value)


@functools.cache
def _refusing_fetcher_class():
    from weasyprint.urls import URLFetcher

    class RefusingURLFetcher(URLFetcher):
        """Refuse every URL: a letter is built from inline HTML and CSS only."""

        def fetch(self, url, headers=None):
            raise ValueError(f"Letters load nothing from outside; refused {url[:200]!r}.")

    return RefusingURLFetcher


def refusing_url_fetcher():
    """Return a WeasyPrint URL fetcher that raises ValueError for every URL."""
    return _refusing_fetcher_class()()


def letter_pdf(
    *,
    campaign,
    official,
    sender_name: str,
    sender_city: str,
    body: str,
    today: datetime.date,
) -> bytes:
    """Render a one-official letter as a US Letter PDF and return its bytes.

    Raise ValueError when the body (or the sender's name or city) is too long,
    and LetterPdfUnavailable when WeasyPrint cannot be loaded on this machine.
    """
    body = _checked(body, what=_("Your letter"), limit=MAX_BODY_CHARS)
    sender_name = _checked(sender_name, what=_("Your first name"), limit=MAX_SENDER_CHARS).strip()
    sender_city = _checked(sender_city, what=_("Your town or city"), limit=MAX_SENDER_CHARS).strip()
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise LetterPdfUnavailable(
            "Printable letters need WeasyPrint and the system's Pango library "
            f"(apt-get install libpango-1.0-0 libpangoft2-1.0-0): {exc}"
        ) from exc

    body_paragraphs, sign_off = split_sign_off(paragraphs(body))
    html = render_to_string(
        "site/letter_pdf.html",
        {
            "campaign": campaign,
            "official": official,
            "sender_name": sender_name,
            "sender_city": sender_city,
            "today": today,
            "recipient_lines": dc_address(official),
            "paragraphs": body_paragraphs,
            "sign_off": sign_off,
        },
    )
    document = weasyprint.HTML(string=html, url_fetcher=refusing_url_fetcher())
    return document.write_pdf()
