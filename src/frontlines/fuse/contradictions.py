"""Disagreements between sources, each a row with both sides, their claimants and quotes.

- denial: an event some sources report or claim and others deny;
- date: reports of one event whose date windows cannot both be true ("three weeks ago"
  against "only days ago");
- controller: two sources giving one place different controllers at one time (from the
  control timeline).
"""

from __future__ import annotations

from frontlines.fuse.cluster import Cluster
from frontlines.model import Contradiction, Document, Event, Evidence, Mention


def _claimants(evidence: list[Evidence], documents: dict[str, Document]) -> str:
    names = []
    for e in evidence:
        name = e.claimant or (documents[e.document].outlet if e.document in documents else "") or e.document
        if name not in names:
            names.append(name)
    return "; ".join(names)


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
