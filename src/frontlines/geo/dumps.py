"""GeoNames dump files (allCountries.txt, a country file such as SY.txt; zipped or not) added to
the gazetteer, so that villages the bundled cities500 lacks can be resolved.

The standard dump has 19 tab-separated columns: geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code,
admin3 code, admin4 code, population, elevation, dem, timezone, modification date.

A file is read and checked whole before anything is kept: a malformed line refuses the file with
a message naming the line, and the extras already loaded stay as they were.  Loaded entries are
kept in one file beside the gazetteer cache (``gazetteer-extra.pickle``) and merged into the
index when it loads.

``download_dump`` fetches a file from the GeoNames download server (only when asked: nothing in
the product downloads on its own) and hands it to ``add_dump``, so a download is checked and
kept exactly like a file given by hand.
"""

from __future__ import annotations

import http.client
import io
import os
import pickle
import re
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from pathlib import Path

from frontlines.resources import cache_dir

COLUMNS = 19
#: feature classes kept: populated places, administrative divisions, areas (regions, camps)
KEPT_CLASSES = {"P", "A", "L"}

GEONAMES_URL = "https://download.geonames.org/export/dump/"
#: the server's files besides the country files, keyed by lower case (names are case-insensitive)
WHOLE_FILES = {n.lower(): n for n in ("allCountries", "cities500", "cities1000", "cities5000", "cities15000")}
TIMEOUT = 60  # seconds without an answer; allCountries.zip is large but arrives steadily
USER_AGENT = "frontlines (GeoNames dump download)"


class DumpError(ValueError):
    """A GeoNames file that cannot be loaded; the message names the file and the line."""


class DownloadError(DumpError):
    """A GeoNames file that could not be fetched; the message names the address and the reason."""


def extra_path() -> Path:
    override = os.environ.get("FRONTLINES_GAZETTEER_EXTRA")
    return Path(override) if override else cache_dir() / "gazetteer-extra.pickle"


def _lines(path: Path, label):
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not names:
                raise DumpError(f"{label}: the zip file holds no .txt dump")
            with z.open(names[0]) as fh:
                yield from enumerate(io.TextIOWrapper(fh, encoding="utf-8"), 1)
        return
    with open(path, encoding="utf-8") as fh:
        yield from enumerate(fh, 1)


def read_dump(path: str | os.PathLike, label: str | None = None) -> list[tuple[tuple, list[str]]]:
    """(row, names) for each kept record: row in the gazetteer's Entry field order.  Messages
    name the file as ``label`` when given (a download names its address, not a temporary file)."""
    path = Path(path)
    label = label or path
    out = []
    try:
        for lineno, line in _lines(path, label):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) != COLUMNS:
                raise DumpError(f"{label}: line {lineno}: {len(cols)} columns, a GeoNames dump has {COLUMNS}")
            try:
                gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                population = int(cols[14] or 0)
            except ValueError:
                raise DumpError(f"{label}: line {lineno}: geonameid, latitude, longitude or population "
                                "is not a number") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise DumpError(f"{label}: line {lineno}: coordinates out of range ({lat}, {lon})")
            fclass = cols[6]
            if fclass not in KEPT_CLASSES:
                continue
            feature = "P" if fclass == "P" else ("A" if cols[7] == "ADM1" else "P")
            # a second-level division or an area is placed like a town: a point with a name
            row = (gid, cols[1], lat, lon, cols[8], cols[10], population, feature, "")
            names = [cols[1], cols[2], *[a for a in cols[3].split(",") if a]]
            out.append((row, names))
    except UnicodeDecodeError as err:
        raise DumpError(f"{label}: not UTF-8 text ({err.reason})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:  # a damaged or truncated member
        raise DumpError(f"{label}: damaged zip file ({err})") from None
    except OSError as err:
        raise DumpError(f"{label}: cannot be read ({err.strerror or err})") from None
    return out


def load_extras() -> list[tuple[tuple, list[str]]]:
    path = extra_path()
    if not path.exists():
        return []
    with open(path, "rb") as fh:
        return pickle.load(fh)


def add_dump(path: str | os.PathLike, label: str | None = None) -> tuple[int, int]:
    """Check and add a dump file; returns (records added or replaced, records kept in all)."""
    new = read_dump(path, label)  # raises before anything is written
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


def dump_name(code: str) -> str:
    """The server's name for a country code (any case) or a whole file such as cities500."""
    if code.lower() in WHOLE_FILES:
        return WHOLE_FILES[code.lower()]
    if not re.fullmatch(r"[A-Za-z]{2}", code):
        raise ValueError(f"{code!r} is not a two-letter country code nor one of "
                         f"{', '.join(WHOLE_FILES.values())}")
    return code.upper()


def dump_url(code: str, base_url: str | None = None) -> str:
    """Where a file is fetched from: base_url, else $FRONTLINES_GEONAMES_URL, else GeoNames."""
    base = base_url or os.environ.get("FRONTLINES_GEONAMES_URL") or GEONAMES_URL
    return f"{base.rstrip('/')}/{dump_name(code)}.zip"


def fetch(url: str, directory: Path) -> Path:
    """Download url into a new temporary file in directory; the file is removed on any failure."""
    fd, name = tempfile.mkstemp(prefix="geonames-", suffix=".zip.part", dir=directory)
    tmp, done = Path(name), False
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
                with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                    shutil.copyfileobj(response, out, 1 << 20)  # streamed: allCountries.zip is hundreds of MB
            except urllib.error.HTTPError as err:
                raise DownloadError(f"{url}: HTTP {err.code} {err.reason}") from None
            except urllib.error.URLError as err:  # offline, refused, unknown host
                raise DownloadError(f"{url}: cannot connect ({err.reason})") from None
            except (OSError, http.client.HTTPException, ValueError) as err:  # timeout, cut off, bad address
                raise DownloadError(f"{url}: download failed ({err or type(err).__name__})") from None
        if not zipfile.is_zipfile(tmp):  # an error page, a captive portal, a wrong --base-url
            raise DownloadError(f"{url}: not a zip file (is the address a GeoNames dump server?)")
        done = True
        return tmp
    finally:
        if not done:
            tmp.unlink(missing_ok=True)


def download_dump(code: str, base_url: str | None = None, keep: bool = False) -> tuple[int, int, Path | None]:
    """Fetch a country's dump (or cities500 ...) and add it as ``add_dump`` adds a file given by
    hand; returns (records added, records kept in all, the kept zip or None).  The zip goes to
    the cache folder and is deleted afterwards unless keep; on any failure nothing is kept."""
    url = dump_url(code, base_url)
    directory = cache_dir()
    tmp = fetch(url, directory)
    try:
        added, total = add_dump(tmp, label=url)
        if not keep:
            return added, total, None
        kept = directory / f"{dump_name(code)}.zip"
        tmp.replace(kept)
        return added, total, kept
    finally:
        tmp.unlink(missing_ok=True)
