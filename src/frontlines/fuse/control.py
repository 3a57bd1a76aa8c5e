"""The control timeline: for each town, who held it from when to when, per which events.

Territory events (Government regains territory, Non-state actor overtakes territory, and a
Non-violent transfer of territory whose taker is known: the codebook's actor1) open a period of
control for the side that took the place; the next change closes it.  The status of
a period is the claim status of the event that opened it (a denied recapture opens a contested
period).  A capture by the side that already holds the place opens nothing: it is flagged in
the period's note instead of silently added.  Only towns (geo_precision 1 or 2) have periods:
who "controls a province" is not what a single event tells.
"""

from __future__ import annotations

from collections import defaultdict

from frontlines.code.taxonomy import GOV_TERRITORY, NONVIOLENT_TERRITORY, NSA_TERRITORY
from frontlines.model import ControlPeriod, Event


def changes_control(event: Event) -> bool:
    """Does the event give a town (geo_precision 1 or 2) on a known day to a known side?"""
    if event.sub_event_type not in (GOV_TERRITORY, NSA_TERRITORY, NONVIOLENT_TERRITORY):
        return False
    if event.sub_event_type == NONVIOLENT_TERRITORY and not event.actor1:
        return False  # (a withdrawal that names no one moving in gives the place to no one we know)
    return event.event_date is not None and event.geo_precision in (1, 2)


def controller_of(event: Event) -> str:
    """government, opposition, or the name of another force (foreign troops, militias)."""
    if event.sub_event_type == GOV_TERRITORY or (event.sub_event_type == NONVIOLENT_TERRITORY and event.inter1 == 1):
        return "government"
    if event.inter1 in (2, 0):
        return "opposition"
    return event.actor1 or "opposition"


def timeline(events: list[Event]) -> list[ControlPeriod]:
    by_place: dict[tuple, list[Event]] = defaultdict(list)
    for ev in events:
        if changes_control(ev):
            by_place[(ev.geonameid, ev.location)].append(ev)
    out: list[ControlPeriod] = []
    for (geonameid, location), evs in sorted(by_place.items(), key=lambda kv: repr(kv[0])):
        evs.sort(key=lambda e: (e.event_date, e.event_id_cnty))
        periods: list[dict] = []
        for ev in evs:
            who = controller_of(ev)
            if periods and periods[-1]["controller"] == who:
                p = periods[-1]
                p["events"].append(ev.event_id_cnty)
                p["documents"].update(ev.documents)
                p["note"].append(f"{ev.event_id_cnty} reports another capture by the side already in control")
                continue
            periods.append({"controller": who, "since": ev.event_date, "status": ev.claim_status,
                            "events": [ev.event_id_cnty], "documents": set(ev.documents),
                            "lat": ev.latitude, "lon": ev.longitude, "note": []})
        for k, p in enumerate(periods):
            until = periods[k + 1]["since"] if k + 1 < len(periods) else None
            out.append(ControlPeriod(
                location=location, geonameid=geonameid, latitude=p["lat"], longitude=p["lon"],
                controller=p["controller"], since=p["since"], until=until, status=p["status"],
                events=tuple(p["events"]), documents=tuple(sorted(p["documents"])),
                note="; ".join(p["note"])))
    return out
