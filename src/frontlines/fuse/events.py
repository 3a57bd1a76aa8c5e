"""A cluster of mentions becomes one Event with ACLED's fields, its sources and its evidence."""

from __future__ import annotations

import calendar
import functools
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable

from frontlines.code.taxonomy import TERRITORY
from frontlines.code.timex import KIND_RANK
from frontlines.fuse.cluster import Cluster
from frontlines.model import Document, Event, Mention
from frontlines.resources import load_yaml


def source_name(item, documents: dict[str, Document]) -> str:
    """Who says it: the claimant the text names, else the outlet, else the document's id (for
    evidence and figures alike)."""
    outlet = documents[item.document].outlet if item.document in documents else ""
    return item.claimant or outlet or item.document


def stance_status(stances: set[str]) -> str:
    """claim_status from the stances of an event's evidence."""
    if "denied" in stances and stances & {"reported", "claimed"}:
        return "contested"
    if stances == {"denied"}:
        return "denied"
    if "reported" in stances:
        return "reported"
    return "claimed"


def _best(values: list[str]) -> str:
    values = [v for v in values if v]
    if not values:
        return ""
    if values.count(values[0]) == len(values):
        return values[0]  # (most events: every report agrees)
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], -values.index(v)))


def _date_of(cluster: Cluster, news: list[Mention]) -> tuple[dt.date | None, int, Mention | None]:
    dated = [m for m in news if m.date_start is not None]
    if not dated:
        return None, 0, None
    best = min(dated, key=lambda m: (KIND_RANK.get(m.when.kind, 9), m.time_precision, m.date_start))
    if best.time_precision == 1 and best.when.kind != "none":
        return best.date_start, 1, best
    start, end = cluster.start or best.date_start, cluster.end or best.date_end
    if start == end:
        return start, 1, best
    precision = max(best.time_precision, 2 if (end - start).days <= 7 else 3)
    return end, precision, best


_WORDS = re.compile(r"[a-z]{4,}")  # the words that tell shared wording


def independent_sources(mentions: list[Mention], documents: dict[str, Document]) -> int:
    """How many independent reports: one outlet, one wire story (shared wording) or one
    claimant repeated by several outlets counts once."""
    if len(mentions) <= 1:
        return len(mentions)  # (one report is one source, whatever its words)
    groups: list[tuple[set[str], set[str]]] = []
    for m in mentions:
        words = set(_WORDS.findall(" ".join(e.quote for e in m.evidence).lower()))
        outlet = documents[m.document].outlet if m.document in documents else ""
        keys = {k for k in (m.claimant, outlet) if k} or {m.document}
        merged = False
        for g_words, g_keys in groups:
            overlap = len(words & g_words) / max(1, min(len(words), len(g_words)))
            if overlap >= 0.7 or keys & g_keys:
                g_words |= words
                g_keys |= keys
                merged = True
                break
        if not merged:
            groups.append((words, keys))
    return len(groups)


def build_event(cluster: Cluster, documents: dict[str, Document], countries: dict) -> Event:
    news = cluster.news
    mentions = sorted(cluster.mentions, key=lambda m: (m.document, m.index))
    first = min(news, key=lambda m: (m.document, m.index))
    date, precision, _ = _date_of(cluster, news)
    # type and actors: what the reports told as news agree on, known actors first
    typed = [m for m in news if m.actor1] or [m for m in mentions if m.actor1] or news
    sub = _best([m.sub_event_type for m in typed])
    lead = next(m for m in typed if m.sub_event_type == sub)
    actor1 = _best([m.actor1 for m in typed if m.sub_event_type == sub]) or _best([m.actor1 for m in mentions])
    inter1 = next((m.inter1 for m in mentions if m.actor1 == actor1), 0)
    actor2 = _best([m.actor2 for m in news]) or _best([m.actor2 for m in mentions])
    inter2 = next((m.inter2 for m in mentions if m.actor2 == actor2), 0) if actor2 else 0
    assoc1 = sorted({a for m in mentions for a in m.assoc_actor_1.split("; ") if a and a != actor1})
    assoc2 = sorted({a for m in mentions for a in m.assoc_actor_2.split("; ") if a and a != actor2})
    interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2 else \
        (int(f"{inter1 or inter2}0") if (inter1 or inter2) else 0)
    place = lead.place
    geo_precision = min((m.geo_precision for m in news if m.geo_precision), default=lead.geo_precision)
    info = countries.get(place.country_code, {}) if place else {}
    fatal = [m.fatalities for m in mentions if m.fatalities is not None]
    evidence = tuple(sorted({e for m in mentions for e in m.evidence},
                            key=lambda e: (e.document, e.sentence, e.start, e.stance, e.claimant)))
    stances = {e.stance for e in evidence}
    status = stance_status(stances)
    docs = tuple(sorted({m.document for m in mentions}))
    outlets = sorted({documents[d].outlet or d for d in docs if d in documents})
    n_independent = independent_sources(news, documents)
    confidence = 1 - 0.5 ** n_independent
    if status == "contested":
        confidence *= 0.5
    if all(m.background for m in mentions):
        confidence *= 0.6
    pubs = [documents[d].published for d in docs if d in documents and documents[d].published]
    timestamp = _timestamp(max(pubs)) if pubs else 0
    iso3 = info.get("iso3", place.country_code if place else "XXX")
    key = f"{sub}|{place.geonameid if place else ''}|{place.name if place else ''}|{date}|{first.key}"
    number = int(hashlib.sha256(key.encode()).hexdigest()[:12], 16) % 10**6
    tags = sorted({m.location_note for m in mentions if m.location_note})
    if all(m.background for m in mentions):
        tags.append("told only as background")
    claimants = sorted({e.claimant for e in evidence if e.claimant and e.stance != "denied"})
    deniers = sorted({source_name(e, documents) for e in evidence if e.stance == "denied" and e.document in documents})
    notes = _notes(date, precision, sub, actor1, actor2, assoc1, place, fatal, claimants, deniers)
    return Event(
        event_id_cnty=f"{iso3}{number:06d}", event_date=date, time_precision=precision,
        disorder_type=lead.disorder_type, event_type=lead.event_type, sub_event_type=sub,
        actor1=actor1, assoc_actor_1="; ".join(assoc1), inter1=inter1, actor2=actor2,
        assoc_actor_2="; ".join(assoc2), inter2=inter2, interaction=interaction,
        civilian_targeting="Civilian targeting" if inter2 == 7 else "",
        iso=int(info.get("isonum") or 0), region=info.get("region", ""),
        country=info.get("name", place.country_code if place else ""),
        admin1=place.admin1 if place else "", admin2=place.admin2 if place else "", admin3="",
        location=place.name if place else "", latitude=place.latitude if place else None,
        longitude=place.longitude if place else None, geo_precision=geo_precision,
        source="; ".join(outlets), notes=notes,
        source_scale=source_scale(tuple(documents[d].outlet for d in docs if d in documents and documents[d].outlet),
                                  place.country_code if place else ""),
        fatalities=min(fatal) if fatal else 0, tags="; ".join(tags), timestamp=timestamp,
        claim_status=status, confidence=round(confidence, 2), documents=docs,
        geonameid=place.geonameid if place else None, evidence=evidence,
        mentions=tuple(m.key for m in mentions))


