"""Coding evaluation against ACLED-format rows: each row's ``notes`` is read as a text, and the
primary event frontlines finds in it is compared with the row's own coding.

The row's columns are ACLED's export names (event_date, event_type, sub_event_type, inter1,
inter2, admin1, latitude, longitude, fatalities, notes).  A row whose event_type is empty
expects no event.  The publication date comes from a column the caller names; without one
the text is read undated (ACLED notes carry their own dates: "On 5 February 2020, ...").

Measures:
- event and sub-event type over all rows, "no event" counted as a class of its own: accuracy,
  macro and support-weighted F1 (also over the event classes alone), per-class precision,
  recall and F1, and the confusion matrix;
- over rows where both the row and frontlines have an event: event_date exact, location within
  10, 25 and 161 km and the same admin1, inter1 and inter2, fatalities exact and their mean
  absolute error.

The primary event is the one told first in the text (its earliest evidence sentence); of
events told in the same sentence, the one with more evidence.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from frontlines.geo.resolve import haversine_km

NONE = "(no event)"
REQUIRED = ("notes", "event_type", "sub_event_type")


class AcledFileError(ValueError):
    """An ACLED file that cannot be evaluated; the message names the file and the reason."""


@dataclass
class Row:
    id: str
    notes: str
    published: dt.date | None
    event_type: str
    sub_event_type: str
    event_date: dt.date | None
    admin1: str
    latitude: float | None
    longitude: float | None
    inter1: int | None
    inter2: int | None
    fatalities: int | None


def _date(text: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _number(text: str, kind=float):
    try:
        return kind(str(text).strip()) if str(text or "").strip() else None
    except ValueError:
        return None


def read_acled(path: str | Path, published_column: str | None = None) -> list[Row]:
    """Rows of an ACLED export (CSV, header with ACLED's column names)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise AcledFileError(f"{path}: not an ACLED export (no column {', '.join(missing)})")
            if published_column and published_column not in header:
                raise AcledFileError(f"{path}: no column {published_column!r} for the publication date")
            rows = []
            for n, r in enumerate(reader, 1):
                rows.append(Row(
                    id=r.get("event_id_cnty") or f"row{n}", notes=r.get("notes") or "",
                    published=_date(r.get(published_column, "")) if published_column else None,
                    event_type=(r.get("event_type") or "").strip(),
                    sub_event_type=(r.get("sub_event_type") or "").strip(),
                    event_date=_date(r.get("event_date", "")), admin1=(r.get("admin1") or "").strip(),
                    latitude=_number(r.get("latitude")), longitude=_number(r.get("longitude")),
                    inter1=_number(r.get("inter1"), int), inter2=_number(r.get("inter2"), int),
                    fatalities=_number(r.get("fatalities"), int)))
    except UnicodeDecodeError as err:
        raise AcledFileError(f"{path}: not UTF-8 text ({err.reason})") from None
    except csv.Error as err:
        raise AcledFileError(f"{path}: not a readable CSV file ({err})") from None
    return rows


def primary_event(events):
    """The event told first (earliest evidence sentence), then the one with more evidence.
    An event its only sources deny is not one ACLED would code."""
    events = [e for e in events if e.claim_status != "denied"]
    if not events:
        return None
    return min(events, key=lambda e: (min((ev.sentence for ev in e.evidence), default=1 << 30),
                                      -len(e.evidence), e.event_id_cnty))


def predict(rows: list[Row]) -> list:
    """The primary event frontlines codes from each row's notes (None where it finds none)."""
    from frontlines.fuse import fuse
    from frontlines.ingest import read_text
    from frontlines.pipeline import code_documents

    docs = [read_text(r.notes, id=f"row-{k}", published=r.published) for k, r in enumerate(rows)]
    coded = {doc.id: (doc, mentions, figures) for doc, mentions, figures, _ in code_documents(docs)}
    out = []
    for doc in docs:
        d, mentions, figures = coded[doc.id]
        out.append(primary_event(fuse([d], mentions, figures).events) if mentions else None)
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "support": n_gold}


def classification(gold: list[str], pred: list[str]) -> dict:
    """Accuracy, macro and weighted F1, per-class scores and the confusion matrix."""
    labels = sorted(set(gold) | set(pred), key=lambda x: (x == NONE, x))
    confusion: dict[str, Counter] = defaultdict(Counter)
    for g, p in zip(gold, pred):
        confusion[g][p] += 1
    n_gold = Counter(gold)
    n_pred = Counter(pred)
    per = {lab: _prf(confusion[lab][lab], n_pred[lab], n_gold[lab]) for lab in labels}

    def averages(keep) -> dict:
        ls = [lab for lab in labels if n_gold[lab] and keep(lab)]
        total = sum(n_gold[lab] for lab in ls)
        return {"macro_f1": round(sum(per[lab]["f1"] for lab in ls) / len(ls), 4) if ls else 0.0,
                "weighted_f1": round(sum(per[lab]["f1"] * n_gold[lab] for lab in ls) / total, 4) if total else 0.0}

    return {
        "rows": len(gold),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4) if gold else 0.0,
        **averages(lambda lab: True),
        "events_only": averages(lambda lab: lab != NONE),
        "per_class": per,
        "confusion": {g: dict(sorted(confusion[g].items())) for g in labels if confusion[g]},
    }


