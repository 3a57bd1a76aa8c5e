"""Choose the GeoNames entry each toponym of a document refers to.

A candidate's score adds up evidence a human geoparser weighs: its population (bigger places
are named more often), the document's country focus (from country names, demonyms and
unambiguous places), containment hints ("X in Y province"), closeness to the document's other
places, and the kind the context asks for ("X province" is the division, "the town of X" the
town).  A bare name that is both a town and a division ("Idlib") means the division when the
document elsewhere writes of it as a division, and the town otherwise.
"""

from __future__ import annotations

import math
from collections import Counter

from frontlines.geo.gazetteer import Entry, Gazetteer, plain_name
from frontlines.geo.names import name_key
from frontlines.geo.recognize import Toponym, cues

FOCUS_BONUS = 2.5  # the document's country: enough to pick its Damascus, not a hamlet over Moscow
CONTAINER_BONUS = 3.0
NEAR_BONUS = 1.5  # per other place of the document near the candidate
NEAR_KM = 250.0
MAX_NEIGHBOURS = 2
POPULATION_WEIGHT = 1.5
UNKNOWN_POPULATION = 1000
PRIMARY_BONUS = 2.0  # the entry's own name, not one of its alternates


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def country_focus(toponyms: list[Toponym], gaz: Gazetteer, demonym_countries: Counter) -> Counter:
    """Votes for the countries a document is about."""
    votes: Counter = Counter()
    for cc, n in demonym_countries.items():
        votes[cc] += 1.0 * n
    for t in toponyms:
        named = {gaz.entry(i).country_code for i in t.candidates if gaz.entry(i).feature == "C"}
        ccs = named or {gaz.entry(i).country_code for i in t.candidates} - {""}  # continents have none
        if len(ccs) == 1:  # only names that point to one country vote; a country's name is its own
            votes[next(iter(ccs))] += 1.0 if t.weak and not named else 2.0  # (a spelling guess, half a vote)
    return votes


PART_OF_TOWN_KM = 30  # a square, a street or a quarter "in" a town lies within this of its centre


def _inside(gap: str) -> bool:
    """The text between a place and the town it is said to lie in: "in", "of", "in the"."""
    return gap.strip().lower() in ("in", "of", "in the", "of the")


def _in_brackets(gap: str) -> bool:
    """The text between a place and a name in the bracket after it: "(" or "(District, "."""
    return gap == "(" or (gap.startswith("(") and gap.endswith(",") and ")" not in gap and len(gap) < 60)


def _link_containers(toponyms: list[Toponym], doc_text: str) -> None:
    """'X in Y', 'X, Y' where Y follows within a few characters: Y may contain X."""
    for k, (a, b) in enumerate(zip(toponyms, toponyms[1:])):
        if a.sent != b.sent:
            continue
        gap = doc_text[a.end:b.start].strip().lower()
        division = next((d for d in toponyms[k + 1:k + 4] if d.bracketed and d.sent == a.sent), None)
        if gap.startswith("(") and division is not None and _in_brackets(doc_text[a.end:division.start].strip()):
            a.container = toponyms.index(division)  # "X (District, Province)": the province holds X
            continue
        if _in_brackets(gap) or gap in ("in", ",", "in the", "of", "in northern", "in southern", "in eastern",
                   "in western", "'s", "province of") or (gap.startswith("in ") and len(gap) < 25):
            a.container = toponyms.index(b)


