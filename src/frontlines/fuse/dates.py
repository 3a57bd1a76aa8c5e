"""Publication dates for undated documents, inferred from dated documents.

An undated article that reports, as news, the same event (type and place) as dated articles
was most likely published with the first of them: breaking news is told the day it breaks.
Each such shared event votes for the publication date of the earliest dated report of it;
the date with most votes wins (ties: the earlier).  Background mentions ("captured three
weeks ago") do not vote: they are told long after the event.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from frontlines.code import timex
from frontlines.code.taxonomy import TERRITORY
from frontlines.model import Document, Mention, replace


def family(m: Mention) -> str:
    return "territory" if m.sub_event_type in TERRITORY else m.sub_event_type


def same_kind(a: Mention, b: Mention) -> bool:
    if a.sub_event_type == b.sub_event_type:
        return True
    return family(a) == family(b) == "territory" and (not a.actor1 or not b.actor1)


def infer_published(documents: list[Document], mentions: list[Mention]) -> dict[str, dt.date]:
    published = {d.id: d.published for d in documents if d.published}
    by_block: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.document in published and not m.background:
            by_block[(m.place_key, family(m))].append(m)
    inferred: dict[str, dt.date] = {}
    undated = [d for d in documents if not d.published]
    for doc in sorted(undated, key=lambda d: d.id):
        votes: Counter = Counter()
        for m in mentions:
            if m.document != doc.id or m.background:
                continue
            reports = [o for o in by_block.get((m.place_key, family(m)), ()) if same_kind(m, o)]
            if m.date_start is not None:  # its own absolute dates narrow which event it is
                reports = [o for o in reports if o.date_start is not None
                           and o.date_start <= m.date_end and m.date_start <= o.date_end]
            if not reports:
                continue
            first = min(published[o.document] for o in reports)
            if m.date_start is not None and first < m.date_start:
                continue  # an article is never older than what it reports
            votes[first] += 1
        if votes:
            best = max(votes.items(), key=lambda kv: (kv[1], -kv[0].toordinal()))[0]
            inferred[doc.id] = best
    return inferred


def redate(mentions: list[Mention], published: dict[str, dt.date]) -> list[Mention]:
    """Resolve the dates of mentions whose document date is now known."""
    out = []
    for m in mentions:
        if m.date_start is None and m.document in published:
            start, end, precision = timex.resolve(m.when, published[m.document])
            m = replace(m, date_start=start, date_end=end, time_precision=precision)
        out.append(m)
    return out
