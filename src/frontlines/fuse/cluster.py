"""Event coreference: mentions of one real event, across documents, become one cluster.

Mentions are blocked by place and event family, so that only mentions that could be one
event are ever compared (near O(n log n) overall: a sort per block).  Inside a block:
- a mention told as news joins a cluster of the same sub-event type whose date window it
  overlaps (a day's slack for reports written around midnight), else starts one;
- a background mention ("captured three weeks ago", "days after the army captured X") joins
  the latest cluster of its type that happened before its document was written, within
  ``BACKGROUND_DAYS``, even when its vague date disagrees (the disagreement is reported as a
  contradiction, not as a second event); with no such cluster it starts its own.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from frontlines.code.timex import KIND_RANK
from frontlines.fuse.dates import family, same_kind
from frontlines.model import Mention

SLACK = dt.timedelta(days=1)
BACKGROUND_DAYS = 120



@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    start: dt.date | None = None  # the window the news mentions agree on
    end: dt.date | None = None

    @property
    def news(self) -> list[Mention]:
        return [m for m in self.mentions if not m.background] or self.mentions

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        if m.background and any(not x.background for x in self.mentions):
            return
        if m.date_start is None:
            return
        if self.start is None:
            self.start, self.end = m.date_start, m.date_end
            return
        s, e = max(self.start, m.date_start), min(self.end, m.date_end)
        if s <= e:
            self.start, self.end = s, e
        elif KIND_RANK.get(m.when.kind, 9) < min(KIND_RANK.get(x.when.kind, 9) for x in self.mentions[:-1]):
            self.start, self.end = m.date_start, m.date_end


def _overlaps(c: Cluster, m: Mention) -> bool:
    if c.start is None or m.date_start is None:
        return c.start is None and m.date_start is None
    return m.date_start - SLACK <= c.end and c.start - SLACK <= m.date_end


def block_keys(mentions: list[Mention]) -> list[tuple]:
    """The block of each mention: mentions that could be one event share one place and one
    event family (a block is fused alone)."""
    return [(m.place_key, family(m)) for m in mentions]


def cluster_block(block: list[Mention], published: dict[str, dt.date]) -> list[Cluster]:
    """The clusters of one block (see the module's docstring)."""
    order = lambda m: (m.date_start or dt.date.max, KIND_RANK.get(m.when.kind, 9), m.document, m.index)
    news = sorted((m for m in block if not m.background), key=order)
    background = sorted((m for m in block if m.background), key=order)
    local: list[Cluster] = []
    joinable = _Joinable()
    for m in news:
        # (every mention here is news: a cluster's first news mention is its first mention)
        target = next((c for c in joinable.for_(m) if same_kind(c.mentions[0], m) and _overlaps(c, m)), None)
        if target is None:
            target = Cluster()
            local.append(target)
            joinable.add(target, m)
        target.add(m)
    earlier = _EarlierEvents(local)
    told_before = _Joinable()  # the clusters of background mentions alone
    for m in background:
        target = earlier.find(m, published.get(m.document))
        if target is None:
            target = next((c for c in told_before.for_(m) if same_kind(c.mentions[0], m) and _overlaps(c, m)),
                          None)
        if target is None:
            target = Cluster()
            local.append(target)
            told_before.add(target, m)
        target.add(m)
    return local


class _Joinable:
    """The clusters a mention may still join, in the order they were made, when mentions come
    in order of their earliest date: a dated cluster whose window ended (with a day's slack)
    before a mention's earliest date can join neither it nor any later one, and an undated
    cluster joins only undated mentions (which come last)."""

    def __init__(self):
        self.dated: list[Cluster] = []
        self.undated: list[Cluster] = []
        self.since: dt.date | None = None

    def add(self, c: Cluster, first: Mention) -> None:
        (self.dated if first.date_start is not None else self.undated).append(c)

    def for_(self, m: Mention) -> list[Cluster]:
        if m.date_start is None:
            return self.undated
        if m.date_start != self.since:
            self.since = m.date_start
            self.dated = [c for c in self.dated if c.end is None or c.end >= m.date_start - SLACK]
        return self.dated


class _EarlierEvents:
    """``_earlier_event`` over the news clusters of a block, looking only at those that began in
    the ``BACKGROUND_DAYS`` before a document was written (the rest it would pass over)."""

    def __init__(self, local: list[Cluster]):
        self.local = list(local)
        dated = sorted((c.start, k) for k, c in enumerate(self.local) if c.start is not None)
        self.starts = [s for s, _ in dated]
        self.positions = [k for _, k in dated]

    def find(self, m: Mention, written: dt.date | None) -> Cluster | None:
        if written is None:
            return _earlier_event(self.local, m, written)
        lo = bisect.bisect_left(self.starts, written - dt.timedelta(days=BACKGROUND_DAYS))
        hi = bisect.bisect_right(self.starts, written)
        return _earlier_event([self.local[k] for k in sorted(self.positions[lo:hi])], m, written)


def _earlier_event(local: list[Cluster], m: Mention, written: dt.date | None) -> Cluster | None:
    """The latest news cluster of m's kind that precedes m's document (within the window)."""
    best = None
    for c in local:
        if all(x.background for x in c.mentions) or not same_kind(c.news[0], m) or c.start is None:
            continue
        if written is not None and (c.start > written or (written - c.start).days > BACKGROUND_DAYS):
            continue
        if m.date_end is not None and c.start > m.date_end + SLACK and not _overlaps(c, m):
            # a background mention cannot refer to an event after the latest date it allows,
            # unless nothing else fits: keep looking
            if best is None:
                best = c
            continue
        if best is None or (best.start or dt.date.min) < c.start or best.start > (m.date_end or dt.date.max):
            best = c
    return best