def evaluate(rows: list[Row], predictions: list | None = None) -> dict:
    predictions = predict(rows) if predictions is None else predictions
    gold_sub = [(r.sub_event_type or NONE) if r.event_type else NONE for r in rows]
    gold_type = [r.event_type or NONE for r in rows]
    pred_sub = [e.sub_event_type if e else NONE for e in predictions]
    pred_type = [e.event_type if e else NONE for e in predictions]

    both = [(r, e) for r, e in zip(rows, predictions) if r.event_type and e is not None]
    dates = [(r, e) for r, e in both if r.event_date]
    located = [(r, e, haversine_km(r.latitude, r.longitude, e.latitude, e.longitude)) for r, e in both
               if r.latitude is not None and r.longitude is not None and e.latitude is not None]
    with_admin1 = [(r, e) for r, e in both if r.admin1]
    fatal = [(r, e) for r, e in both if r.fatalities is not None]

    def share(items, ok) -> float | None:
        items = list(items)
        return round(sum(1 for x in items if ok(x)) / len(items), 4) if items else None

    return {
        "rows": len(rows),
        "rows_without_event": sum(1 for r in rows if not r.event_type),
        "sub_event_type": classification(gold_sub, pred_sub),
        "event_type": {k: v for k, v in classification(gold_type, pred_type).items() if k != "per_class"},
        "compared_events": len(both),
        "event_date_exact": share(dates, lambda x: x[1].event_date == x[0].event_date),
        "location_within_km": {str(k): share(located, lambda x: x[2] <= k) for k in (10, 25, 161)},
        "admin1": share(with_admin1, lambda x: _same(x[0].admin1, x[1].admin1)),
        "inter1": share(both, lambda x: (x[0].inter1 or 0) == (x[1].inter1 or 0)),
        "inter2": share(both, lambda x: (x[0].inter2 or 0) == (x[1].inter2 or 0)),
        "fatalities_exact": share(fatal, lambda x: x[0].fatalities == x[1].fatalities),
        "fatalities_mae": round(sum(abs(r.fatalities - e.fatalities) for r, e in fatal) / len(fatal), 3)
        if fatal else None,
    }


ADMIN_WORDS = {"region", "province", "state", "governorate", "oblast", "district", "division", "department",
               "prefecture", "county"}
DIRECTIONS = {"southern": "south", "northern": "north", "eastern": "east", "western": "west"}


def _same(a: str, b: str) -> bool:
    """Two names of one division, as ACLED and GeoNames spell them: the same key, one inside the
    other, or the same after dropping words like "Region" and folding spelling ("Idleb" and
    "Idlib", "Banadir" and "Banaadir", "South Darfur" and "Southern Darfur")."""
    from frontlines.geo.gazetteer import edit_distance
    from frontlines.geo.names import name_key, spelling

    if name_key(a) == name_key(b) or (bool(a) and bool(b) and (name_key(a) in name_key(b) or name_key(b) in name_key(a))):
        return True
    if not a or not b:
        return False

    def core(x: str) -> str:
        words = [DIRECTIONS.get(w, w) for w in name_key(x).split() if w not in ADMIN_WORDS]
        return spelling(" ".join(words))

    ca, cb = core(a), core(b)
    return bool(ca) and (ca == cb or edit_distance(ca, cb, 2) <= max(1, min(len(ca), len(cb)) // 6))


def report_lines(result: dict) -> list[str]:
    """The result as text: the headline numbers, then per-class scores."""
    sub = result["sub_event_type"]
    lines = [
        f"rows: {result['rows']} ({result['rows_without_event']} expecting no event)",
        f"sub_event_type: accuracy {sub['accuracy']}, macro F1 {sub['macro_f1']}, weighted F1 {sub['weighted_f1']}"
        f" (event classes only: macro {sub['events_only']['macro_f1']}, weighted {sub['events_only']['weighted_f1']})",
        f"event_type: accuracy {result['event_type']['accuracy']}, macro F1 {result['event_type']['macro_f1']}, "
        f"weighted F1 {result['event_type']['weighted_f1']}",
        f"compared events (row and frontlines both have one): {result['compared_events']}",
        f"event_date exact: {result['event_date_exact']}",
        "location within 10 / 25 / 161 km: " + " / ".join(str(v) for v in result["location_within_km"].values()),
        f"admin1: {result['admin1']}",
        f"inter1: {result['inter1']}, inter2: {result['inter2']}",
        f"fatalities exact: {result['fatalities_exact']}, mean absolute error: {result['fatalities_mae']}",
        "",
        f"{'sub_event_type':42} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}",
    ]
    for label, s in sub["per_class"].items():
        lines.append(f"{label[:42]:42} {s['precision']:6.2f} {s['recall']:6.2f} {s['f1']:6.2f} {s['support']:4d}")
    lines.append("")
    lines.append("confusion (gold -> predicted: count), errors only:")
    for g, preds in sub["confusion"].items():
        wrong = {p: n for p, n in preds.items() if p != g}
        if wrong:
            lines.append(f"  {g} -> " + ", ".join(f"{p}: {n}" for p, n in sorted(wrong.items(), key=lambda kv: -kv[1])))
    return lines

