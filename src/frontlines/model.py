"""The records that flow through frontlines, as frozen dataclasses.

    ingest -> Document -> code -> Mention -> store -> fuse -> Event, Contradiction,
    ControlPeriod, Figure -> export

Field names follow ACLED's codebook where one exists (``sub_event_type``, ``inter1``,
``geo_precision``, ``time_precision``), so that a row of ``events.csv`` reads like an
ACLED export.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: how a document's publication date was learnt
PUBLISHED_HOW = ("metadata", "text", "inferred", "unknown")

#: stances a source takes towards an event, from weakest commitment to denial
STANCES = ("reported", "claimed", "denied")


@dataclass(frozen=True)
class Document:
    """One article: clean text plus what is known about it."""

    id: str
    text: str  # clean text, page furniture removed; evidence offsets point into it
    title: str = ""
    outlet: str = ""
    published: dt.date | None = None
    published_how: str = "unknown"  # one of PUBLISHED_HOW
    language: str = ""
    url: str = ""
    path: str = ""  # where it was read from (file, or file#row)
    content_hash: str = ""  # sha256 of the clean text and metadata, for idempotent ingest


@dataclass(frozen=True)
class Place:
    """A resolved toponym: one GeoNames entry (or a region of one)."""

    name: str
    latitude: float
    longitude: float
    country_code: str = ""  # ISO 3166-1 alpha-2
    admin1: str = ""
    admin2: str = ""
    geonameid: int | None = None
    feature: str = "P"  # GeoNames feature class: P populated place, A administrative area
    population: int = 0


@dataclass(frozen=True)
class Evidence:
    """A span of text that supports a field, with who the text says claimed it."""

    document: str
    sentence: int  # index of the sentence in the document
    start: int  # character offsets into Document.text
    end: int
    quote: str
    claimant: str = ""
    stance: str = "reported"


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression as written, resolvable against a publication date.

    kind: ``absolute`` (a calendar date), ``weekday``, ``relative`` (yesterday, three weeks
    ago, days ago), ``month`` (in November), ``recent`` (recently), ``none`` (the report
    itself: the event is news on the day of publication).
    """

    kind: str = "none"
    text: str = ""
    # absolute: iso date; weekday: 0=Monday..6; relative: offset days (min, max); month: (year|0, month)
    value: tuple[Any, ...] = ()
    part_of_day: str = ""  # evening, night, morning, late ...


@dataclass(frozen=True)
class Mention:
    """One report of one event in one document, coded by ACLED's rules."""

    document: str
    index: int  # order of the mention in the document
    event_type: str
    sub_event_type: str
    disorder_type: str
    actor1: str = ""
    inter1: int = 0
    assoc_actor_1: str = ""
    actor2: str = ""
    inter2: int = 0
    assoc_actor_2: str = ""
    civilian_targeting: str = ""
    place: Place | None = None
    geo_precision: int = 0
    location_note: str = ""
    when: TimeExpr = TimeExpr()
    date_start: dt.date | None = None  # earliest possible date
    date_end: dt.date | None = None  # latest possible date
    time_precision: int = 0  # ACLED: 1 day, 2 week, 3 month; 0 unknown
    background: bool = False  # told as past context, not as the news of the article
    fatalities: int | None = None
    claimant: str = ""
    stance: str = "reported"
    evidence: tuple[Evidence, ...] = ()
    trigger: str = ""  # the word that signalled the event
    rule: str = ""  # the named rule that coded it

    @property
    def key(self) -> str:
        return f"{self.document}#{self.index}"

    @property
    def place_key(self) -> tuple:
        """Where the event happened, for telling events apart: the place, and whether at it
        or only near it (geo_precision 2): the town and its outskirts are two places."""
        p = self.place
        return (p.geonameid, p.name, p.country_code, self.geo_precision == 2) if p else ()


@dataclass(frozen=True)
class Event:
    """One real-world event, fused from all the mentions that report it."""

    event_id_cnty: str
    event_date: dt.date | None
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int = 0
    civilian_targeting: str = ""
    iso: int = 0
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 0
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = 0
    tags: str = ""
    timestamp: int = 0
    claim_status: str = "reported"
    confidence: float = 0.0
    documents: tuple[str, ...] = ()
    geonameid: int | None = None
    evidence: tuple[Evidence, ...] = ()
    mentions: tuple[str, ...] = ()  # Mention.key of each fused mention

    @property
    def year(self) -> int | None:
        return self.event_date.year if self.event_date else None


