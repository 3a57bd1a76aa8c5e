"""Disagreements between sources, each a row with both sides, their claimants and quotes.

- denial: an event some sources report or claim and others deny;
- date: reports of one event whose date windows cannot both be true ("three weeks ago"
  against "only days ago");
- controller: sources giving one place different controllers on one day (territory changes
  there, dated that day, by opposite sides and told by different documents);
- figure: sources giving one quantity of one period different values (displaced, killed or
  wounded people of one kind at one place since one month, reported within a week);
- campaign start: sources dating the start of one campaign differently.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from frontlines.fuse.cluster import Cluster
from frontlines.fuse.control import changes_control, controller_of
from frontlines.fuse.events import source_name
from frontlines.model import Contradiction, Document, Event, Evidence, Figure, Mention


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
        if ev.event_date is None or len(cl.mentions) < 2:  # (one report cannot disagree with itself)
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


def controllers(events: list[Event], documents: dict[str, Document]) -> list[Contradiction]:
    """One place, one day, two controllers: territory changes there dated that day by opposite
    sides, which no document tells both of (a document that tells both tells a day of fighting,
    not a disagreement)."""
    by_day: dict[tuple, list[Event]] = defaultdict(list)
    for ev in events:
        if changes_control(ev) and ev.time_precision == 1:
            by_day[(ev.geonameid, ev.location, ev.event_date)].append(ev)
    out = []
    for _key, evs in sorted(by_day.items(), key=lambda kv: repr(kv[0])):
        evs = sorted(evs, key=lambda e: e.event_id_cnty)
        for i, a in enumerate(evs):
            for b in evs[i + 1:]:
                if controller_of(a) == controller_of(b) or set(a.documents) & set(b.documents):
                    continue
                held = lambda ev: f"{ev.location} held by {controller_of(ev)} on {ev.event_date.isoformat()}"
                ev_a = [e for e in a.evidence if e.stance != "denied"]
                ev_b = [e for e in b.evidence if e.stance != "denied"]
                out.append(Contradiction(
                    topic="controller", event_id_cnty=a.event_id_cnty,
                    claim_a=f"{held(a)} ({_what(a)})", claimant_a=_claimants(ev_a, documents),
                    documents_a=a.documents,
                    claim_b=f"{held(b)} ({_what(b)}, {b.event_id_cnty})", claimant_b=_claimants(ev_b, documents),
                    documents_b=b.documents, quote_a=_quote(ev_a), quote_b=_quote(ev_b)))
    return out


#: who a figure counts, when the words say nothing more than people
GENERIC_WHO = {"", "people", "persons", "civilians", "residents", "others"}
#: reports this many days apart or fewer tell of one period ("since January", said this week)
FIGURE_DAYS = 7


def figures(found: list[Figure], published: dict[str, dt.date],
            documents: dict[str, Document]) -> list[Contradiction]:
    """One quantity, one period, different values: figures of one kind, at one place, counted
    since one month (a period must be stated: bare tolls are often of different events),
    reported within ``FIGURE_DAYS`` of each other by different documents, of the same people
    (or of people in general).  The two values most documents give are set side by side, the
    lower first."""
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for f in found:
        if f.since and f.document in published:
            groups[(f.kind, f.place, f.since, f.until)].append(f)
    people = lambda side: {f.who.lower() for f in side} - GENERIC_WHO
    out = []
    for (kind, place, since, _until), group in sorted(groups.items(), key=lambda kv: repr(kv[0])):
        by_value: dict[int, list[Figure]] = defaultdict(list)
        for f in group:
            by_value[f.value].append(f)
        if len(by_value) < 2:
            continue
        ranked = sorted(by_value, key=lambda v: (-len({f.document for f in by_value[v]}), v))
        low, high = sorted(ranked[:2])
        side_a, side_b = by_value[low], by_value[high]
        days = [published[f.document] for f in side_a + side_b]
        if (max(days) - min(days)).days > FIGURE_DAYS or {f.document for f in side_a} & {f.document for f in side_b}:
            continue
        if people(side_a) and people(side_b) and not people(side_a) & people(side_b):
            continue  # ("12,000 children" and "40,000 people": not one quantity)
        what = f"{kind} {('at ' + place + ' ') if place else ''}since {since}"
        out.append(Contradiction(
            topic="figure", event_id_cnty="",
            claim_a=f"{low:,} {what}", claimant_a="; ".join(dict.fromkeys(source_name(f, documents) for f in side_a)),
            documents_a=tuple(sorted({f.document for f in side_a})),
            claim_b=f"{high:,} {what}", claimant_b="; ".join(dict.fromkeys(source_name(f, documents) for f in side_b)),
            documents_b=tuple(sorted({f.document for f in side_b})),
            quote_a=" | ".join(dict.fromkeys(f.quote for f in side_a)),
            quote_b=" | ".join(dict.fromkeys(f.quote for f in side_b))))
    return out