VERBS = {
    "Government regains territory": "regained control of",
    "Non-state actor overtakes territory": "took control of",
    "Armed clash": "clashed at",
    "Shelling/artillery/missile attack": "shelled",
    "Air/drone strike": "carried out an air or drone strike on",
    "Attack": "attacked",
}


def _notes(date, precision, sub, actor1, actor2, assoc1, place, fatal, claimants, deniers) -> str:
    when = "" if date is None else ("On " + date.isoformat() if precision == 1 else
                                    ("In the week to " + date.isoformat() if precision == 2 else
                                     "In the month to " + date.isoformat()))
    who = actor1 or "Unidentified actors"
    if assoc1:
        who += f" (with {', '.join(assoc1)})"
    verb = VERBS.get(sub, f"were involved in an event of type '{sub}' at")
    where = place.name + (f" ({place.admin1})" if place and place.admin1 else "") if place else "an unknown place"
    text = f"{when}, {who} {verb} {where}" if when else f"{who} {verb} {where}"
    if actor2 and sub not in TERRITORY:
        text += f", against {actor2}"
    text += "."
    if fatal:
        text += f" {min(fatal)} reported killed."
    if claimants:
        text += f" Reported or claimed by {', '.join(claimants)}."
    if deniers:
        text += f" Denied by {', '.join(deniers)}."
    return text


def countries() -> dict:
    return load_yaml("countries.yaml")


#: ACLED's source scales, smallest reach first (the order they are joined in)
SCALES = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")


@functools.lru_cache(maxsize=1)
def _outlets() -> dict[str, tuple[str, str]]:
    """Every name of every outlet in outlets.yaml, case-folded -> (country, scale)."""
    out = {}
    for o in load_yaml("outlets.yaml")["outlets"]:
        if o["scale"] not in SCALES:
            raise ValueError(f"outlets.yaml: {o['names'][0]} has an unknown scale {o['scale']!r}")
        for name in o["names"]:
            out[str(name).casefold()] = (o.get("country") or "", o["scale"])
    return out


@functools.lru_cache(maxsize=65536)
def outlet_scale(outlet: str, country: str) -> str:
    """ACLED's source scale of one outlet telling of an event in ``country`` ("" when the
    outlet is not in outlets.yaml): the outlet whole, or its first words ("AFP via Yahoo")."""
    table, known = _outlets(), countries()
    words = re.sub(r"[()\[\],;:|]", " ", outlet).casefold().split()
    hit = next((table[k] for k in (" ".join(words[:n]) for n in range(len(words), 0, -1)) if k in table), None)
    if hit is None:
        return ""
    home, scale = hit
    if scale in ("Local", "Subnational", "National") and home and country and home != country:
        # a home outlet telling of another country's events: a neighbour's news or the world's
        region = known.get(home, {}).get("region")
        return "Regional" if region and region == known.get(country, {}).get("region") else "International"
    return scale


def source_scale(outlets: Iterable[str], country: str) -> str:
    """The scales of an event's outlets, smallest first, joined with "-" (ACLED's convention)."""
    return _scales(tuple(outlets), country)


@functools.lru_cache(maxsize=65536)
def _scales(outlets: tuple[str, ...], country: str) -> str:
    found = {outlet_scale(o, country) for o in outlets}
    return "-".join(s for s in SCALES if s in found)


@functools.lru_cache(maxsize=65536)
def _timestamp(day: dt.date) -> int:
    """ACLED's timestamp of an event: seconds since 1970 at the start (UTC) of its newest report's day."""
    return calendar.timegm(day.timetuple())
