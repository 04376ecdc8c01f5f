"""Point-in-polygon lookup of House seats with shapely's STRtree."""

import time
from dataclasses import dataclass

import numpy as np
from shapely import STRtree, from_wkb, points, prepare


@dataclass
class BoundaryIndex:
    keys: list[tuple[str, int]]
    tree: STRtree | None
    build_seconds: float

    @classmethod
    def from_database(cls) -> "BoundaryIndex":
        from takeaction.officials.models import Division

        started = time.perf_counter()
        rows = list(
            Division.objects.filter(district__isnull=False, boundary__isnull=False).values_list(
                "state", "district", "boundary"
            )
        )
        return cls.build(
            [((state, district), bytes(wkb)) for state, district, wkb in rows], started
        )

    @classmethod
    def build(cls, items: list[tuple[tuple[str, int], bytes]], started: float | None = None):
        started = started if started is not None else time.perf_counter()
        keys = [key for key, _ in items]
        if not items:
            return cls(keys, None, 0.0)
        geometries = from_wkb(np.array([wkb for _, wkb in items], dtype=object))
        # Prepared geometries answer "contains" many times faster after a one-off cost.
        prepare(geometries)
        tree = STRtree(geometries)
        return cls(keys, tree, time.perf_counter() - started)

    def seats_at(self, latitude: float, longitude: float) -> list[tuple[str, int]]:
        """Return the seats whose polygon covers the point (usually one; two on a border)."""
        if self.tree is None:
            return []
        hits = self.tree.query(points(longitude, latitude), predicate="intersects")
        return sorted(self.keys[i] for i in hits)

    def representative_point(self, key: tuple[str, int]) -> tuple[float, float] | None:
        """A point inside the seat's polygon, as (lat, lon), or None without a boundary."""
        if self.tree is None or key not in self.keys:
            return None
        point = self.tree.geometries[self.keys.index(key)].representative_point()
        return (point.y, point.x)

    def border_point(
        self, key: tuple[str, int], others: list[tuple[str, int]]
    ) -> tuple[float, float] | None:
        """A point on the border ``key`` shares with ``others``, as (lat, lon), or None.

        A ZIP split between districts straddles the line where they meet, so that line
        is the best guess of where its fan is when the data has no ZIP centroids.
        """
        if self.tree is None or key not in self.keys:
            return None
        mine = self.tree.geometries[self.keys.index(key)]
        shared = [
            mine.intersection(self.tree.geometries[self.keys.index(other)])
            for other in others
            if other in self.keys
        ]
        shared = [line for line in shared if not line.is_empty]
        if not shared:
            return None
        point = shared[0].centroid
        return (point.y, point.x)
