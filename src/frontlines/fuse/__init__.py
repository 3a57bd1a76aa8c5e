"""Fusion: all mentions in the store -> events, contradictions, control periods, dates.

``fuse(documents, mentions)`` is deterministic: the same mentions in any order give the same
result.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass, field

from frontlines.code.timex import explicit_year
from frontlines.fuse import contradictions as contra
from frontlines.fuse.cluster import cluster
from frontlines.fuse.control import timeline
from frontlines.fuse.dates import infer_published, redate
from frontlines.fuse.events import build_event, countries
from frontlines.model import Contradiction, ControlPeriod, Document, Event, Figure, Mention, replace


@dataclass
class Fused:
    events: list[Event] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    control: list[ControlPeriod] = field(default_factory=list)
    inferred: dict[str, dt.date] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)


def resolve_figures(figures: list[Figure], published: dict[str, dt.date]) -> list[Figure]:
    """Give a year to figures whose period was written without one ("since November") once
    their document's date is known or inferred."""
    out = []
    for f in figures:
        if f.since.startswith("--") and f.document in published:
            month, pub = int(f.since[2:4]), published[f.document]
            year = pub.year if month <= pub.month else pub.year - 1
            f = replace(f, since=f"{year:04d}-{month:02d}")
        out.append(f)
    return out


def fuse(documents: list[Document], mentions: list[Mention], figures: list[Figure] | None = None) -> Fused:
    # fusion makes millions of small records and no reference cycles: Python's cycle collector,
    # run over and over as they pile up, would cost time growing faster than the mentions
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _fuse(documents, mentions, figures)
    finally:
        if collecting:
            gc.enable()


def _fuse(documents: list[Document], mentions: list[Mention], figures: list[Figure] | None) -> Fused:
    docs = {d.id: d for d in documents}
    mentions = sorted(mentions, key=lambda m: (m.document, m.index))
    inferred = infer_published(documents, mentions)
    published = {d.id: d.published for d in documents if d.published}
    published.update(inferred)
    mentions = redate(mentions, published)
    # a document's events can never be later than the document, and history that carries its
    # own earlier year ("the 2018 memorandum") is not an event of the document's news
    mentions = [m for m in mentions if m.date_start is None or m.document not in published
                or (m.date_start <= published[m.document]
                    and not (explicit_year(m.when) and explicit_year(m.when) < published[m.document].year))]
    clusters = cluster(mentions, published)
    known = countries()
    pairs = [(build_event(c, docs, known), c) for c in clusters]
    seen: set[str] = set()
    unique = []
    for ev, c in sorted(pairs, key=lambda p: (p[0].event_id_cnty, p[0].mentions)):
        if ev.event_id_cnty in seen:  # a hash collision: make the id unique, deterministically
            n = 1
            while f"{ev.event_id_cnty}-{n}" in seen:
                n += 1
            ev = replace(ev, event_id_cnty=f"{ev.event_id_cnty}-{n}")
        seen.add(ev.event_id_cnty)
        unique.append((ev, c))
    events = sorted((ev for ev, _ in unique), key=lambda e: (e.event_date or dt.date.max, e.event_id_cnty))
    figures = resolve_figures(list(figures or ()), published)
    found = contra.denials(events, docs) + contra.dates(unique, docs) + contra.controllers(events, docs) + \
        contra.figures(figures, published, docs) + contra.campaign_starts(figures, published, docs)
    found.sort(key=lambda c: (c.event_id_cnty, c.topic, c.claim_a))
    return Fused(events=events, contradictions=found, control=timeline(events), inferred=inferred,
                 figures=figures)
