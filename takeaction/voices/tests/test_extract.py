"""Reading statements: quotes and speakers, asks and targets, facts, and bad input."""

import json

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from takeaction.voices.evaluation import GOAL, load_cases, score
from takeaction.voices.extract import extract
from takeaction.voices.reading import MAX_BYTES, read

JANE_DOE = (
    "Please call your senators today and tell them to protect clean water. "
    "Share this with everyone you know! — Jane Doe, on Instagram"
)


def test_a_signed_post_is_her_quote_without_the_signature_and_asks_what_it_says():
    draft = extract(JANE_DOE)
    [quote] = draft.quotes
    assert quote.text.endswith("everyone you know!") and "Jane Doe" not in quote.text
    assert (quote.speaker, quote.attributed_by) == ("Jane Doe", "signature")
    assert draft.platform == "instagram_post"
    assert draft.asks == ["call", "share"]  # "tell them" is the senators, not a friend
    assert draft.targets == "senate"


@pytest.mark.parametrize(
    ("paragraphs", "speaker", "how"),
    [
        (["“We will not stop,” said Maria Lopez, the group's director."], "Maria Lopez", "name"),
        (["Maria Lopez runs it.", "“We will not stop,” she said."], "Maria Lopez", "pronoun"),
        (["Maria Lopez runs it.", "“We will not stop,” Lopez said."], "Maria Lopez", "surname"),
        (["Lopez's boss, Dana Reyes, told the Ledger: “We hear you all.”"], "Dana Reyes", "role"),
        (["Dana Reyes posted. She wrote on Instagram:", "“We hear you.”"], "Dana Reyes", "pronoun"),
        (["«No nos vamos a rendir», dijo Teresa Villalobos."], "Teresa Villalobos", "name"),
    ],
)  # fmt: skip
def test_the_speaker_is_found_after_before_or_introducing_the_quote(paragraphs, speaker, how):
    [quote] = extract("\n\n".join(paragraphs)).quotes
    assert (quote.speaker, quote.attributed_by) == (speaker, how)


def test_a_quote_over_paragraphs_is_one_quote_and_the_next_sentence_is_not_its_speaker():
    text = (
        "Jane Roe wrote:\n\n“First part of it.\n\n“Second part of it.”\n\n"
        "Chelsea Ward also wrote, “Another thing entirely, said well.” And Sam Lee wrote, "
        "“Yet another.”"
    )
    quotes = extract(text).quotes
    assert quotes[0].text == "First part of it.\n\nSecond part of it."
    assert [q.speaker for q in quotes] == ["Jane Roe", "Chelsea Ward", "Sam Lee"]


def test_a_phrase_quoted_inside_a_sentence_is_partial_and_a_title_is_no_quote():
    text = (
        "Mayor Ann Cole called the plan “a disgrace to the city.” Her book, the novel "
        "“The Long Year”, sold well."
    )
    [quote] = extract(text).quotes
    assert quote.partial and quote.text == "a disgrace to the city." and quote.speaker == "Ann Cole"


def test_figures_keep_their_source_and_dates_are_not_figures():
    draft = extract(
        "According to Time, more than 2,000 children were separated by June 22, 2018. "
        "Fox 9 said 40 percent of voters agree.",
        date="2018-06-25",
    )
    first = draft.figures[0]
    assert (first.text, first.source) == ("more than 2,000 children", "Time")
    assert all("2018" not in f.text and f.text != "9" for f in draft.figures)
    assert draft.dates[0].date == "2018-06-22"


def test_handles_hashtags_websites_and_outlets():
    draft = extract(
        "Sam Lee told the Harbor Ledger that #CleanWater matters. Join at "
        "https://www.riversalive.org/ and follow @riversalive (mail: info@riversalive.org)."
    )
    assert draft.hashtags == ["#CleanWater"] and draft.handles == ["@riversalive"]
    assert draft.websites == ["www.riversalive.org"]
    assert draft.outlets == ["Harbor Ledger"]


def test_pasted_html_is_read_as_its_text():
    html = (
        "<html><head><meta property='article:published_time' content='2025-03-04T10:00'>"
        "<script>var x = '“not a quote”';</script></head><body><p>“We are here,” said "
        "Ana Ruiz.</p><p>Please <b>call</b> your representative.</p></body></html>"
    )
    draft = extract(html.encode())
    assert [(q.text, q.speaker) for q in draft.quotes] == [("We are here", "Ana Ruiz")]
    assert draft.asks == ["call"] and draft.targets == "house"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "no text"),
        (b"\x00\x01\x02binary\x00" * 10, "not text"),
        (b"x" * (MAX_BYTES + 1), "over 200 KB"),
        ("   \n\t ", "no text"),
    ],
)
def test_bad_input_is_said_plainly_with_an_empty_draft(data, problem):
    draft = extract(data)
    assert draft.quotes == [] and draft.asks == []
    assert problem in " ".join(draft.problems)


def test_mixed_encodings_are_read_line_by_line():
    data = "“Sí, se puede,” dijo Ana Ruiz.\n".encode() + "Caf\xe9 owners agree.".encode("cp1252")
    assert extract(data).quotes[0].speaker == "Ana Ruiz"
    assert read(data).paragraphs[-1] == "Café owners agree."


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000)))
def test_anything_gives_a_draft_that_serializes_never_an_exception(data):
    draft = extract(data)
    json.dumps(draft.as_json())


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["“", "”", '"', "«", "»", "\n\n", " said Ana Ruiz", ", she said", "Call ",
                         "— Jane Doe", "2,000 ", "@x", "#y", "según ", "Lopez", ". "]),
        max_size=40,
    ).map("".join)
)  # fmt: skip
def test_quote_marks_and_attributions_in_any_order_never_raise(text):
    extract(text)


def test_the_evaluation_set_meets_its_goal():
    """The set the project wrote and annotated by hand (bench/voices_eval.py prints it)."""
    cases = load_cases()
    assert len(cases) >= 30 and sum(c["language"] == "es" for c in cases) >= 6
    rows, *_ = score(cases, extract, verbose=False)
    for name in ("quotes", "speakers", "asks", "figures"):
        assert min(rows[name].precision, rows[name].recall) >= GOAL, name


def test_the_command_prints_the_draft_as_json(tmp_path, capsys):
    path = tmp_path / "post.txt"
    path.write_text(JANE_DOE, encoding="utf-8")
    call_command("voices_extract", str(path), "--json")
    printed = json.loads(capsys.readouterr().out)
    assert printed["quotes"][0]["speaker"] == "Jane Doe" and printed["asks"] == ["call", "share"]
    call_command("voices_extract", str(path))
    assert "Quote 1, Jane Doe:" in capsys.readouterr().out


def test_the_command_says_why_it_cannot_read_a_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("voices_extract", str(tmp_path / "missing.txt"))
