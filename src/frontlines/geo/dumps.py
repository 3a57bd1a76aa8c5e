"""GeoNames dump files (allCountries.txt, a country file such as SY.txt; zipped or not) added to
the gazetteer, so that villages the bundled cities500 lacks can be resolved.

The standard dump has 19 tab-separated columns: geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code,
admin3 code, admin4 code, population, elevation, dem, timezone, modification date.

A file is read and checked whole before anything is kept: a malformed line refuses the file with
a message naming the line, and the extras already loaded stay as they were.  Loaded entries are
kept in one file beside the gazetteer cache (``gazetteer-extra.pickle``) and merged into the
index when it loads.
"""

from __future__ import annotations

import io
import os
import pickle
import zipfile
from pathlib import Path

from frontlines.resources import cache_dir

COLUMNS = 19
#: feature classes kept: populated places, administrative divisions, areas (regions, camps)
KEPT_CLASSES = {"P", "A", "L"}


class DumpError(ValueError):
    """A GeoNames file that cannot be loaded; the message names the file and the line."""


def extra_path() -> Path:
    override = os.environ.get("FRONTLINES_GAZETTEER_EXTRA")
    return Path(override) if override else cache_dir() / "gazetteer-extra.pickle"


def _lines(path: Path):
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not names:
                raise DumpError(f"{path}: the zip file holds no .txt dump")
            with z.open(names[0]) as fh:
                yield from enumerate(io.TextIOWrapper(fh, encoding="utf-8"), 1)
        return
    with open(path, encoding="utf-8") as fh:
        yield from enumerate(fh, 1)


def read_dump(path: str | os.PathLike) -> list[tuple[tuple, list[str]]]:
    """(row, names) for each kept record: row in the gazetteer's Entry field order."""
    path = Path(path)
    out = []
    try:
        for lineno, line in _lines(path):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) != COLUMNS:
                raise DumpError(f"{path}: line {lineno}: {len(cols)} columns, a GeoNames dump has {COLUMNS}")
            try:
                gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                population = int(cols[14] or 0)
            except ValueError:
                raise DumpError(f"{path}: line {lineno}: geonameid, latitude, longitude or population "
                                "is not a number") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise DumpError(f"{path}: line {lineno}: coordinates out of range ({lat}, {lon})")
            fclass = cols[6]
            if fclass not in KEPT_CLASSES:
                continue
            feature = "P" if fclass == "P" else ("A" if cols[7] == "ADM1" else "P")
            # a second-level division or an area is placed like a town: a point with a name
            row = (gid, cols[1], lat, lon, cols[8], cols[10], population, feature, "")
            names = [cols[1], cols[2], *[a for a in cols[3].split(",") if a]]
            out.append((row, names))
    except UnicodeDecodeError as err:
        raise DumpError(f"{path}: not UTF-8 text ({err.reason})") from None
    except OSError as err:
        raise DumpError(f"{path}: cannot be read ({err.strerror or err})") from None
    return out


def load_extras() -> list[tuple[tuple, list[str]]]:
    path = extra_path()
    if not path.exists():
        return []
    with open(path, "rb") as fh:
        return pickle.load(fh)


def add_dump(path: str | os.PathLike) -> tuple[int, int]:
    """Check and add a dump file; returns (records added or replaced, records kept in all)."""
    new = read_dump(path)  # raises before anything is written
    by_id = {row[0]: (row, names) for row, names in load_extras()}
    for row, names in new:
        by_id[row[0]] = (row, names)
    kept = [by_id[k] for k in sorted(by_id)]
    target = extra_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        pickle.dump(kept, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(target)  # atomic: a crash leaves the old extras, never half of the new
    return len(new), len(kept)
