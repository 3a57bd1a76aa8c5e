"""Everything the coder knows about one parsed document before it looks for events:
its actors, its places, its time expressions, and its main country."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from frontlines.code import timex
from frontlines.code.actors import ActorMention, lexicon_for
from frontlines.geo.gazetteer import Gazetteer
from frontlines.geo.recognize import Toponym, find_toponyms
from frontlines.geo.resolve import resolve
from frontlines.model import Document, TimeExpr
from frontlines.nlp import columns


def words_of(span) -> str:
    """A span's words in lower case, framed by single spaces, hyphens read as spaces: phrases of
    the lexicon match it whatever the punctuation ("air-strike" and "air strike," both give
    " air strike ")."""
    return " " + " ".join(t.lower_ for t in span if not t.is_space and not t.is_punct) + " "


def phrase_table(phrases) -> tuple[tuple[str, str, str], ...]:
    """(phrase, its first word, the phrase as words_of writes it) of each phrase of several
    words, in a fixed order: what ``phrases_in`` looks for."""
    out = []
    for p in sorted(phrases):
        written = p.replace("-", " ")
        if " " in p:
            out.append((p, written.split()[0], written))
    return tuple(out)


def phrases_in(text: str, table: tuple[tuple[str, str, str], ...]) -> list[str]:
    """The phrases of a ``phrase_table`` that ``text`` (as words_of writes it) holds; a phrase
    whose first word the text lacks is not looked for."""
    present = set(text.split())
    return [p for p, first, written in table if first in present and f" {written} " in text]


@dataclass
class TimeMention:
    start: int  # characters
    end: int
    expr: TimeExpr
    tokens: range  # token indices it covers


@dataclass
class DocContext:
    document: Document
    parsed: object  # spacy Doc
    gazetteer: Gazetteer
    actors: list[ActorMention]
    toponyms: list[Toponym]
    times: list[TimeMention]
    focus: str  # ISO2 of the document's main country
    countries: dict
    actor_at: dict[int, ActorMention] = field(default_factory=dict)
    toponym_at: dict[int, Toponym] = field(default_factory=dict)
    sentences: list = field(default_factory=list)
    last_news: Toponym | None = None  # where the last event told as news happened
    lexicon: object = None  # the ActorLexicon that found the actors
    text: str = ""  # the parsed text, kept once: spaCy rebuilds Doc.text from its tokens on every call
    memo: dict = field(default_factory=dict)  # what the coder works out once per sentence

    def words(self, sent) -> str:
        """``words_of`` a sentence, worked out once per sentence."""
        key = ("words", sent.start)
        if key not in self.memo:
            cols = columns(self.parsed)
            self.memo[key] = " " + " ".join(cols.lower[i] for i in range(sent.start, sent.end)
                                            if not cols.is_space[i] and not cols.is_punct[i]) + " "
        return self.memo[key]

    def tokens(self, sent) -> list:
        """A sentence's Token objects, made once: iterating a Span makes new ones every time."""
        key = ("tokens", sent.start)
        if key not in self.memo:
            self.memo[key] = list(sent)
        return self.memo[key]

    def actor_name(self, a: ActorMention) -> str:
        return a.name(self.countries)


def build_context(document: Document, parsed, gazetteer: Gazetteer, nlp) -> DocContext:
    lex = lexicon_for(nlp)
    actors = lex.find(parsed)
    blocked = {i for a in actors for i in range(a.start, a.end)}
    lower = columns(parsed).lower
    demonyms_at = {i for i, w in enumerate(lower) if w in lex.demonyms}
    # two-word demonyms ("Sri Lankan", "South Sudanese"): both words are the demonym's
    for i in range(len(lower) - 1):
        if f"{lower[i]} {lower[i + 1]}" in lex.demonyms:
            demonyms_at |= {i, i + 1}
    # the parse is of the document's text (spaCy keeps every character), and Doc.text would be
    # rebuilt from the tokens: take the document's own string when the lengths agree
    last = parsed[-1] if len(parsed) else None
    same = last is not None and last.idx + len(last.text_with_ws) == len(document.text)
    text = document.text if same else parsed.text
    toponyms = find_toponyms(parsed, gazetteer, blocked, soft=demonyms_at)
    demonyms = lex.demonym_counts(parsed)
    # a rebel group or a militia fights at home: its name is a vote for its country, like a
    # demonym ("Ambazonian separatists" in "(Mezam, Nord-Ouest)": Cameroon's Nord-Ouest)
    for a in actors:
        if not a.info.generic and a.info.inter in (2, 3, 4) and a.info.country:
            demonyms[a.info.country] += 1
    toponyms = resolve(toponyms, gazetteer, text, demonyms)
    # where things happen outweighs who is named: "Turkish soldiers" killed in Idlib are news of Syria
    votes: Counter = Counter({cc: 0.5 * n for cc, n in demonyms.items()})
    for t in toponyms:
        e = gazetteer.entry(t.entry)
        if e.country_code:  # continents belong to no country
            votes[e.country_code] += 2 if e.feature in ("P", "A") else 1
    focus = votes.most_common(1)[0][0] if votes else ""
    for a in actors:
        if a.info.generic and not a.country:
            a.country = focus
        if a.alternatives:
            a.prefer_country(focus)
    times = []
    for start, end, expr in timex.find(text):
        span = parsed.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        times.append(TimeMention(start, end, expr, range(span.start, span.end)))
    ctx = DocContext(document, parsed, gazetteer, actors, toponyms, times, focus, lex.countries, lexicon=lex,
                     text=text)
    for a in actors:
        for i in range(a.start, a.end):
            ctx.actor_at[i] = a
    for t in toponyms:
        for i in range(t.tok_start, t.tok_end):
            ctx.toponym_at[i] = t
    ctx.sentences = columns(parsed).sentences(parsed)
    return ctx
