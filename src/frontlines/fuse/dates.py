"""Publication dates for undated documents, inferred from dated documents.

An undated article that reports, as news, the same event (type and place) as dated articles
was most likely published with the first of them: breaking news is told the day it breaks.
Each such shared event votes for the publication date of the earliest dated report of it;
the date with most votes wins (ties: the earlier).  Background mentions ("captured three
weeks ago") do not vote: they are told long after the event.
"""

from __future__ import annotations

import bisect
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


def infer_published(documents: list[Document], mentions: list[Mention],
                    keys: list[tuple] | None = None) -> dict[str, dt.date]:
    """Publication dates of undated documents, from the dated reports of the events they tell.
    ``keys`` are the mentions' blocks (``cluster.block_keys``), when the caller has them."""
    published = {d.id: d.published for d in documents if d.published}
    inferred: dict[str, dt.date] = {}
    undated = {d.id for d in documents if not d.published}
    if not undated:
        return inferred
    if keys is None:
        keys = [(m.place_key, family(m)) for m in mentions]
    told: dict[str, list[Mention]] = defaultdict(list)  # an undated document's news, in order
    asked = set()
    for m, key in zip(mentions, keys):
        if m.document in undated and not m.background:
            told[m.document].append(m)
            asked.add(key)
    # the dated news of the blocks those documents tell of (no other block is asked about)
    by_block: dict[tuple, list[Mention]] = defaultdict(list)
    for m, key in zip(mentions, keys):
        if key in asked and not m.background and m.document in published:
            by_block[key].append(m)
    first_report = _FirstReports(by_block, published)
    for doc_id in sorted(undated):
        votes: Counter = Counter()
        for m in told.get(doc_id, ()):
            first = first_report(m)
            if first is None:
                continue
            if m.date_start is not None and first < m.date_start:
                continue  # an article is never older than what it reports
            votes[first] += 1
        if votes:
            best = max(votes.items(), key=lambda kv: (kv[1], -kv[0].toordinal()))[0]
            inferred[doc_id] = best
    return inferred


class _FirstReports:
    """The publication date of the first dated report of the event a mention tells: the dated
    news reports of its block of the same kind (``same_kind``), overlapping its dates when it
    has its own.  Indexed per block and kind, so that a block a thousand reports long is not
    read again for every undated mention."""

    def __init__(self, by_block: dict[tuple, list[Mention]], published: dict[str, dt.date]):
        self.by_block, self.published = by_block, published
        self.index: dict[tuple, tuple] = {}

    def _kinds(self, block: tuple) -> tuple:
        """Per sub-event type, and for the territory family the reports without an actor1 and
        all of them: (the earliest publication, the dated reports' starts in order, those
        reports, the longest of their date windows)."""
        if block not in self.index:
            groups: dict[object, list[Mention]] = defaultdict(list)
            for o in self.by_block.get(block, ()):
                groups[o.sub_event_type].append(o)
                if family(o) == "territory":
                    groups["territory"].append(o)
                    if not o.actor1:
                        groups["territory without actor1"].append(o)
            table = {}
            for key, reports in groups.items():
                dated = sorted((o for o in reports if o.date_start is not None), key=lambda o: o.date_start)
                longest = max((o.date_end - o.date_start for o in dated), default=dt.timedelta(0))
                table[key] = (min(self.published[o.document] for o in reports),
                              [o.date_start for o in dated], dated, longest)
            self.index[block] = table
        return self.index[block]

    def __call__(self, m: Mention) -> dt.date | None:
        table = self._kinds((m.place_key, family(m)))
        # same_kind(m, o): one sub-event type, or two territory changes one of which names no actor
        keys = [m.sub_event_type]
        if family(m) == "territory":
            keys.append("territory" if not m.actor1 else "territory without actor1")
        firsts = []
        for key in keys:
            if key not in table:
                continue
            earliest, starts, dated, longest = table[key]
            if m.date_start is None:
                firsts.append(earliest)
                continue
            # its own absolute dates narrow which event it is: reports whose window overlaps
            # (none that began more than the longest window before it can reach it)
            begin = bisect.bisect_left(starts, m.date_start - longest)
            stop = bisect.bisect_right(starts, m.date_end)
            hits = [self.published[o.document] for o in dated[begin:stop] if m.date_start <= o.date_end]
            if hits:
                firsts.append(min(hits))
        return min(firsts) if firsts else None


def redate(mentions: list[Mention], published: dict[str, dt.date]) -> list[Mention]:
    """Resolve the dates of mentions whose document date is now known."""
    out = []
    for m in mentions:
        if m.date_start is None and m.document in published:
            start, end, precision = timex.resolve(m.when, published[m.document])
            m = replace(m, date_start=start, date_end=end, time_precision=precision)
        out.append(m)
    return out