def resolve(toponyms: list[Toponym], gaz: Gazetteer, doc_text: str,
            demonym_countries: Counter | None = None) -> list[Toponym]:
    """Set ``entry`` and ``geo_precision`` of every toponym; returns those resolved."""
    if not toponyms:
        return []
    unknown = [t for t in toponyms if t.unknown]
    toponyms = [t for t in toponyms if not t.unknown]
    votes = country_focus(toponyms, gaz, demonym_countries or Counter())
    ranked = votes.most_common(2)
    focus = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else ""
    # (a name in brackets after a town, "Mandera (Mandera)", is the town's division there only)
    admin_usage = {name_key(t.text) for t in toponyms if (t.kind_cue == "admin" and not t.bracketed)
                   or (t.direction and t.direction != "central")}
    _link_containers(toponyms, doc_text)

    picked: dict[tuple, int] = {}

    def pick(t: Toponym, neighbours: list[tuple[str, Entry]]) -> int:
        """The entry ``t`` names: worked out once for every reading of it that ``pick_anew``
        would see alike (a town named ten times in one context is one question)."""
        container = toponyms[t.container].entry if t.container is not None else None
        same = (tuple(t.candidates), t.text, t.direction, t.kind_cue, container, id(neighbours))
        if same not in picked:
            picked[same] = pick_anew(t, neighbours)
        return picked[same]

    def pick_anew(t: Toponym, neighbours: list[tuple[str, Entry]]) -> int:
        cands = t.candidates
        key = name_key(t.text)
        # entries whose own name is the text ("Rome" is Rome; a village that also answers to
        # "Rome" among its alternate names is a weaker reading); the curated names of countries
        # and regions count as their own
        primary = {i for i in cands if gaz.entry(i).feature in ("C", "L")
                   or name_key(gaz.entry(i).name) in (key, key + " city")  # "New York City"
                   or (gaz.entry(i).feature == "A" and name_key(gaz.entry(i).name).startswith(key + " "))}
        if primary:
            cands = [i for i in cands if i in primary] + [i for i in cands if i not in primary]
        kinds = {gaz.entry(i).feature for i in cands}
        want = ""
        metropolis = t.direction == "central" and any(
            gaz.entry(i).feature == "P" and gaz.entry(i).population >= 1_000_000 for i in primary)
        if metropolis:
            want = "P"  # "central Santiago", "central Kabul": the city's centre
        elif t.kind_cue == "admin" or (t.direction and "A" in kinds):
            want = "A"
        elif t.kind_cue == "settlement":
            want = "P"
        elif "C" in kinds and not (focus and "A" in kinds and any(
                gaz.entry(i).feature == "A" and gaz.entry(i).country_code == focus for i in cands)
                and all(gaz.entry(i).country_code != focus for i in cands if gaz.entry(i).feature == "C")):
            # a country's name means the country ("Mexico", not its capital or its state), unless
            # the document is about another country with a division of that name ("Georgia")
            want = "C"
        elif "L" in kinds:
            want = "L"  # a region or sea we list by name ("Middle East", "Atlantic"), not a hamlet
        elif "A" in kinds and "P" in kinds:
            # a division and a town of one name: the town when it lies in that division (Idlib,
            # Aleppo, Marib), unless the text writes of the division; the division when the towns
            # of that name are homonyms elsewhere ("California")
            pool = [i for i in cands if gaz.entry(i).country_code == focus]
            if not any(gaz.entry(i).feature == "A" for i in pool):
                pool = cands  # judged in the document's country when it has such a division
            divisions = {(gaz.entry(i).country_code, gaz.entry(i).admin1_code) for i in pool if gaz.entry(i).feature == "A"}
            towns = [i for i in pool if gaz.entry(i).feature == "P" and (i in primary or not primary)]
            inside = any((gaz.entry(i).country_code, gaz.entry(i).admin1_code) in divisions for i in towns)
            big_city = any(gaz.entry(i).population >= 100_000 for i in towns)
            want = "A" if name_key(t.text) in admin_usage or not (inside or big_city) else "P"
        container = toponyms[t.container] if t.container is not None else None

        def score(i: int) -> float:
            e = gaz.entry(i)
            # GeoNames gives no population for many district seats (most towns of Syria's Idlib):
            # cities500 lists only places of 500+ people or seats, so unknown is not zero
            pop = e.population or (UNKNOWN_POPULATION if e.feature == "P" else 0)
            s = POPULATION_WEIGHT * math.log10(pop + 10)
            if i in primary:
                s += PRIMARY_BONUS
            if e.feature == "C":
                s += 3.0
            if want and e.feature == want:
                s += 12.0  # the context's word outweighs population and proximity
            if e.country_code == focus:
                s += FOCUS_BONUS
            if container is not None and container.entry is not None:
                ce = gaz.entry(container.entry)
                if ce.country_code == e.country_code and (ce.feature == "C" or ce.admin1_code == e.admin1_code):
                    s += CONTAINER_BONUS
            if neighbours and e.feature == "P":
                # the document's other places: towns nearby, or the division it lies in
                near = {k for k, n in neighbours if k != key and (
                    (n.feature == "P" and haversine_km(n.latitude, n.longitude, e.latitude, e.longitude) < NEAR_KM)
                    or (n.feature == "A" and (n.country_code, n.admin1_code) == (e.country_code, e.admin1_code)))}
                s += NEAR_BONUS * min(len(near), MAX_NEIGHBOURS)
            return s

        return max(cands, key=lambda i: (score(i), -i))

    # first containers and countries (they inform the rest), then everything, near the focus
    order = sorted(range(len(toponyms)), key=lambda k: (toponyms[k].container is not None, k))
    for k in order:
        toponyms[k].entry = pick(toponyms[k], [])
    # then each name again, beside the first reading of the others (spatial minimality)
    first = [(name_key(t.text), gaz.entry(t.entry)) for t in toponyms]
    named = {focus} | {e.country_code for _, e in first if e.feature == "C"}
    neighbours = list({(k, e) for k, e in first if e.feature in ("P", "A")})
    for k in order:
        t = toponyms[k]
        t.entry = pick(t, neighbours)
        if t.weak and ((not t.exact and not focus) or (focus and gaz.entry(t.entry).country_code not in named)):
            # thin evidence, in a country the document never names (or, for a spelling match
            # only, in a document with no country at all): not this place
            t.entry = None
            continue
        if t.container is not None and toponyms[t.container].entry is not None:
            ce, e = gaz.entry(toponyms[t.container].entry), gaz.entry(t.entry)
            if ce.feature in ("A", "C") and (e.country_code != ce.country_code or
                                             (ce.feature == "A" and e.admin1_code != ce.admin1_code)) or (
                    toponyms[t.container].bracketed and e.country_code != ce.country_code):
                # "X in central Mali", and no X in Mali is known; "Ber (Timbuktu)", and the only Ber
                # known is in Greece: not a place we know
                t.entry = None
                continue
            town = toponyms[t.container]
            next_word = doc_text[town.end:town.end + 20].split()[:1]
            if ce.feature == "P" and not town.kind_cue and _inside(doc_text[t.end:town.start]) and \
                    not (next_word and next_word[0].lower().strip(",.") in cues()["admin_nouns"]) and \
                    haversine_km(e.latitude, e.longitude, ce.latitude, ce.longitude) > PART_OF_TOWN_KM:
                # "Independence Square in Bamako", "the Alameda in Santiago", "Lido Beach in
                # Mogadishu": a part of the town, not a namesake town far away
                t.entry = None
                continue
        e = gaz.entry(t.entry)
        if e.feature in ("A", "C", "L"):
            t.geo_precision = 3
        elif t.relative:
            t.geo_precision = 2
            t.notes.append(f"near {plain_name(e.name)} ({t.relative})")
        else:
            t.geo_precision = 1
    known = [t for t in toponyms if t.entry is not None]
    for t in unknown:
        _place_near_anchor(t, known, gaz, doc_text)
    return sorted(known + [t for t in unknown if t.entry is not None], key=lambda t: t.start)


