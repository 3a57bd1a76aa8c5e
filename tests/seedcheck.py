"""Score a frontlines run against ../shared/gold/seeds.yaml (the main job's acceptance test).

Usable from pytest (tests/test_acceptance_seeds.py) and by hand:
    python tests/seedcheck.py frontlines-out        # after `frontlines run ../shared/seeds`
Each gold item is checked against the run's tables; the report says which `must` items
failed, how many `should` items were recovered, and which `must_not` rules were broken.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "gold" / "seeds.yaml"
SEEDS = SHARED / "seeds"

TERRITORY = {"Government regains territory", "Non-state actor overtakes territory",
             "Non-violent transfer of territory"}
# must_not: no territory change placed (geo_precision 1) at these cities; coordinates from GeoNames
FORBIDDEN_CITIES = {"Damascus": (33.5102, 36.29128), "Idlib": (35.93062, 36.63393),
                    "Hama": (35.13179, 36.75783), "Latakia": (35.51484, 35.78406),
                    "Moscow": (55.75222, 37.61556)}
FURNITURE = ["Skip to content", "AppStore", "YouTube", "Reddit", "LinkedIn", "Follow us on Facebook"]
ACTOR_INTER = {"state forces": 1, "rebels": 2}


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _date(v) -> dt.date | None:
    if v in (None, ""):
        return None
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass
class Report:
    must_failed: list[str] = field(default_factory=list)
    must_passed: list[str] = field(default_factory=list)
    should_found: list[str] = field(default_factory=list)
    should_missed: list[str] = field(default_factory=list)
    must_not_broken: list[str] = field(default_factory=list)

    def record(self, level: str, name: str, ok: bool, why: str = "") -> None:
        label = f"{name}: {why}" if why else name
        if level == "must":
            (self.must_passed if ok else self.must_failed).append(label)
        else:
            (self.should_found if ok else self.should_missed).append(label)

    def text(self) -> str:
        lines = [f"must: {len(self.must_passed)} passed, {len(self.must_failed)} failed",
                 f"should: {len(self.should_found)} of {len(self.should_found) + len(self.should_missed)} recovered",
                 f"must_not: {len(self.must_not_broken)} broken"]
        lines += [f"  MUST FAILED {x}" for x in self.must_failed]
        lines += [f"  should missed {x}" for x in self.should_missed]
        lines += [f"  MUST_NOT BROKEN {x}" for x in self.must_not_broken]
        return "\n".join(lines)


def check(out: Path, gold_path: Path = GOLD) -> Report:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    places = gold["places"]
    events = read_csv(out / "events.csv")
    docs = {d["document"]: d for d in read_csv(out / "documents.csv")}
    control = read_csv(out / "control.csv")
    contradictions = read_csv(out / "contradictions.csv")
    figures = read_csv(out / "figures.csv")
    rep = Report()

    # documents: publication dates (given, or inferred where gold says so)
    for d in gold["documents"]:
        row = docs.get(d["id"])
        if d.get("published"):
            ok = row is not None and row["published"] == str(d["published"])
            rep.record(d["level"], f"document {d['id']} published", ok, row["published"] if row else "missing")
        if d.get("inferred_published"):
            ok = row is not None and row["published"] == str(d["inferred_published"]) and row["published_how"] == "inferred"
            rep.record(d["level"], f"document {d['id']} inferred date", ok,
                       f"{row['published']} ({row['published_how']})" if row else "missing")

    def near(ev: dict, place_key: str, within: float) -> bool:
        p = places[place_key]
        if not ev["latitude"]:
            return False
        return km(float(ev["latitude"]), float(ev["longitude"]), p["lat"], p["lon"]) <= within

    def in_window(ev: dict, window) -> bool:
        d = _date(ev["event_date"])
        return d is not None and _date(window[0]) <= d <= _date(window[1])

    matched: dict[str, dict] = {}
    for g in gold["events"]:
        cands = [e for e in events if e["sub_event_type"] == g["sub_event_type"]
                 and near(e, g["place"], g["within_km"]) and in_window(e, g["date"])]
        why = ""
        ok = bool(cands)
        if ok:
            ev = max(cands, key=lambda e: len(set(g.get("documents", [])) & set(e["documents"].split("; "))))
            matched[g["id"]] = ev
            want_docs = set(g.get("documents", []))
            have_docs = set(ev["documents"].split("; "))
            if not want_docs <= have_docs:
                ok, why = False, f"documents {sorted(have_docs)} lack {sorted(want_docs - have_docs)}"
            actor = (g.get("actor1") or "").lower()
            want_inter = next((v for k, v in ACTOR_INTER.items() if k in actor), None)
            if ok and want_inter and ev["inter1"] != str(want_inter):
                ok, why = False, f"inter1 {ev['inter1']!r}, expected {want_inter}"
            if ok and g.get("fatalities") is not None and ev["fatalities"] != str(g["fatalities"]):
                ok, why = False, f"fatalities {ev['fatalities']!r}, expected {g['fatalities']}"
            if ok and g.get("claim_status") and ev["claim_status"] != g["claim_status"]:
                ok, why = False, f"claim_status {ev['claim_status']!r}, expected {g['claim_status']}"
        else:
            similar = [f"{e['event_date']} {e['location']}" for e in events if e["sub_event_type"] == g["sub_event_type"]]
            why = f"no {g['sub_event_type']} near {g['place']} in {g['date']}; have {similar}"
        rep.record(g["level"], f"event {g['id']}", ok, why)

    for g in gold["control"]:
        p = places[g["place"]]
        rows = [c for c in control if c["latitude"] and km(float(c["latitude"]), float(c["longitude"]), p["lat"], p["lon"]) <= 10]
        rows.sort(key=lambda c: c["since"])
        ok, why = len(rows) >= len(g["periods"]), f"{len(rows)} periods"
        for want, have in zip(g["periods"], rows):
            if have["controller"] != want["controller"] or not (_date(want["from"][0]) <= _date(have["since"]) <= _date(want["from"][1])) \
                    or have["status"] != want["status"]:
                ok, why = False, f"got {have['controller']} since {have['since']} ({have['status']}), want {want}"
        rep.record(g["level"], f"control {g['place']}", ok, why)

    for g in gold["contradictions"]:
        about = g["about"]
        if about in matched:
            ev = matched[about]
            rows = [c for c in contradictions if c["event_id_cnty"] == ev["event_id_cnty"] and c["topic"] == "denial"]
            ok = any(set(g["b"]["documents"]) <= set(r["documents_b"].split("; ")) and
                     set(g["a"]["documents"]) <= set(r["documents_a"].split("; ")) for r in rows)
            rep.record(g["level"], f"contradiction {about}", ok, f"{len(rows)} denial rows")
        else:
            a_docs, b_docs = set(g["a"]["documents"]), set(g["b"]["documents"])
            ok = any((a_docs <= set(r["documents_a"].split("; ")) and b_docs <= set(r["documents_b"].split("; "))) or
                     (b_docs <= set(r["documents_a"].split("; ")) and a_docs <= set(r["documents_b"].split("; ")))
                     for r in contradictions)
            rep.record(g["level"], f"contradiction {about}", ok)

    for g in gold["figures"]:
        ok = any(f["kind"] == g["kind"] and f["value"] == str(g["value"]) and f["document"] in g["documents"]
                 for f in figures)
        rep.record(g["level"], f"figure {g['kind']} {g['value']}", ok)

    # must_not
    pub = {k: _date(v["published"]) for k, v in docs.items()}
    for e in events:
        d = _date(e["event_date"])
        if e["sub_event_type"] in TERRITORY and e["geo_precision"] == "1":
            for city, (lat, lon) in FORBIDDEN_CITIES.items():
                if e["latitude"] and km(float(e["latitude"]), float(e["longitude"]), lat, lon) < 5:
                    rep.must_not_broken.append(f"territory change at {city} (precision 1): {e['event_id_cnty']}")
            if e["country"] and e["country"] != "Syria":
                rep.must_not_broken.append(f"territory change outside Syria: {e['event_id_cnty']} {e['country']}")
        if d and d.year >= 2023:
            rep.must_not_broken.append(f"event dated {d}: {e['event_id_cnty']}")
        dates = [pub.get(x) for x in e["documents"].split("; ") if pub.get(x)]
        if d and dates and d > min(dates):
            rep.must_not_broken.append(f"event {e['event_id_cnty']} dated {d} after its document ({min(dates)})")
    for g in gold["events"]:
        p = places[g["place"]]
        lo, hi = _date(g["date"][0]) - dt.timedelta(days=45), _date(g["date"][1]) + dt.timedelta(days=45)
        same = [e for e in events if e["sub_event_type"] == g["sub_event_type"] and e["latitude"]
                and km(float(e["latitude"]), float(e["longitude"]), p["lat"], p["lon"]) <= g["within_km"]
                and _date(e["event_date"]) and lo <= _date(e["event_date"]) <= hi
                and set(e["documents"].split("; ")) <= set(g.get("also_mentioned_in", []))
                and g["id"] in matched and e["event_id_cnty"] != matched[g["id"]]["event_id_cnty"]]
        for e in same:
            rep.must_not_broken.append(f"separate event for a background mention of {g['id']}: {e['event_id_cnty']}")
    for e in events:
        quotes = e["notes"]
        years = [int(y) for y in re.findall(r"\b(19\d\d|20[01]\d)\b", quotes)]
        if e["event_date"].startswith("2020") and years and "2020" not in quotes:
            rep.must_not_broken.append(f"history dated in the present: {e['event_id_cnty']} ({years})")
    jsonl = (out / "events.jsonl").read_text(encoding="utf-8")
    for word in FURNITURE:
        if word in jsonl:
            rep.must_not_broken.append(f"page furniture in events: {word!r}")
    import json
    for line in jsonl.splitlines():
        ev = json.loads(line)
        for item in ev["evidence"]:
            if "launched an operation to take back" in item["quote"] and ev["sub_event_type"] == "Government regains territory":
                rep.must_not_broken.append(f"an operation to take back coded as a recapture: {ev['event_id_cnty']}")
            years = [int(y) for y in re.findall(r"\b(19\d\d|20[01]\d)\b", item["quote"])]
            if ev["event_date"] and ev["event_date"].startswith("2020") and years and "2020" not in item["quote"] \
                    and len(ev["evidence"]) == 1:
                rep.must_not_broken.append(f"history dated in the present: {ev['event_id_cnty']} {item['quote'][:80]!r}")
    rep.must_not_broken = sorted(set(rep.must_not_broken))
    return rep


if __name__ == "__main__":
    print(check(Path(sys.argv[1] if len(sys.argv) > 1 else "frontlines-out")).text())
