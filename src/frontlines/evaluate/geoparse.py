"""Geoparsing evaluation on annotated corpora: GeoWebNews XML and the LGL/TR-News XML format.

Metrics follow the geoparsing literature (Gritta et al., "What's missing in geographical
parsing?", 2018, and "A pragmatic guide to geoparsing evaluation", 2019):
- recognition: precision, recall and F1 of toponym spans, exact and overlapping;
- resolution, over gold toponyms with coordinates that the system recognised (overlap):
  accuracy within 161 km, median and mean error in km, and the AUC of the error curve
  (the mean of ln(1 + error) / ln(20039), 20,039 km being the largest distance on Earth;
  0 is perfect, 1 the worst).

Which GeoWebNews annotations count as toponyms: every type except common-noun expressions
(Literal_Expression, Non_Lit_Expression), Non_Toponym, Language and Demonym, which are not
place names ("the church", "citizens", "French").
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from frontlines.geo.resolve import haversine_km

NOT_TOPONYMS = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Language", "Demonym"}
EARTH_MAX_KM = 20039.0


@dataclass
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    adjective: bool = False  # GeoWebNews' adjectival modifiers: "Russian" in "Russian troops"


@dataclass
class Article:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(node) -> float | None:
    try:
        return float(node.text) if node is not None and node.text and node.text.strip() else None
    except ValueError:
        return None


def _read(path: str | Path, id_attr: str, toponym) -> list[Article]:
    """Articles of an XML corpus; ``toponym`` turns one <toponym> element into a GoldToponym,
    or None for an annotation that is not a place name."""
    root = ET.parse(path).getroot()
    out = []
    for k, art in enumerate(root.iter("article")):
        tops = [g for g in (toponym(t) for t in art.iter("toponym")) if g is not None]
        out.append(Article(art.get(id_attr, str(k)), art.findtext("text") or "", tops))
    return out


def _geowebnews_toponym(t) -> GoldToponym | None:
    if (t.findtext("type") or "") in NOT_TOPONYMS:
        return None
    gid = (t.findtext("geonamesID") or "").strip()
    return GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("extractedName") or "",
                       _float(t.find("latitude")), _float(t.find("longitude")),
                       int(gid) if gid.isdigit() else None, (t.findtext("modifierType") or "") == "Adjective")


def _lgl_toponym(t) -> GoldToponym:
    tag = t.find("gaztag")
    gid = tag.get("geonameid") if tag is not None else None
    return GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "",
                       _float(tag.find("lat")) if tag is not None else None,
                       _float(tag.find("lon")) if tag is not None else None,
                       int(gid) if gid and gid.isdigit() else None)


def read_geowebnews(path: str | Path) -> list[Article]:
    return _read(path, "file", _geowebnews_toponym)


def read_lgl(path: str | Path) -> list[Article]:
    """The LGL / TR-News format: <articles><article><text/><toponyms><toponym><start/><end/>
    <phrase/><gaztag geonameid="..."><lat/><lon/></gaztag></toponym>..."""
    return _read(path, "docid", _lgl_toponym)


def read_corpus(path: str | Path) -> list[Article]:
    """GeoWebNews or LGL, told apart by their markup."""
    head = Path(path).read_text(encoding="utf-8", errors="replace")[:20000]
    return read_lgl(path) if "<gaztag" in head or "<phrase>" in head else read_geowebnews(path)


def system_toponyms(text: str) -> tuple[list, list]:
    """Our geoparser on one text: (start, end, lat, lon) of each resolved toponym; and of each
    adjectival demonym ("Russian" in "Russian troops") read as the country it names, which
    frontlines uses for a document's country focus and actors' nationality, never as a place."""
    from frontlines import nlp as nlp_mod
    from frontlines.code.context import build_context
    from frontlines.geo.gazetteer import Gazetteer
    from frontlines.model import Document

    nlp = nlp_mod.load()
    gaz = Gazetteer.load()
    parsed = nlp(text)
    ctx = build_context(Document("eval", text, published=dt.date.today()), parsed, gaz, nlp)
    out = []
    for t in ctx.toponyms:
        e = gaz.entry(t.entry)
        out.append((t.start, t.end, e.latitude, e.longitude))
    demonyms = []
    taken = {i for t in ctx.toponyms for i in range(t.tok_start, t.tok_end)}
    for tok in parsed:
        cc = ctx.lexicon.demonyms.get(tok.lower_)
        country = gaz.countries.get(cc) if cc else None
        if country is not None and tok.i not in taken and tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN":
            e = gaz.entry(country)
            demonyms.append((tok.idx, tok.idx + len(tok.text), e.latitude, e.longitude))
    return out, demonyms


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def evaluate(articles: list[Article]) -> dict:
    """Scores over all gold toponyms; recognition also without adjectival modifiers, which
    frontlines reads as actors' nationality ("Russian troops"), not as places."""
    both = [system_toponyms(art.text) for art in articles]
    predictions = [places for places, _ in both]
    result = _score(articles, predictions, keep=lambda g: True)
    if any(g.adjective for art in articles for g in art.toponyms):
        keys = ("gold_toponyms", "system_toponyms", "recognition_exact", "recognition_overlap", "accuracy_161km")
        nouns = _score(articles, predictions, keep=lambda g: not g.adjective)
        result["without_adjectival_modifiers"] = {k: nouns[k] for k in keys if k in nouns}
        # the corpus's own definition: adjectival demonyms count, read as their countries
        read = _score(articles, [sorted(p + d) for p, d in both], keep=lambda g: True)
        result["with_demonyms_read_as_countries"] = {k: read[k] for k in keys if k in read}
    return result