ANCHOR_SENTENCES = 2  # how far back an unknown place looks for the place it lies near


def _place_near_anchor(t: Toponym, known: list[Toponym], gaz: Gazetteer, doc_text: str) -> None:
    """A place the gazetteer lacks goes near the place the text ties it to: the one it is said to
    be in ("X village, in Syria's Idlib province"), else the nearest town or division named before
    it in its sentence or the two before ("the villages of X and Y on the outskirts of Z").
    ACLED's geo_precision 2, with a note naming both."""
    def tied(gap: str) -> bool:  # "X village, in ...", "X near ...", "the X area of ..."
        gap = gap.strip()
        first = gap.replace(",", " ").split(maxsplit=1)[0].lower() if gap else ""
        if first in cues()["settlement_nouns"] or first == "area":
            gap = gap[len(first):].strip(" ,")  # ("X town (Province)", "X village, in ...")
        if _in_brackets(gap):
            return True  # ACLED's "X (Province)", "X (District, Province)"
        words = gap.replace(",", " ").split()
        return bool(words) and words[0].lower() in ("in", "near", "outside", "of")

    after = [k for k in known if k.sent == t.sent and k.start >= t.end and k.start - t.end <= 60
             and tied(doc_text[t.end:k.start])]
    specific = {"P": 0, "A": 1, "C": 2, "L": 3}
    if after:
        # of the places that follow "in", the most specific ("Syria's ... Idlib province": Idlib)
        anchor = min(after, key=lambda k: (specific.get(gaz.entry(k.entry).feature, 4), k.start))
    else:
        before = [k for k in known if t.sent - ANCHOR_SENTENCES <= k.sent <= t.sent and k.start < t.start
                  and gaz.entry(k.entry).feature in ("P", "A")]
        same = [k for k in known if k.sent == t.sent and k.start > t.end and gaz.entry(k.entry).feature == "P"]
        pool = same or before
        if not pool:
            return
        anchor = pool[0] if same else pool[-1]
    t.entry = anchor.entry
    t.geo_precision = 2
    t.notes.append(f"{t.text}: not in the gazetteer; placed near {plain_name(gaz.entry(anchor.entry).name)}")

