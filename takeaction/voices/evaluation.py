"""Scoring a reading against hand annotations: the evaluation set's precision and recall.

Used by ``bench/voices_eval.py`` (which prints the table) and by the tests (which
hold the set to its goal). The set is ``eval_cases.json`` beside this module.
"""

import json
import re
import unicodedata
from pathlib import Path

CASES = Path(__file__).with_name("eval_cases.json")
GOAL = 0.9


def load_cases() -> list[dict]:
    return json.loads(CASES.read_text(encoding="utf-8"))


def fold(text) -> str:
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.sub(r"[“”\"«»]", " ", text).split()).strip(" .,;:!?")


def same_quote(found: str, expected: dict) -> bool:
    got = fold(found)
    if "starts" in expected:
        return got.startswith(fold(expected["starts"]))
    want = fold(expected["text"])
    if not got or not want:
        return False
    if got in want or want in got:
        return min(len(got), len(want)) / max(len(got), len(want)) >= 0.6
    a, b = set(got.split()), set(want.split())
    return len(a & b) / len(a | b) >= 0.8


def number_of(text: str) -> str:
    return re.sub(r"\D", "", text or "")


class Tally:
    def __init__(self):
        self.found = self.expected = self.right_found = self.right_expected = 0

    def add(self, found: int, expected: int, right_found: int, right_expected: int | None = None):
        self.found += found
        self.expected += expected
        self.right_found += right_found
        self.right_expected += right_found if right_expected is None else right_expected

    @property
    def precision(self) -> float:
        return self.right_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right_expected / self.expected if self.expected else 1.0


def score(cases, extract, verbose: bool):
    rows = {name: Tally() for name in ("quotes", "speakers", "asks", "figures")}
    info = {
        name: Tally() for name in ("organizations", "websites", "handles", "hashtags", "outlets")
    }
    order_right = platform_right = targets_right = 0
    for case in cases:
        draft = extract(case["text"], date=case.get("date"))
        want = case["expected"]
        # Quotes: each found one matched to at most one annotated one.
        pairs, free = [], list(range(len(want.get("quotes", []))))
        for quote in draft.quotes:
            match = next((i for i in free if same_quote(quote.text, want["quotes"][i])), None)
            if match is not None:
                free.remove(match)
                pairs.append((quote, want["quotes"][match]))
        rows["quotes"].add(len(draft.quotes), len(want.get("quotes", [])), len(pairs))
        named = [(q, w) for q, w in pairs if w.get("speaker")]
        said = [(q, w) for q, w in pairs if q.speaker]
        right = [
            (q, w)
            for q, w in pairs
            if q.speaker and w.get("speaker") and fold(q.speaker) == fold(w["speaker"])
        ]
        rows["speakers"].add(len(said), len(named), len(right))
        asks, wanted = draft.asks, want.get("asks", [])
        rows["asks"].add(len(asks), len(wanted), len(set(asks) & set(wanted)))
        order_right += [a for a in asks if a in wanted] == [a for a in wanted if a in asks]
        figures = [number_of(f.text) for f in draft.figures]
        expected_figures = [number_of(f["text"]) for f in want.get("figures", [])]
        hits = sum(1 for n in set(figures) if n in expected_figures)
        rows["figures"].add(len(set(figures)), len(set(expected_figures)), hits)
        for name in info:
            got = {fold(v) for v in getattr(draft, name)}
            exp = {fold(v) for v in want.get(name, [])}
            info[name].add(len(got), len(exp), len(got & exp))
        platform_right += (draft.platform or None) == (want.get("platform") or None)
        targets_right += (draft.targets or None) == (want.get("targets") or None)
        if verbose:
            _explain(case, draft, pairs, want)
    return rows, info, order_right, platform_right, targets_right


def _explain(case, draft, pairs, want):
    matched = {id(q) for q, _ in pairs}
    wrong = [q for q in draft.quotes if id(q) not in matched]
    missed = [w for w in want.get("quotes", []) if all(w is not x for _, x in pairs)]
    speakers = [
        (q.speaker, w.get("speaker")) for q, w in pairs if fold(q.speaker) != fold(w.get("speaker"))
    ]
    asks = (draft.asks, want.get("asks", [])) if draft.asks != want.get("asks", []) else None
    if wrong or missed or speakers or asks:
        print(f"- {case['id']}:")
        for q in wrong:
            print(f"    extra quote: {q.text[:70]!r} ({q.speaker})")
        for w in missed:
            words = (w.get("text") or w.get("starts"))[:70]
            print(f"    missed quote: {words!r} ({w.get('speaker')})")
        for got, exp in speakers:
            print(f"    speaker {got!r}, expected {exp!r}")
        if asks:
            print(f"    asks {asks[0]}, expected {asks[1]}")
