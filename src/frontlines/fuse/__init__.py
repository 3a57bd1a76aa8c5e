"""Fusion: all mentions in the store -> events, contradictions, control periods, dates.

``fuse(documents, mentions)`` is deterministic: the same mentions in any order give the same
result.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from frontlines.code.timex import explicit_year
from frontlines.fuse import contradictions as contra
from frontlines.fuse.cluster import Cluster, block_keys, cluster_block
from frontlines.fuse.control import timeline
from frontlines.fuse.dates import infer_published, redate
from frontlines.fuse.events import build_event, countries
from frontlines.model import (Contradiction, ControlPeriod, Document, Event, Figure, Mention, event_from_plain,
                              replace, to_plain)
from frontlines.resources import code_digest


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


class FusionCache:
    """What the last fusion made of each block (one place, one event family): its events and
    clusters, under a digest of the inputs they came from.  A fusion given the cache fuses
    again only the blocks whose inputs changed (new mentions, a document newly dated) and
    reuses the others, so that adding documents costs what they touch; the result equals a
    fusion from scratch.

    The cache can be kept between runs: ``rows()`` gives what changed as (block, digest,
    JSON) rows and the blocks that are gone, and ``FusionCache(rows)`` reads them back.  The
    digest covers this frontlines's code and data too (``code_digest``), so a block fused by
    another version is fused again, never trusted.

    ``by_content_hash`` is for mentions as a store keeps them, coded from their document and
    replaced whenever its content_hash changes: the digest then reads each document's hash
    instead of every field of every mention, which makes a warm cache much cheaper."""

    def __init__(self, rows: Iterable[tuple[str, str, str]] = (), by_content_hash: bool = False):
        self.by_content_hash = by_content_hash
        # block name -> (digest, [(event, cluster)]), or (digest, JSON text) until first used
        self.blocks: dict[str, tuple[str, list | str]] = {name: (digest, data) for name, digest, data in rows}
        self.fused = 0  # blocks fused anew by the last fusion
        self.reused = 0  # blocks taken from the cache by the last fusion
        self._changed: set[str] = set()  # blocks fused anew since the last rows()
        self._gone: set[str] = set()  # blocks dropped since the last rows()

    def rows(self) -> tuple[list[tuple[str, str, str]], list[str]]:
        """The blocks fused anew since the last call, as (block, digest, JSON) rows, and the
        blocks no longer in the cache; then forgets both."""
        changed = [(name, self.blocks[name][0], _pairs_json(self.blocks[name][1]))
                   for name in sorted(self._changed) if name in self.blocks]
        gone = sorted(self._gone - set(self.blocks))
        self._changed.clear()
        self._gone.clear()
        return changed, gone

    def _drop(self, name: str) -> None:
        del self.blocks[name]
        self._changed.discard(name)
        self._gone.add(name)


def _pairs_json(pairs: list | str) -> str:
    """A block's (event, cluster) pairs as JSON.  The evidence, the bulk of an event, is kept
    as places in its cluster's mentions ([mention, evidence] positions), not copied."""
    if isinstance(pairs, str):
        return pairs
    out = []
    for ev, c in pairs:
        at: dict[int, tuple[int, int]] = {}  # build_event's evidence records are the mentions' own
        for i, m in enumerate(c.mentions):
            for j, e in enumerate(m.evidence):
                at.setdefault(id(e), (i, j))
        event = dict(vars(ev))  # (dates become text through to_plain, tuples become lists)
        del event["evidence"]
        out.append({"event": event, "evidence": [at[id(e)] for e in ev.evidence],
                    "mentions": [m.key for m in c.mentions], "start": c.start, "end": c.end})
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"), default=to_plain)


def _pairs_from_json(text: str, block: list[Mention]) -> list:
    by_key = {m.key: m for m in block}
    pairs = []
    for p in json.loads(text):
        cluster = Cluster([by_key[k] for k in p["mentions"]],
                          dt.date.fromisoformat(p["start"]) if p["start"] else None,
                          dt.date.fromisoformat(p["end"]) if p["end"] else None)
        evidence = tuple(cluster.mentions[i].evidence[j] for i, j in p["evidence"])
        pairs.append((event_from_plain(p["event"], evidence=evidence), cluster))
    return pairs


def fuse(documents: list[Document], mentions: list[Mention], figures: list[Figure] | None = None,
         cache: FusionCache | None = None) -> Fused:
    # fusion makes millions of small records and no reference cycles: Python's cycle collector,
    # run over and over as they pile up, would cost time growing faster than the mentions
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _fuse(documents, mentions, figures, cache)
    finally:
        if collecting:
            gc.enable()


def _block_events(key: tuple, block: list[Mention], published: dict[str, dt.date], docs: dict[str, Document],
                  known: dict, cache: FusionCache | None) -> list:
    """(event, cluster) pairs of one block, from the cache when its inputs are unchanged: the
    block's mentions (dates resolved), and the publication date and outlet of their documents
    (all that clustering and build_event read)."""
    if cache is None:
        return [(build_event(c, docs, known), c) for c in cluster_block(block, published)]
    ids = sorted({m.document for m in block})
    dated = tuple((d, published.get(d), docs[d].outlet if d in docs else None,
                   docs[d].published if d in docs else None) for d in ids)
    if cache.by_content_hash and all(d in docs and docs[d].content_hash for d in ids):
        inputs = (tuple((m.document, m.index) for m in block), tuple(docs[d].content_hash for d in ids), dated)
    else:
        inputs = (tuple(block), dated)
    digest = hashlib.sha256(f"{code_digest()}|{inputs!r}".encode()).hexdigest()
    name = repr(key)
    kept = cache.blocks.get(name)
    if kept is not None and kept[0] == digest:
        cache.reused += 1
        if isinstance(kept[1], str):  # as read from a store
            kept = cache.blocks[name] = (digest, _pairs_from_json(kept[1], block))
        return kept[1]
    pairs = [(build_event(c, docs, known), c) for c in cluster_block(block, published)]
    cache.blocks[name] = (digest, pairs)
    cache._changed.add(name)
    cache.fused += 1
    return pairs


def _fuse(documents: list[Document], mentions: list[Mention], figures: list[Figure] | None,
          cache: FusionCache | None = None) -> Fused:
    docs = {d.id: d for d in documents}
    mentions = sorted(mentions, key=lambda m: (m.document, m.index))
    keys = block_keys(mentions)  # (dates change below, places and families do not)
    inferred = infer_published(documents, mentions, keys)
    published = {d.id: d.published for d in documents if d.published}
    published.update(inferred)
    blocks: dict[tuple, list[Mention]] = defaultdict(list)
    for m, key in zip(redate(mentions, published), keys):
        # a document's events can never be later than the document, and history that carries
        # its own earlier year ("the 2018 memorandum") is not an event of the document's news
        written = published.get(m.document) if m.date_start is not None else None
        if written is not None and (m.date_start > written or 0 < explicit_year(m.when) < written.year):
            continue
        blocks[key].append(m)
    known = countries()
    if cache is not None:
        cache.fused = cache.reused = 0
        for gone in set(cache.blocks) - {repr(key) for key in blocks}:
            cache._drop(gone)  # (a block whose every mention went: a document was replaced)
    pairs = [pair for key in sorted(blocks, key=repr)
             for pair in _block_events(key, blocks[key], published, docs, known, cache)]
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
