"""Values from the shared cache, kept in this process for about a second.

With Redis, every cache read is a network round trip (about 100 µs of CPU on this
machine class, with redis-py). A fan's act read the same two values each time (the
campaign's row, its organization's webhook endpoints), values that change a few times
a day and whose every reader accepts them a second old. Each process keeps such values
for ``seconds`` after reading them; the process that changes one forgets it at once
(``forget``), the others within that second.
"""

import time

_registry: list["LocalCopies"] = []
_now = time.monotonic


class LocalCopies:
    """A small dict of values with a deadline, emptied when it fills."""

    def __init__(self, size: int = 1024):
        self._size = size
        self._items: dict[str, tuple[float, object]] = {}
        _registry.append(self)

    def get(self, key: str):
        """The value kept under ``key`` if it is still fresh, else None."""
        item = self._items.get(key)
        if item is not None and item[0] > _now():
            return item[1]
        return None

    def put(self, key: str, value, seconds: float) -> None:
        if len(self._items) >= self._size:
            self._items.clear()
        self._items[key] = (_now() + seconds, value)

    def forget(self, *keys: str) -> None:
        for key in keys:
            self._items.pop(key, None)

    def clear(self) -> None:
        self._items.clear()


def local_copies_clear() -> None:
    """Forget every process-local copy (the shared cache was emptied: tests)."""
    for copies in _registry:
        copies.clear()
