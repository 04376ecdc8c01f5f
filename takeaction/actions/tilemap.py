"""A tile-grid map of the states: one square each, placed roughly where the state lies."""

from dataclasses import dataclass

from takeaction.officials.geography import state_label

# (column, row) on a 12 x 8 grid.
TILES: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (11, 0),
    "WI": (6, 1), "VT": (10, 1), "NH": (11, 1),
    "WA": (1, 2), "ID": (2, 2), "MT": (3, 2), "ND": (4, 2), "MN": (5, 2), "IL": (6, 2),
    "MI": (7, 2), "NY": (9, 2), "MA": (10, 2),
    "OR": (1, 3), "NV": (2, 3), "WY": (3, 3), "SD": (4, 3), "IA": (5, 3), "IN": (6, 3),
    "OH": (7, 3), "PA": (8, 3), "NJ": (9, 3), "CT": (10, 3), "RI": (11, 3),
    "CA": (1, 4), "UT": (2, 4), "CO": (3, 4), "NE": (4, 4), "MO": (5, 4), "KY": (6, 4),
    "WV": (7, 4), "VA": (8, 4), "MD": (9, 4), "DE": (10, 4),
    "AZ": (2, 5), "NM": (3, 5), "KS": (4, 5), "AR": (5, 5), "TN": (6, 5), "NC": (7, 5),
    "SC": (8, 5), "DC": (9, 5),
    "OK": (4, 6), "LA": (5, 6), "MS": (6, 6), "AL": (7, 6), "GA": (8, 6),
    "HI": (0, 7), "TX": (4, 7), "FL": (9, 7), "PR": (11, 7),
}  # fmt: skip
SIZE = 30
GAP = 3


@dataclass(frozen=True)
class Tile:
    state: str
    x: int
    y: int
    count: int

    @property
    def name(self) -> str:
        # Named when the template shows it, in the page's language, not when counted.
        return state_label(self.state)

    @property
    def level(self) -> int:
        """0 for none, then 1-3 by order of magnitude, for the fill colour."""
        if self.count == 0:
            return 0
        return 1 if self.count < 10 else 2 if self.count < 100 else 3


def tiles(by_state: dict[str, int]) -> list[Tile]:
    step = SIZE + GAP
    return [
        Tile(state, col * step, row * step, by_state.get(state, 0))
        for state, (col, row) in TILES.items()
    ]


WIDTH = 12 * (SIZE + GAP) - GAP
HEIGHT = 8 * (SIZE + GAP) - GAP