def _score(articles: list[Article], predictions: list, keep) -> dict:
    n_gold = n_pred = exact_tp = overlap_tp_gold = overlap_tp_pred = 0
    errors: list[float] = []
    for art, pred in zip(articles, predictions):
        gold = [g for g in art.toponyms if keep(g)]
        dropped = [g for g in art.toponyms if not keep(g)]
        # a prediction on a gold span left out of this count is neither right nor wrong
        pred = [p for p in pred if not any(p[0] < g.end and g.start < p[1] for g in dropped)]
        n_gold += len(gold)
        n_pred += len(pred)
        exact = {(g.start, g.end) for g in gold}
        exact_tp += sum(1 for p in pred if (p[0], p[1]) in exact)
        overlap_tp_pred += sum(1 for p in pred if any(p[0] < g.end and g.start < p[1] for g in gold))
        for g in gold:
            hits = [p for p in pred if p[0] < g.end and g.start < p[1]]
            if hits:
                overlap_tp_gold += 1
                if g.lat is not None and g.lon is not None:
                    errors.append(haversine_km(g.lat, g.lon, hits[0][2], hits[0][3]))
    overlap_p = overlap_tp_pred / n_pred if n_pred else 0.0
    overlap_r = overlap_tp_gold / n_gold if n_gold else 0.0
    result = {
        "articles": len(articles), "gold_toponyms": n_gold, "system_toponyms": n_pred,
        "recognition_exact": _prf(exact_tp, n_pred, n_gold),
        "recognition_overlap": {"precision": round(overlap_p, 4), "recall": round(overlap_r, 4),
                                "f1": round(2 * overlap_p * overlap_r / (overlap_p + overlap_r), 4) if overlap_p + overlap_r else 0.0},
        "resolved_with_gold_coordinates": len(errors),
    }
    if errors:
        result.update({
            "accuracy_161km": round(sum(1 for e in errors if e <= 161) / len(errors), 4),
            "median_error_km": round(statistics.median(errors), 1),
            "mean_error_km": round(statistics.fmean(errors), 1),
            "auc": round(statistics.fmean(math.log(1 + e) / math.log(EARTH_MAX_KM) for e in errors), 4),
        })
    return result
