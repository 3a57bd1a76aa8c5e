"""Disagreements between sources, each a row with both sides, their claimants and quotes.

- denial: an event some sources report or claim and others deny;
- date: reports of one event whose date windows cannot both be true ("three weeks ago"
  against "only days ago");
- controller: two sources giving one place different controllers at one time (from the
  control timeline).
"""

from __future__ import annotations

from frontlines.fuse.cluster import Cluster
from frontlines.fuse.events import source_name
from frontlines.model import Contradiction, Document, Event, Evidence, Mention


def _claimants(evidence: list[Evidence], documents: dict[str, Document]) -> str:
    return "; ".join(dict.fromkeys(source_name(e, documents) for e in evidence))


def _quote(evidence: list[Evidence]) -> str:
    return " | ".join(dict.fromkeys(e.quote for e in evidence))


def _what(event: Event) -> str:
    where = event.location or "an unknown place"
    when = event.event_date.isoformat() if event.event_date else "an unknown date"
    who = f" by {event.actor1}" if event.actor1 else ""
    return f"{event.sub_event_type}{who} at {where} on {when}"


def denials(events: list[Event], documents: dict[str, Document]) -> list[Contradiction]:
    out = []
    for ev in events:
        denied = [e for e in ev.evidence if e.stance == "denied"]
        affirmed = [e for e in ev.evidence if e.stance != "denied"]
        if not denied or not affirmed:
            continue
        out.append(Contradiction(
            topic="denial", event_id_cnty=ev.event_id_cnty,
            claim_a=_what(ev), claimant_a=_claimants(affirmed, documents),
            documents_a=tuple(sorted({e.document for e in affirmed})),
            claim_b=f"denied: {_what(ev)}", claimant_b=_claimants(denied, documents),
            documents_b=tuple(sorted({e.document for e in denied})),
            quote_a=_quote(affirmed), quote_b=_quote(denied)))
    return out


def _window(m: Mention) -> str:
    if m.date_start is None:
        return "undated"
    if m.date_start == m.date_end:
        return m.date_start.isoformat()
    return f"{m.date_start.isoformat()} to {m.date_end.isoformat()}"


def dates(pairs: list[tuple[Event, Cluster]], documents: dict[str, Document]) -> list[Contradiction]:
    """Reports of one event whose date windows exclude the event's date."""
    out = []
    for ev, cl in pairs:
        if ev.event_date is None:
            continue
        # only reports that say when: an undated background mention disagrees with nothing
        dated = [m for m in cl.mentions if m.date_start is not None and m.when.text]
        fits = [m for m in dated if m.date_start <= ev.event_date <= m.date_end]
        clash = [m for m in dated if not (m.date_start <= ev.event_date <= m.date_end)]
        if not fits or not clash:
            continue
        describe = lambda ms: "; ".join(dict.fromkeys(
            f"{m.when.text or 'no date given'} ({_window(m)})" for m in ms))
        ev_a = [e for m in fits for e in m.evidence[:1]]
        ev_b = [e for m in clash for e in m.evidence[:1]]
        out.append(Contradiction(
            topic="date", event_id_cnty=ev.event_id_cnty,
            claim_a=f"{_what(ev)}: {describe(fits)}", claimant_a=_claimants(ev_a, documents),
            documents_a=tuple(sorted({m.document for m in fits})),
            claim_b=f"a different date: {describe(clash)}", claimant_b=_claimants(ev_b, documents),
            documents_b=tuple(sorted({m.document for m in clash})),
            quote_a=_quote(ev_a), quote_b=_quote(ev_b)))
    return out


CAMPAIGN_WORDS = ("offensive", "assault", "campaign", "attacks", "violence", "war", "fighting",
                  "escalation", "operation", "bombardment")


def campaign_starts(figures: list, published: dict, documents: dict | None = None,
                    window_days: int = 90) -> list[Contradiction]:
    """Sources that date the start of one campaign differently ("since November" against
    "since December"): figures about a campaign's toll, reported within ``window_days`` of
    each other, whose start months differ by one to three months.  The two start months most
    sources give are set side by side."""
    import datetime as dt
    from collections import defaultdict

    by_month: dict[str, list] = defaultdict(list)
    for f in figures:
        if len(f.since) != 7 or not any(w in f.quote.lower() for w in CAMPAIGN_WORDS):
            continue
        if f.document not in published:
            continue
        by_month[f.since].append(f)
    months = sorted(by_month, key=lambda m: (-len({f.document for f in by_month[m]}), m))
    for i, a in enumerate(months):
        for b in months[i + 1:]:
            ya, ma = int(a[:4]), int(a[5:])
            yb, mb = int(b[:4]), int(b[5:])
            gap = abs((ya * 12 + ma) - (yb * 12 + mb))
            if not 1 <= gap <= 3:
                continue
            pubs = [published[f.document] for f in by_month[a] + by_month[b]]
            if (max(pubs) - min(pubs)) > dt.timedelta(days=window_days):
                continue
            first, second = sorted((a, b))
            side_a, side_b = by_month[first], by_month[second]
            docs = documents or {}
            who = lambda f: source_name(f, docs)
            return [Contradiction(
                topic="campaign start", event_id_cnty="",
                claim_a=f"the campaign began in {first}", claimant_a="; ".join(dict.fromkeys(who(f) for f in side_a)),
                documents_a=tuple(sorted({f.document for f in side_a})),
                claim_b=f"the campaign began in {second}", claimant_b="; ".join(dict.fromkeys(who(f) for f in side_b)),
                documents_b=tuple(sorted({f.document for f in side_b})),
                quote_a=" | ".join(dict.fromkeys(f.quote for f in side_a)),
                quote_b=" | ".join(dict.fromkeys(f.quote for f in side_b)))]
    return []
