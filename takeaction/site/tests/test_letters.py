import datetime
import io
import socket
import sys
import urllib.request

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from takeaction.campaigns.tests.factories import CampaignFactory
from takeaction.officials.snapshot import OfficialInfo, Phone
from takeaction.site import letters
from takeaction.site.letters import (
    LetterPdfUnavailable,
    clean_text,
    dc_address,
    letter_pdf,
    letter_text,
    paragraphs,
    refusing_url_fetcher,
    split_sign_off,
)

TODAY = datetime.date(2018, 6, 25)
SCHUMER_OFFICE = "322 Hart Senate Office Building Washington DC 20510"


def make_official(
    *, name="Charles E. Schumer", title="Senator", chamber="senate", address=SCHUMER_OFFICE
):
    phones = (Phone("Washington, DC", "202-224-6542", address), Phone("Buffalo", "716-846-4111"))
    return OfficialInfo(
        bioguide_id="S000148",
        name=name,
        title=title,
        chamber=chamber,
        party="Democrat",
        state="NY",
        district=None if chamber == "senate" else 26,
        division_ocd_id="ocd-division/country:us/state:ny",
        term_end=None,
        phones=phones,
    )


def make_campaign(**fields):
    # Built, not saved: rendering a letter reads only the campaign's fields.
    return CampaignFactory.build(letter_subject="Keep families together", **fields)


def render(body, **kwargs):
    arguments = {
        "campaign": make_campaign(),
        "official": make_official(),
        "sender_name": "Maria Lopez",
        "sender_city": "Buffalo, NY",
        "body": body,
        "today": TODAY,
    } | kwargs
    return letter_pdf(**arguments)


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_letter_text_fills_official_and_sender():
    campaign = make_campaign()
    text = letter_text(
        campaign=campaign, official=make_official(), first_name=" Maria ", city="Buffalo"
    )
    assert text == "Dear Senator Charles E. Schumer,\n\nPlease act.\n\nMaria"


def test_letter_text_without_name_or_city_leaves_readable_placeholders():
    campaign = make_campaign(letter_body="I live in {city}.\n\n{first_name}")
    text = letter_text(campaign=campaign, official=make_official(), first_name="", city="  ")
    assert text == "I live in [your town].\n\n[your name]"


@pytest.mark.parametrize(
    ("address", "street", "city_line"),
    [
        (SCHUMER_OFFICE, "322 Hart Senate Office Building", "Washington, DC 20510"),
        (
            "2312 Rayburn House Office Building Washington DC 20515-0544",
            "2312 Rayburn House Office Building",
            "Washington, DC 20515-0544",
        ),
        (
            "311 HART SENATE OFFICE BUILDING WASHINGTON DC 20510",
            "311 HART SENATE OFFICE BUILDING",
            "Washington, DC 20510",
        ),
        (
            "B-40 Longworth House Office Building, Washington, D.C. 20515",
            "B-40 Longworth House Office Building",
            "Washington, DC 20515",
        ),
    ],
)
def test_dc_address_splits_the_office_address_into_street_and_city_lines(
    address, street, city_line
):
    lines = dc_address(make_official(address=address))
    assert lines == ["Senator Charles E. Schumer", street, city_line]


@pytest.mark.parametrize(
    ("title", "chamber", "expected"),
    [
        ("Senator", "senate", ["United States Senate", "Washington, DC 20510"]),
        ("Representative", "house", ["U.S. House of Representatives", "Washington, DC 20515"]),
        ("Delegate", "delegate", ["U.S. House of Representatives", "Washington, DC 20515"]),
        (
            "Resident Commissioner",
            "delegate",
            ["U.S. House of Representatives", "Washington, DC 20515"],
        ),
    ],
)
def test_dc_address_without_a_known_address_uses_the_chamber(title, chamber, expected):
    official = make_official(name="Pat Doe", title=title, chamber=chamber, address="")
    assert dc_address(official) == [f"{title} Pat Doe", *expected]


def test_dc_address_without_a_dc_phone_uses_the_chamber():
    official = make_official()
    official = OfficialInfo(**{**official.__dict__, "phones": official.local_phones})
    assert dc_address(official)[1:] == ["United States Senate", "Washington, DC 20510"]


def test_blank_lines_separate_paragraphs_and_single_newlines_break_lines():
    body = "Dear Senator,\n\nFirst line \n  second line\n \n\n\nLast.\n"
    assert paragraphs(body) == ["Dear Senator,", "First line\nsecond line", "Last."]


def test_sign_off_is_set_apart_only_when_it_looks_like_one():
    paras = ["Dear Senator,", "Please act.", "Sincerely,\nMaria Lopez\nBuffalo"]
    assert split_sign_off(paras) == (paras[:2], ("Sincerely,", "Maria Lopez\nBuffalo"))
    assert split_sign_off(paras[:2]) == (paras[:2], None)
    assert split_sign_off([]) == ([], None)


