"""Process-local copies: fresh for their seconds, forgotten on demand, bounded."""

from takeaction.core import local_copies
from takeaction.core.local_copies import LocalCopies, local_copies_clear


def test_a_copy_is_served_until_its_deadline_then_not(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(local_copies, "_now", lambda: now[0])
    copies = LocalCopies()
    copies.put("row", "value", 1.0)
    assert copies.get("row") == "value"
    now[0] = 100.99
    assert copies.get("row") == "value"
    now[0] = 101.0
    assert copies.get("row") is None


def test_forget_clear_and_the_bound():
    copies = LocalCopies(size=2)
    copies.put("a", 1, 60)
    copies.forget("a", "never-there")
    assert copies.get("a") is None
    copies.put("a", 1, 60)
    copies.put("b", 2, 60)
    copies.put("c", 3, 60)  # full: emptied first, never more than size kept
    assert (copies.get("a"), copies.get("b"), copies.get("c")) == (None, None, 3)
    local_copies_clear()
    assert copies.get("c") is None
