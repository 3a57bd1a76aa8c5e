"""Humanitarian figures: numbers of people killed, wounded, displaced, with scope and source.

A figure is a number that counts people and is tied, within its clause, to a word of dying,
being hurt or fleeing ("over 950,000 displaced", "388,000 civilians since December, the
United Nations says", "the total number of soldiers killed this month to 19").
"""

from __future__ import annotations

from frontlines.code import timex
from frontlines.code.context import DocContext
from frontlines.code.events import attribution, lemma_of, lex
from frontlines.code.numbers import DIGIT_SCALES, NUMBER_MAX_WORDS, number_at
from frontlines.model import Figure
from frontlines.nlp import columns

#: words that scale a number ("3 thousand people"): never the people counted
SCALE = DIGIT_SCALES
NOT_PEOPLE_AFTER = {"km", "kms", "kilometres", "kilometers", "miles", "metres", "meters", "per",
                    "percent", "%", "years", "year", "months", "days", "hours", "minutes", "weeks",
                    "observation", "posts", "villages", "towns", "cities", "schools", "hospitals",
                    "zones", "provinces", "highways", "dollars", "euros", "tonnes", "tons"}


def _value(tok) -> tuple[int | None, int]:
    """(value, index of the last token of the number) for a number starting at tok:
    "1,200", "3.5 million", "three hundred", "twenty-five thousand" (``numbers.number_at``)."""
    doc = tok.doc
    L = lex()
    if tok.lower_ in L["vague"]:
        return None, tok.i
    words = [t.text for t in doc[tok.i:min(len(doc), tok.i + NUMBER_MAX_WORDS)]]
    value, end = number_at(words)
    if value is None:
        return None, tok.i
    return value, tok.i + end - 1


def find_figures(ctx: DocContext) -> list[Figure]:
    L = lex()
    kinds = L["figure_kinds"]
    doc = ctx.parsed
    out: list[Figure] = []
    dates = {i for e in doc.ents if e.label_ in ("DATE", "TIME", "MONEY", "PERCENT") for i in range(e.start, e.end)}
    # numbers found from the document's columns: no Token object for the words that are not one
    cols = columns(doc)
    numeric = {i for i, (like, text) in enumerate(zip(cols.like_num, cols.text))
               if (like or text[:1].isdigit()) and i not in dates}
    for sent in ctx.sentences:
        read_to = -1  # the last token of the number read last: "hundred" in "three hundred" is no other
        for tok in (doc[i] for i in range(sent.start, sent.end) if i in numeric):
            if tok.i <= read_to:
                continue
            value, last = _value(tok)
            if value is None:
                continue
            read_to = last
            nxt = doc[last + 1] if last + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ in NOT_PEOPLE_AFTER:
                continue
            kind, kind_tok = _kind_near(tok, sent, kinds)
            if not kind:
                continue
            who = _who(tok, last)
            claimant, _stance, _ = attribution(ctx, kind_tok or tok)
            since, until = _period(ctx, sent)
            place = ""
            for t in sent:
                top = ctx.toponym_at.get(t.i)
                if top is not None and top.tok_start == t.i:
                    place = ctx.gazetteer.entry(top.entry).name
                    if ctx.gazetteer.entry(top.entry).feature == "P":
                        break
            out.append(Figure(kind=kind, value=value, unit="people", who=who, place=place,
                              since=since, until=until, claimant=claimant, document=ctx.document.id,
                              quote=sent.text.strip(), start=tok.idx, end=doc[last].idx + len(doc[last])))
    return out


def _kind_near(tok, sent, kinds) -> tuple[str, object]:
    """The figure kind from the number's head word or its head's verb, within the clause."""
    candidates = []
    t = tok
    for _ in range(4):
        t = t.head
        lemma = lemma_of(t)
        if lemma in kinds:
            candidates.append(t)
            break
        for c in t.children:
            if lemma_of(c) in kinds and c.dep_ in ("acl", "amod", "relcl", "conj", "xcomp", "dobj", "advcl"):
                candidates.append(c)
        if candidates or t.dep_ == "ROOT":
            break
    if not candidates:
        # "950,000 displaced": the word right after the number
        for k in range(tok.i + 1, min(tok.i + 4, sent.end)):
            lemma = lemma_of(tok.doc[k])
            if lemma in kinds:
                candidates.append(tok.doc[k])
                break
    if not candidates:
        return "", None
    best = min(candidates, key=lambda c: abs(c.i - tok.i))
    return kinds[lemma_of(best)], best


def _who(tok, last) -> str:
    """The people counted: the noun the number modifies, with its modifiers."""
    doc = tok.doc
    head = tok.head if tok.dep_ in ("nummod", "quantmod", "compound") else None
    for _ in range(last - tok.i + 1):  # "Twenty-one people": "Twenty" hangs on "one", a word of the number
        if head is None or not tok.i <= head.i <= last or head.head == head:
            break
        head = head.head if head.dep_ in ("nummod", "quantmod", "compound") else None
    if head is None and last + 1 < len(doc) and doc[last + 1].pos_ == "NOUN":
        head = doc[last + 1]
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        # "the total number of Turkish soldiers killed ... to 19"
        for t in tok.head.subtree if tok.head is not None else ():
            if t.lower_ in lex()["people"] and t.i != tok.i:
                head = t
                break
    if head is None:
        return ""
    if head.lower_ in SCALE and head.head.pos_ == "NOUN":
        head = head.head
    mods = [c.text for c in head.lefts if c.dep_ in ("amod", "compound") and not c.like_num
            and c.lower_ not in SCALE and c.lower_ not in ("more", "less", "fewer")]
    return " ".join(mods + [head.text])


def _period(ctx: DocContext, sent) -> tuple[str, str]:
    """The period a figure covers: 'since December', 'this month'."""
    published = ctx.document.published
    text = sent.text
    found = [(tm.start - sent.start_char, tm.end - sent.start_char, tm.expr) for tm in ctx.times
             if sent.start_char <= tm.start and tm.end <= sent.end_char]
    for start, end, expr in found:
        lead = text[max(0, start - 12):start].lower()
        whole = text[start:end].lower()
        if expr.kind in ("month", "year", "absolute") and ("since" in lead or "since" in whole
                                                          or "began" in lead or "from" in whole):
            s, _, _ = timex.resolve(expr, published)
            if s is None and expr.kind == "month":
                # no year and no publication date yet: "--MM", given a year once the date is known
                year, month, _ = expr.value
                return (f"{year:04d}-{month:02d}" if year else f"--{month:02d}"), ""
            if s is not None:
                return (s.isoformat()[:7] if expr.kind in ("month", "year") else s.isoformat()), ""
        if expr.kind == "relative" and expr.value[0] in ("this month", "last month"):
            s, e, _ = timex.resolve(expr, published)
            if s is not None:
                return s.isoformat()[:7], ""
    return "", ""