def test_line_breaks_in_the_body_survive_into_the_pdf():
    text = pdf_pages(render("Dear Senator,\n\nOne\nTwo\n\nThanks,\nMaria"))[0]
    assert "One\nTwo" in text
    assert "Thanks,\nMaria" in text


def test_control_characters_are_stripped_but_newlines_and_tabs_kept():
    assert clean_text("a\x00b\x1bc\r\nd\te\rf\x7f\ud800") == "abc\nd\te\nf"


def test_pdf_is_a_one_page_letter_naming_official_subject_and_sender():
    campaign = make_campaign(letter_body="Dear {official_title} {official_name},\n\n{first_name}")
    official = make_official()
    body = letter_text(campaign=campaign, official=official, first_name="Maria", city="Buffalo")
    pdf = render(body, campaign=campaign, official=official)

    assert pdf.startswith(b"%PDF")
    pages = pdf_pages(pdf)
    assert len(pages) == 1
    text = pages[0]
    assert "Maria Lopez" in text
    assert "Buffalo, NY" in text
    assert "June 25, 2018" in text
    assert "Senator Charles E. Schumer" in text
    assert "322 Hart Senate Office Building" in text
    assert "Re: Keep families together" in text
    assert "Dear Senator Charles E. Schumer," in text


def test_pdf_page_is_us_letter():
    page = PdfReader(io.BytesIO(render("Dear Senator,"))).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)


def test_markup_typed_by_the_fan_is_printed_literally():
    pdf = render("<b>x</b> <script>alert(1)</script>", sender_name="<i>Maria</i>")
    text = pdf_pages(pdf)[0]
    assert "<b>x</b>" in text
    assert "<script>alert(1)</script>" in text
    assert "<i>Maria</i>" in text


@pytest.fixture
def network_spy(monkeypatch):
    """Record (and refuse) every attempt to open a URL or resolve a host name."""
    calls = []

    def opener_open(self, url, *args, **kwargs):
        calls.append(("open", getattr(url, "full_url", url)))
        raise OSError("network is off in this test")

    def getaddrinfo(host, *args, **kwargs):
        calls.append(("getaddrinfo", host))
        raise OSError("network is off in this test")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", opener_open)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return calls


def test_image_tag_in_the_body_fetches_nothing(network_spy):
    pdf = render("Look: <img src=http://example.com/x.png> and url(http://example.com/y.png)")
    assert pdf.startswith(b"%PDF")
    assert network_spy == []
    assert "<img src=http://example.com/x.png>" in pdf_pages(pdf)[0]


def test_refusing_fetcher_stops_weasyprint_from_loading_urls(network_spy):
    import weasyprint

    html = (
        '<link rel=stylesheet href="http://example.com/s.css">'
        '<img src="http://example.com/x.png"><p style="background: url(https://example.com/y)">'
    )
    # The spy works: WeasyPrint's default fetcher goes to the network for this page.
    weasyprint.HTML(string=html).write_pdf()
    assert ("open", "http://example.com/x.png") in network_spy

    network_spy.clear()
    weasyprint.HTML(string=html, url_fetcher=refusing_url_fetcher()).write_pdf()
    assert network_spy == []


def test_letter_pdf_hands_weasyprint_the_refusing_fetcher(monkeypatch):
    import weasyprint

    fetchers = []
    real_html = weasyprint.HTML

    def spy_html(*args, **kwargs):
        fetchers.append(kwargs.get("url_fetcher"))
        return real_html(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", spy_html)
    render("Dear Senator,")
    assert len(fetchers) == 1
    with pytest.raises(ValueError, match="refused"):
        fetchers[0]("http://example.com/x.png")
    with pytest.raises(ValueError, match="refused"):
        fetchers[0]("file:///etc/passwd")


def test_body_longer_than_the_cap_is_refused():
    with pytest.raises(ValueError, match="10,000"):
        render("x" * (letters.MAX_BODY_CHARS + 1))


def test_overlong_sender_name_is_refused():
    with pytest.raises(
        ValueError, match="Your first name is 201 characters long; the limit is 200"
    ):
        render("Dear Senator,", sender_name="M" * (letters.MAX_SENDER_CHARS + 1))


def test_missing_weasyprint_raises_letter_pdf_unavailable(monkeypatch):
    # A None entry makes "import weasyprint" raise ImportError, as on a machine without it.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(LetterPdfUnavailable, match="Pango"):
        render("Dear Senator,")


@settings(max_examples=15, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_body_renders_to_a_pdf(body):
    assert render(body).startswith(b"%PDF")
