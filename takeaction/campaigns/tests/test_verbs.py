from hypothesis import given
from hypothesis import strategies as st

from takeaction.campaigns.verbs import DEFAULT_ORDER, Verb, verbs_in_ask_order


def test_khloe_ask_orders_share_talk_call_write_donate():
    ask = "Please tweet, talk, call, post, write, donate. Xo"
    assert verbs_in_ask_order(ask) == [Verb.SHARE, Verb.TALK, Verb.CALL, Verb.WRITE, Verb.DONATE]


def test_named_verbs_come_first_in_the_order_asked():
    assert verbs_in_ask_order("Donate now, then call your senator")[:2] == [Verb.DONATE, Verb.CALL]


def test_unnamed_verbs_follow_in_default_order():
    assert verbs_in_ask_order("Please write to them") == [
        Verb.WRITE,
        Verb.SHARE,
        Verb.TALK,
        Verb.CALL,
        Verb.DONATE,
    ]


def test_spanish_ask_is_understood():
    assert verbs_in_ask_order("Llama y escribe hoy")[:2] == [Verb.CALL, Verb.WRITE]


def test_spanish_imperatives_with_a_pronoun_and_their_accent_are_understood():
    ask = "¡Dónales, llámales, escríbeles y compártelo!"
    assert verbs_in_ask_order(ask)[:4] == [Verb.DONATE, Verb.CALL, Verb.WRITE, Verb.SHARE]
    assert verbs_in_ask_order("Háblales y tuitéalo")[:2] == [Verb.TALK, Verb.SHARE]


def test_empty_ask_gives_default_order():
    assert verbs_in_ask_order("") == list(DEFAULT_ORDER)


@given(st.text())
def test_any_ask_gives_each_verb_exactly_once(ask):
    assert sorted(verbs_in_ask_order(ask)) == sorted(DEFAULT_ORDER)