@dataclass(frozen=True)
class Contradiction:
    """Two sides of a disagreement between sources, with their quotes."""

    topic: str  # denial, controller, date, campaign start, figure
    event_id_cnty: str
    claim_a: str
    claimant_a: str
    documents_a: tuple[str, ...]
    claim_b: str
    claimant_b: str
    documents_b: tuple[str, ...]
    quote_a: str
    quote_b: str


@dataclass(frozen=True)
class ControlPeriod:
    """Who held a place from when to when, per which events and documents."""

    location: str
    geonameid: int | None
    latitude: float
    longitude: float
    controller: str  # government, opposition, or an actor's name
    since: dt.date | None
    until: dt.date | None
    status: str  # reported, claimed, contested, denied
    events: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    since_latest: dt.date | None = None  # end of the window in which control changed
    note: str = ""


@dataclass(frozen=True)
class Figure:
    """A reported humanitarian number (displaced, killed, wounded) with its scope."""

    kind: str
    value: int
    unit: str = "people"
    who: str = ""
    place: str = ""
    since: str = ""  # ISO date or YYYY-MM
    until: str = ""
    claimant: str = ""
    document: str = ""
    quote: str = ""
    start: int = 0
    end: int = 0


def to_plain(value: Any) -> Any:
    """A record as JSON-ready plain data (dates as ISO strings, tuples as lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def evidence_from_plain(d: dict) -> Evidence:
    return Evidence(**d)


def place_from_plain(d: dict | None) -> Place | None:
    return Place(**d) if d else None


def mention_from_plain(d: dict) -> Mention:
    """Inverse of ``to_plain`` for a Mention (as read back from the store)."""
    d = dict(d)
    d["place"] = place_from_plain(d.get("place"))
    w = d.get("when") or {}
    d["when"] = TimeExpr(kind=w.get("kind", "none"), text=w.get("text", ""),
                         value=tuple(w.get("value", ())), part_of_day=w.get("part_of_day", ""))
    d["date_start"] = _date(d.get("date_start"))
    d["date_end"] = _date(d.get("date_end"))
    d["evidence"] = tuple(evidence_from_plain(e) for e in d.get("evidence", ()))
    return Mention(**d)


def event_from_plain(d: dict, evidence: tuple[Evidence, ...] | None = None) -> Event:
    """Inverse of ``to_plain`` for an Event; ``evidence`` gives the Evidence records instead
    when the caller holds them already (a fusion cache takes them from the mentions)."""
    d = dict(d)
    d["event_date"] = _date(d.get("event_date"))
    d["documents"] = tuple(d.get("documents", ()))
    d["mentions"] = tuple(d.get("mentions", ()))
    d["evidence"] = evidence if evidence is not None else \
        tuple(evidence_from_plain(e) for e in d.get("evidence", ()))
    return Event(**d)


def contradiction_from_plain(d: dict) -> Contradiction:
    d = dict(d)
    d["documents_a"], d["documents_b"] = tuple(d.get("documents_a", ())), tuple(d.get("documents_b", ()))
    return Contradiction(**d)


def control_from_plain(d: dict) -> ControlPeriod:
    d = dict(d)
    for name in ("since", "until", "since_latest"):
        d[name] = _date(d.get(name))
    d["events"], d["documents"] = tuple(d.get("events", ())), tuple(d.get("documents", ()))
    return ControlPeriod(**d)


def figure_from_plain(d: dict) -> Figure:
    return Figure(**d)


def document_from_plain(d: dict) -> Document:
    d = dict(d)
    d["published"] = _date(d.get("published"))
    return Document(**d)


def replace(record: Any, **changes: Any) -> Any:
    """dataclasses.replace, re-exported so callers need one import."""
    return dataclasses.replace(record, **changes)


__all__ = [
    "Document", "Place", "Evidence", "TimeExpr", "Mention", "Event", "Contradiction",
    "ControlPeriod", "Figure", "to_plain", "mention_from_plain", "event_from_plain", "figure_from_plain",
    "contradiction_from_plain", "control_from_plain",
    "document_from_plain", "replace", "PUBLISHED_HOW", "STANCES", "field",
]
