"""The tabular outputs: rows of events, control periods, contradictions, figures, documents.

Each output has its column list here, in the order of the output contract (PRODUCT.md), and a
function that turns one record into typed values (numbers as numbers, lists as lists, None
for empty). The CSV writer and the JSON writers format those same values, so the files agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from typing import Any, Iterable, Sequence

from frontlines.model import Contradiction, ControlPeriod, Document, Event, Evidence, Figure

#: separator of list items inside a cell (ACLED's)
LIST_SEP = "; "

EVENT_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp", "claim_status", "confidence", "documents",
    "geonameid",
)
EVIDENCE_FIELDS = ("document", "sentence", "start", "end", "quote", "claimant", "stance")
CONTROL_COLUMNS = (
    "location", "geonameid", "latitude", "longitude", "controller", "since", "until", "status",
    "events", "documents",
)
CONTRADICTION_COLUMNS = (
    "topic", "event_id_cnty", "claim_a", "claimant_a", "documents_a", "claim_b", "claimant_b",
    "documents_b", "quote_a", "quote_b",
)
FIGURE_COLUMNS = (
    "kind", "value", "unit", "who", "place", "since", "until", "claimant", "document", "quote",
)
DOCUMENT_COLUMNS = (
    "document", "title", "outlet", "published", "published_how", "language", "events",
)

#: integer codes for which 0 means "not coded" and is written as an empty cell:
#: inter codes and interaction (ACLED leaves them blank), ISO numeric 0 (no country),
#: precisions 0 (unknown: ACLED's scales start at 1), timestamp 0 (not set)
_ZERO_IS_EMPTY = frozenset(
    {"inter1", "inter2", "interaction", "iso", "time_precision", "geo_precision", "timestamp"}
)
#: decimals kept for float columns
_DECIMALS = {"latitude": 5, "longitude": 5, "confidence": 2}


# -- sort keys -------------------------------------------------------------------------

def _date_key(d: dt.date | None, missing: dt.date) -> tuple[int, dt.date]:
    return (1, missing) if d is None else (0, d)


def event_sort_key(e: Event) -> tuple:
    """Events by date (undated last), then id."""
    return (_date_key(e.event_date, dt.date.max), e.event_id_cnty)


def control_sort_key(c: ControlPeriod) -> tuple:
    """Periods by place, then time (open start first), then controller."""
    return (
        c.location, c.geonameid or 0,
        (0, dt.date.min) if c.since is None else (1, c.since),  # open start first
        _date_key(c.until, dt.date.max),  # open end last c.controller, c.status, c.events, c.documents,
    )


def contradiction_sort_key(c: Contradiction) -> tuple:
    return (c.event_id_cnty, c.topic, c.claim_a, c.claimant_a, c.documents_a,
            c.claim_b, c.claimant_b, c.documents_b, c.quote_a, c.quote_b)


def figure_sort_key(f: Figure) -> tuple:
    return (f.document, f.start, f.end, f.kind, f.value, f.unit, f.who, f.place, f.since,
            f.until, f.claimant, f.quote)


# -- typed values ----------------------------------------------------------------------

def _round(value: float | None, decimals: int) -> float | None:
    if value is None:
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    rounded = round(value, decimals)
    return 0.0 if rounded == 0 else rounded  # no "-0.00000"


def _iso(value: dt.date | str | None) -> str | None:
    if value in (None, ""):
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def evidence_values(ev: Evidence) -> dict[str, Any]:
    return {name: getattr(ev, name) for name in EVIDENCE_FIELDS}


def event_values(e: Event) -> dict[str, Any]:
    """An event's fields in column order, with JSON types (None for an empty cell)."""
    values: dict[str, Any] = {}
    for name in EVENT_COLUMNS:
        if name == "year":
            value: Any = e.year
        elif name == "event_date":
            value = _iso(e.event_date)
        elif name == "documents":
            value = list(e.documents)
        else:
            value = getattr(e, name)
        if name in _ZERO_IS_EMPTY and value == 0:
            value = None
        if name in _DECIMALS:
            value = _round(value, _DECIMALS[name])
        values[name] = value
    return values


def event_json(e: Event) -> dict[str, Any]:
    """One line of events.jsonl: the event's fields in column order, then its evidence."""
    values = event_values(e)
    values["evidence"] = [evidence_values(ev) for ev in e.evidence]
    return values


def control_values(c: ControlPeriod) -> dict[str, Any]:
    return {
        "location": c.location,
        "geonameid": c.geonameid,
        "latitude": _round(c.latitude, 5),
        "longitude": _round(c.longitude, 5),
        "controller": c.controller,
        "since": _iso(c.since),
        "until": _iso(c.until),
        "status": c.status,
        "events": list(c.events),
        "documents": list(c.documents),
    }


def contradiction_values(c: Contradiction) -> dict[str, Any]:
    return {
        name: list(getattr(c, name)) if name.startswith("documents_") else getattr(c, name)
        for name in CONTRADICTION_COLUMNS
    }


def figure_values(f: Figure) -> dict[str, Any]:
    return {name: getattr(f, name) for name in FIGURE_COLUMNS}


def document_published(doc: Document, inferred: dict[str, dt.date | str] | None) -> tuple[str | None, str]:
    """(published ISO date or None, how it is known): a date inferred by fuse fills a gap."""
    if doc.published is not None:
        return doc.published.isoformat(), doc.published_how
    guess = (inferred or {}).get(doc.id)
    if guess:
        return _iso(guess), "inferred"
    return None, doc.published_how or "unknown"


def document_values(doc: Document, events: Sequence[str],
                    inferred: dict[str, dt.date | str] | None) -> dict[str, Any]:
    published, how = document_published(doc, inferred)
    return {
        "document": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": published,
        "published_how": how,
        "language": doc.language,
        "events": list(events),
    }


def events_by_document(events: Iterable[Event]) -> dict[str, list[str]]:
    """Document id -> ids of the events it reports, in the order of ``events``."""
    found: dict[str, list[str]] = {}
    for e in events:
        for doc_id in dict.fromkeys(e.documents):
            found.setdefault(doc_id, []).append(e.event_id_cnty)
    return found


# -- formats ---------------------------------------------------------------------------

def cell(value: Any) -> str:
    """A typed value as a CSV cell: '' for None, lists joined by '; ', floats as given."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEP.join(cell(v) for v in value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return str(value)


def _format_cell(name: str, value: Any) -> str:
    if name in _DECIMALS and value is not None:
        return f"{value:.{_DECIMALS[name]}f}"
    return cell(value)


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    """A CSV document: header, then one line per row; '\\n' line ends, minimal quoting."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_format_cell(name, row[name]) for name in columns])
    return buffer.getvalue()


def jsonl_text(objects: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


def geojson_text(events: Iterable[Event]) -> str:
    """A FeatureCollection with a Point ([longitude, latitude]) per event with coordinates.

    Properties are the events.csv fields with JSON types; ``documents`` is the '; '-joined
    string, as in the CSV, so that every property is a scalar GIS tools can hold.
    """
    features = []
    for e in events:
        values = event_values(e)
        lat, lon = values["latitude"], values["longitude"]
        if lat is None or lon is None:
            continue
        properties = dict(values)
        properties["documents"] = cell(values["documents"])
        features.append(json.dumps({
            "type": "Feature",
            "id": e.event_id_cnty,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": properties,
        }, ensure_ascii=False))
    body = ",\n".join(features)
    return ('{"type": "FeatureCollection", "features": [\n' + body
            + ("\n" if features else "") + "]}\n")
