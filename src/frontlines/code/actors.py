"""Actors: aliases in the text -> ACLED-style names with inter codes.

Knowledge lives in ``data/actors.yaml`` (named groups, sources, and generic roles such as
"troops" or "rebels") and ``data/countries.yaml`` (names, codes, demonyms).  A generic role
takes its country from a demonym in its phrase ("Turkish troops"), else from the document's
main country.  Modifiers like "Russian-backed" name a backer, not the actor's country.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from frontlines.nlp import columns
from frontlines.resources import load_yaml

BACKING_SUFFIXES = ("-backed", "-supported", "-based", "-led", "-allied", "-aligned", "-sponsored")


@dataclass(frozen=True)
class ActorInfo:
    name: str  # for generic roles a template with {country}
    inter: int
    country: str  # ISO2, "" when it comes from context
    role: str  # military, police, rebels, militia, civilians, protesters, source, ...
    kind: str = ""  # for sources: monitor, state media, news agency ...
    generic: bool = False


@dataclass
class ActorMention:
    start: int  # token indices
    end: int
    head: int
    info: ActorInfo
    country: str = ""  # the actor's country: a named actor's home, or a generic actor's
    country_from_context: bool = False  # a generic actor whose phrase named no country
    # other named actors written the same way ("SNA": the Syrian or the Somali National Army),
    # decided by the document's country once it is known (see prefer_country)
    alternatives: tuple = ()

    def prefer_country(self, cc: str) -> None:
        """Of the actors this alias may name, take the one at home in country ``cc``."""
        pick = next((i for i in (self.info, *self.alternatives) if i.country == cc), None)
        if pick is not None and pick is not self.info:
            self.info, self.country = pick, pick.country

    def name(self, countries: dict) -> str:
        if not self.info.generic:
            return self.info.name
        c = countries.get(self.country) or {}
        return self.info.name.replace("{country}", c.get("name", self.country or "Unknown"))


class ActorLexicon:
    """Aliases compiled into spaCy PhraseMatchers, built once per vocabulary."""

    def __init__(self, nlp):
        data = load_yaml("actors.yaml")
        self.countries: dict = load_yaml("countries.yaml")
        self.demonyms: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        for cc, c in self.countries.items():
            for d in c.get("demonyms") or ():
                self.demonyms.setdefault(str(d).lower(), cc)
            for n in [c.get("name"), *(c.get("aliases") or ())]:
                if n:
                    self.country_names.setdefault(str(n).lower(), cc)
        self.infos: list[ActorInfo] = []
        # an actor's coding over time: (since, until, the coding then) per named actor
        self.recoded: dict[ActorInfo, tuple] = {}
        self.former_markers = frozenset(str(w).lower() for w in data.get("former_markers") or ())
        self.not_members = frozenset(str(w).lower() for w in data.get("not_members") or ())
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        make = nlp.make_doc
        for entry in data.get("generic") or ():
            info = ActorInfo(entry["name"], int(entry.get("inter") or 0), "", entry.get("role", ""),
                             generic=True)
            self._add(info, entry.get("aliases"), entry.get("aliases_cs"), make)
        for entry in data.get("named") or ():
            role = entry.get("role", "armed")
            info = ActorInfo(entry["name"], int(entry.get("inter") or 0), entry.get("country", ""),
                             role, entry.get("kind", ""))
            self._add(info, [entry["name"], *(entry.get("aliases") or ())], entry.get("aliases_cs"), make)
            self.recoded[info] = tuple(
                (_day(r.get("since")), _day(r.get("until")),
                 ActorInfo(r["name"], int(r["inter"]), info.country, role, r.get("kind", info.kind)))
                for r in entry.get("recoded") or ())

    def _add(self, info: ActorInfo, aliases, aliases_cs, make) -> None:
        k = len(self.infos)
        self.infos.append(info)
        key = str(k)
        pats = [make(str(a)) for a in aliases or () if str(a).strip()]
        if pats:
            self.lower.add(key, pats)
        cs = [make(str(a)) for a in aliases_cs or () if str(a).strip()]
        if cs:
            self.exact.add(key, cs)

    def find(self, doc) -> list[ActorMention]:
        spans = []
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                k = int(doc.vocab.strings[match_id])
                span = doc[start:end]
                span.label_ = str(k)
                spans.append(span)
        same: dict[tuple[int, int], list[ActorInfo]] = {}
        for span in spans:
            same.setdefault((span.start, span.end), []).append(self.infos[int(span.label_)])
        out = []
        for span in filter_spans(spans):
            info = self.infos[int(span.label_)]
            if info.role == "government" and span.start > 0 and doc[span.start - 1].text == "-":
                continue  # "anti-government", "pro-government": a stance, not the government
            mention = ActorMention(span.start, span.end, span.root.i, info, info.country)
            mention.alternatives = tuple(i for i in same[(span.start, span.end)] if i is not info)
            if info.generic:
                mention.country = self.country_in_phrase(doc, span)
                mention.country_from_context = not mention.country
            out.append(mention)
        # "Al Shabaab militants", "ISWAP fighters": a named group followed by a role noun that
        # it modifies is that group, not an anonymous role
        merged: list[ActorMention] = []
        for m in out:
            prev = merged[-1] if merged else None
            if prev is not None and m.info.generic and not prev.info.generic and prev.end == m.start \
                    and doc[prev.end - 1].head.i in range(m.start, m.end):
                merged[-1] = ActorMention(prev.start, m.end, m.head, prev.info, prev.country,
                                          alternatives=prev.alternatives)
                continue
            merged.append(m)
        civilians = self.generic_actor("civilians", "")
        for m in merged:
            if m.info.inter in (1, 2, 3, 4, 8) and civilians is not None and self._former(doc, m):
                # "a former soldier": someone who has left the force is a civilian
                m.info, m.alternatives = civilians.info, ()
                m.country_from_context = not m.country
        return merged

    def as_of(self, m: ActorMention | None, day: dt.date | None) -> ActorMention | None:
        """The actor as ACLED codes it on ``day``: the Taliban after August 2021 are the state
        forces of Afghanistan, the RSF before April 2023 a unit of Sudan's army."""
        if m is None or day is None:
            return m
        for since, until, info in self.recoded.get(m.info, ()):
            if (since is None or since <= day) and (until is None or day <= until):
                return ActorMention(m.start, m.end, m.head, info, m.country, m.country_from_context)
        return m

    def _former(self, doc, m: ActorMention) -> bool:
        """Whether a word before the actor's phrase says its members have left the force."""
        before = doc[max(0, m.start - 3):m.start]
        return any(t.lower_ in self.former_markers and (
            t.head.i in range(m.start, m.end) or doc[t.i + 1:m.start].text in ("", "-"))
            for t in before)

    def country_in_phrase(self, doc, span) -> str:
        """A demonym or country name modifying the actor's phrase, not a backer."""
        head = span.root
        tokens = list(span) + [t for t in head.lefts if t.i < span.start]
        # also demonyms a few tokens before the span inside the same noun phrase
        for t in doc[max(0, span.start - 3):span.start]:
            if t.head.i in range(span.start, span.end) or t.head == head:
                tokens.append(t)
        for t in sorted(set(tokens), key=lambda t: t.i):
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and (nxt.text == "-" and t.i + 2 < len(doc) and
                                    ("-" + doc[t.i + 2].lower_) in BACKING_SUFFIXES):
                continue
            if t.lower_.endswith(BACKING_SUFFIXES):
                continue
            cc = self.demonyms.get(t.lower_) or self.country_names.get(t.lower_)
            if cc:
                return cc
        return ""

    def country_of_word(self, word: str) -> str:
        """The country a demonym or a country name stands for ("Turkish", "Russia"), or ""."""
        w = word.lower()
        return self.demonyms.get(w) or self.country_names.get(w, "")

    def state_forces(self, country: str) -> ActorMention:
        """The state forces of a country named only by a demonym ("with Turkish support")."""
        info = next((i for i in self.infos if i.generic and i.role == "military"), None)
        if info is None:
            info = ActorInfo("Military Forces of {country}", 1, "", "military", generic=True)
        return ActorMention(-1, -1, -1, info, country)

    def generic_actor(self, role: str, country: str) -> ActorMention | None:
        """A generic actor the syntax implies but the text does not name (those who protest)."""
        info = next((i for i in self.infos if i.generic and i.role == role), None)
        return ActorMention(-1, -1, -1, info, country, True) if info else None

    def demonym_counts(self, doc) -> Counter:
        """How often each country's demonym or name appears: a vote for the document's focus."""
        counts: Counter = Counter()
        cols = columns(doc)
        for low, text in zip(cols.lower, cols.text):
            cc = self.demonyms.get(low)
            if cc and text[:1].isupper():
                counts[cc] += 1
        return counts


def _day(value) -> dt.date | None:
    """A date from actors.yaml (YAML reads an unquoted ISO date as a date already)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@functools.lru_cache(maxsize=4)
def lexicon_for(nlp) -> ActorLexicon:
    return ActorLexicon(nlp)
