"""The report's base map: country and first-level division outlines, drawn as SVG paths.

The outlines are Natural Earth's (public domain), simplified and shipped in
``data/boundaries.json.gz`` (built by ``tools/build_boundaries.py``), so the map needs no
network and no tiles. Only what falls in the map's view is drawn: each ring is clipped to the
view (with a margin, so the cut edges lie outside the picture) and thinned to about a pixel.
Names come from the data file, never from articles; they are escaped all the same.
"""

from __future__ import annotations

import functools
import gzip
import html
import json
from collections.abc import Callable
from importlib import resources

Point = tuple[float, float]

#: labels of first-level divisions are drawn when the view is at most this wide (degrees)
LABEL_SPAN = 12.0
#: a country's name is drawn where its clipped outline is at least this wide (pixels)
COUNTRY_LABEL_PX = 90


@functools.lru_cache(maxsize=1)
def boundaries() -> dict:
    """The outlines: {"scale", "countries": [...], "admin1": [...]}, each with iso2, name,
    bbox [west, south, east, north] and rings of integer differences."""
    with resources.files("frontlines.data").joinpath("boundaries.json.gz").open("rb") as fh:
        return json.loads(gzip.decompress(fh.read()))


def _decode(ring: list[int], scale: int) -> list[Point]:
    pts, x, y = [], 0, 0
    for i in range(0, len(ring), 2):
        x, y = x + ring[i], y + ring[i + 1]
        pts.append((x / scale, y / scale))
    return pts


def _clip(ring: list[Point], west: float, south: float, east: float, north: float) -> list[Point]:
    """Sutherland-Hodgman: the part of a closed ring inside the rectangle."""
    def cut(points, inside, cross):
        out = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x0):
        return lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))

    def at_y(y0):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)

    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
    for inside, cross in ((lambda p: p[0] >= west, at_x(west)), (lambda p: p[0] <= east, at_x(east)),
                          (lambda p: p[1] >= south, at_y(south)), (lambda p: p[1] <= north, at_y(north))):
        if not points:
            break
        points = cut(points, inside, cross)
    return points


def _overlaps(box: list[float], west: float, south: float, east: float, north: float) -> bool:
    return box[0] <= east and box[2] >= west and box[1] <= north and box[3] >= south


def _path(rings: list[list[Point]], project: Callable[[float, float], Point]) -> tuple[str, float]:
    """SVG path data of clipped rings in pixels (points closer than a pixel to the last one
    dropped), and the widest ring's width in pixels."""
    parts, widest = [], 0.0
    for ring in rings:
        kept: list[Point] = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= 1.0:
                kept.append((x, y))
        if len(kept) < 3:
            continue
        xs = [p[0] for p in kept]
        widest = max(widest, max(xs) - min(xs))
        parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in kept) + "Z")
    return "".join(parts), widest


def basemap(view: tuple[float, float, float, float], project: Callable[[float, float], Point]) -> str:
    """SVG elements for the countries and divisions within ``view`` (west, south, east, north)."""
    data = boundaries()
    scale = data["scale"]
    west, south, east, north = view
    mx, my = (east - west) * 0.05 + 0.05, (north - south) * 0.05 + 0.05
    box = (west - mx, south - my, east + mx, north + my)  # (cut edges outside the picture)
    out, labels = [], []
    for layer, cls in ((data["countries"], "country"), (data["admin1"], "admin1")):
        for item in layer:
            if not _overlaps(item["bbox"], *box):
                continue
            rings = [c for c in (_clip(_decode(r, scale), *box) for r in item["rings"]) if len(c) >= 3]
            if not rings:
                continue
            d, widest = _path(rings, project)
            if not d:
                continue
            name = html.escape(item["name"], quote=True)
            out.append(f'<path class="{cls}" d="{d}"><title>{name}</title></path>')
            if cls == "country" and widest >= COUNTRY_LABEL_PX:
                # the name at the middle of the country's part of the view
                lons = [p[0] for r in rings for p in r]
                lats = [p[1] for r in rings for p in r]
                lx, ly = project((max(min(lons), west) + min(max(lons), east)) / 2,
                                 (max(min(lats), south) + min(max(lats), north)) / 2)
                labels.append(f'<text class="countrylabel" x="{lx:.1f}" y="{ly:.1f}">{name.upper()}</text>')
            elif cls == "admin1" and item.get("label") and east - west <= LABEL_SPAN:
                lon, lat = item["label"]
                if west <= lon <= east and south <= lat <= north:
                    lx, ly = project(lon, lat)
                    labels.append(f'<text class="admin1label" x="{lx:.1f}" y="{ly:.1f}">{name}</text>')
    return "".join(out) + "".join(labels)
