"""Event mentions from the dependency parse: trigger, type, actors, place, time, claim.

One function per decision, each named after what an ACLED coder decides.  The rules are
general; the words they look for live in ``data/taxonomy.yaml`` and ``data/coding.yaml``.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from frontlines.code.numbers import NUMBER_MAX_WORDS, number_at
from frontlines.code.timex import explicit_year
from frontlines.code.context import DocContext, TimeMention, words_of
from frontlines.code.taxonomy import (AIR_STRIKE, ARMED_CLASH, ATTACK, CHEMICAL, DISRUPTED, EXCESSIVE_FORCE,
                                      GOV_TERRITORY, INTERVENTION, LOOTING, NONVIOLENT_TERRITORY, NSA_TERRITORY,
                                      SHELLING, SUICIDE, TERRITORY, taxonomy)
from frontlines.geo.recognize import Toponym, cues
from frontlines.nlp import columns
from frontlines.resources import load_yaml

LOCATIVE = {"in", "at", "near", "around", "outside", "inside", "into", "on", "across", "throughout",
            "within", "over", "of", "towards", "toward", "as", "like", "including", "to", "through",
            "along", "throughout"}
#: small arms and explosives that count as weapons when seized (besides the taxonomy's instruments)
WEAPON_WORDS = frozenset({"weapon", "rifle", "gun", "ammunition", "explosive", "bomb", "ied", "mine",
                          "grenade", "rocket", "missile", "launcher", "cache", "arsenal", "vest", "drone"})
NOT_LOCATIVE_HEADS = {"from"}  # "recaptured X from the regime": the loser, not a place


#: lexicon name -> the word list of coding.yaml it is read from, as a frozenset (the first group
#: must be in the file; the second may be left out)
WORD_SETS = {"anaphoric": "anaphoric_event_nouns", "attempt": "attempt_governors", "operation": "operation_nouns",
             "starts": "operation_starts", "modals": "modals", "background": "background_markers",
             "campaign": "campaign_nouns", "battle_nouns": "dated_battle_nouns", "cumulative": "cumulative_heads",
             "people": "people_nouns", "support": "support_cues", "support_verbs": "support_verbs",
             "completed": "completed_governors", "demand": "demand_verbs", "durative": "durative_governors",
             "predicate_only": "predicate_only_event_types"}
OPTIONAL_WORD_SETS = {
    "weapon_verbs": "weapon_verbs", "seizure_verbs": "seizure_verbs", "abstract_objects": "abstract_objects",
    "statement_verbs": "statement_verbs", "responsibility_verbs": "responsibility_verbs",
    "responsibility_nouns": "responsibility_nouns", "assembly": "assembly_verbs", "reciprocal": "reciprocal_verbs",
    "ending_verbs": "ending_verbs", "person_nouns": "person_nouns", "idioms": "non_event_idioms",
    "ending_nouns": "ending_nouns", "protest_purposes": "protest_purposes", "protest_preps": "protest_preps",
    "stative": "stative_verbs", "occurrence": "occurrence_verbs", "joining": "joining_verbs",
    "base_verbs": "base_verbs", "base_nouns": "base_nouns", "arrival_verbs": "arrival_verbs",
    "firing_verbs": "firing_verbs", "resolving": "resolving_governors", "state_participles": "state_participles",
    "vehicles": "vehicle_nouns", "handover": "handover_verbs"}
#: the same for word lists kept in their order (phrases matched in turn)
OPTIONAL_WORD_LISTS = {"unopposed": "unopposed_markers", "withdrawal_markers": "withdrawal_markers",
                       "fighting_words": "fighting_words", "crossfire": "crossfire_words", "air_arms": "air_arms"}


@functools.lru_cache(maxsize=1)
def lex() -> dict:
    data = load_yaml("coding.yaml")
    out: dict = {name: frozenset(data[key]) for name, key in WORD_SETS.items()}
    out |= {name: frozenset(data.get(key) or ()) for name, key in OPTIONAL_WORD_SETS.items()}
    out |= {name: tuple(data.get(key) or ()) for name, key in OPTIONAL_WORD_LISTS.items()}
    out["attribution"] = {lemma: stance for stance, lemmas in data["attribution"].items() for lemma in lemmas}
    out["vague"] = {k: int(v) for k, v in data["vague_numbers"].items()}
    out["figure_kinds"] = {w: k for k, ws in data["figure_kinds"].items() for w in ws}
    out["irregular"] = {k: str(v) for k, v in (data.get("irregular_verbs") or {}).items()}
    return out


@dataclass
class Draft:
    """A mention being built: plain fields, turned into a Mention by the coder."""

    sentence: int
    trigger: object  # spacy Token
    sub_event_type: str
    rule: str
    actor1: object = None  # ActorMention
    actor2: object = None
    assoc1: list = field(default_factory=list)
    toponym: Toponym | None = None
    anaphoric_place: bool = False
    time: TimeMention | None = None
    background: bool = False
    fatalities: int | None = None
    claimant: str = ""
    stance: str = "reported"
    extra_evidence: list = field(default_factory=list)


# -- triggers -----------------------------------------------------------------------------

def lemma_of(tok) -> str:
    """The lemma, with a detached re- prefix put back ("re-taken" -> retake)."""
    lemma = tok.lemma_.lower()
    if tok.tag_.startswith("VB"):  # ("staged" -> "stag": the small model's slips, see coding.yaml)
        lemma = lex()["irregular"].get(tok.lower_, lemma)
    if tok.i >= 2 and "re" + lemma in taxonomy().verbs:  # (look back only when it could matter)
        doc = tok.doc
        if doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "re":
            return "re" + lemma
    return lemma


@functools.lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """Every word a cue can start from: the taxonomy's verbs and nouns (a re- verb also without
    its prefix, which the tokenizer may split off), the first words of its phrases, and the
    verbs the special readings of ``trigger_types`` ask about.  A token none of whose forms
    (lemma, written form, stems) is among them signals nothing."""
    tax, L = taxonomy(), lex()
    words = set(tax.verbs) | set(tax.nouns) | {v[2:] for v in tax.verbs if v.startswith("re")}
    words |= {p.replace("-", " ").split()[0] for p in tax.phrases}
    words |= {i.split()[0] for i in L["idioms"]}
    words |= set(L["seizure_verbs"]) | set(L["weapon_verbs"]) | set(L["assembly"]) | {"strike", "enter"}
    return frozenset(words)


@functools.lru_cache(maxsize=65536)
def may_cue(lower: str, lemma: str) -> bool:
    """Whether a word (written form, lemma) could signal an event: one of its forms is among the
    cue words, or it is an irregular verb form the lemmatiser may miss."""
    cues = _cue_words()
    return lower in cues or lemma.lower() in cues or lower in lex()["irregular"] \
        or any(st in cues for st in _stems(lower))


def trigger_types(tok) -> tuple[list[str], str]:
    """Sub-event types a token may signal, and the cue that matched."""
    verbal = is_verbal(tok)
    if not verbal and tok.pos_ not in ("NOUN", "PROPN"):
        return [], ""
    if not may_cue(tok.lower_, tok.lemma_):
        return [], ""  # (most words: nothing below could find a cue in them)
    tax = taxonomy()
    kids = list(tok.children)  # (read once: each reading of .children makes new Tokens)
    lemma = lemma_of(tok)
    lemma = lex()["irregular"].get(tok.lower_, lemma)
    if verbal and any(c.dep_ == "dobj" and f"{lemma} {c.lemma_.lower()}" in lex()["idioms"] for c in kids):
        if lemma == "take" and _joins_protest(tok):
            return ["Peaceful protest"], "take part in protest"  # "took part in the Aurat March"
        return [], ""  # "clashes took place", "took part in the march" (the march is the trigger)
    if lemma == "disperse" and verbal and not any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in kids):
        return [], ""  # "before dispersing": the crowd went home; nobody broke it up
    if lemma == "enter" and verbal:
        text = words_of(tok.sent)
        if any(f" {m} " in text for m in lex()["unopposed"]):
            return [NONVIOLENT_TERRITORY], "enter unopposed"  # "entered Sirte without a fight"
    if verbal and lemma not in tax.verbs:
        # the small model's lemmatiser slips on rarer verbs ("raped" -> "rap"): try the stems
        # of the written form against the taxonomy's verbs
        lemma = next((st for st in _stems(tok.lower_) if st in tax.verbs), lemma)
    if verbal and lemma in lex()["seizure_verbs"]:
        objects = [t for c in kids if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree]
        if objects and (instrument_types(objects) or any(t.lemma_.lower() in WEAPON_WORDS for t in objects)):
            return [DISRUPTED], f"{lemma} weapons"  # "seized a cache of rifles and grenades"
    if verbal and lemma in lex()["weapon_verbs"]:
        # "fired rockets containing a chemical agent at X": the weapon it fires decides
        objects = [t for c in kids if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree]
        objects += [t for c in kids if c.dep_ == "prep" and c.lower_ == "with" or c.dep_ == "agent"
                    for t in c.subtree]  # (and "the city was struck by rockets")
        weapons = instrument_types(objects) if objects else []
        subject = [t for c in kids if c.dep_ == "nsubj" for t in c.subtree]
        if not weapons:  # "three suicide bombers struck a crowd", "a car bomb hit the market"
            weapons = instrument_types(subject) if subject else []
        if _air_arm(subject) and (weapons or lemma in ("strike", "hit", "target", "pound")):
            # what an air arm fires or strikes with comes from the air ("Israeli aircraft fired
            # missiles", "the Nigerian Air Force struck ISWAP enclaves"), a chemical agent aside
            weapons = [w for w in weapons if w == CHEMICAL] or [AIR_STRIKE]
        if weapons:
            return list(dict.fromkeys(weapons)), f"{lemma} weapon"
    if tok.pos_ == "NOUN" and lemma == "strike" and _air_arm(
            [t for c in clause_head(tok).children if c.dep_ == "nsubj" for t in c.subtree]):
        return [AIR_STRIKE], "air arm strike"  # "US aircraft carried out strikes on radar sites"
    if verbal and lemma in lex()["assembly"] and (_protest_purpose(tok) or any(
            c.dep_ == "nsubj" and any(g.dep_ == "acl" and lemma_of(g) in taxonomy()["Peaceful protest"].verbs
                                      for g in c.children) for c in kids)):
        # "gathered to demand", "blocked the road to protest", "gathered outside parliament
        # demanding", "students demonstrating against the quota gathered outside the university"
        return ["Peaceful protest"], f"{lemma} to protest"
    if verbal:
        for child in kids:
            if child.dep_ in ("prt", "dobj", "prep", "advmod", "oprd", "acomp", "xcomp", "dep"):
                phrase = f"{lemma} {child.lemma_.lower()}"
                if phrase in tax.phrases:
                    if phrase in lex()["base_verbs"] and not _sets_up_a_base(tok):
                        return [], ""  # "rioters set up flaming barricades"
                    return list(tax.phrases[phrase]), phrase
            if child.dep_ == "prep":  # "set the cars on fire"
                for g in child.children:
                    phrase = f"{lemma} {child.lower_} {g.lower_}"
                    if g.dep_ == "pobj" and phrase in tax.phrases:
                        return list(tax.phrases[phrase]), phrase
        return list(tax.verbs.get(lemma, ())), lemma
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.lower_ in tax.nouns:
            return list(tax.nouns[tok.lower_]), tok.lower_
        return list(tax.nouns.get(lemma, ())), lemma
    return [], ""


def _joins_protest(take) -> bool:
    """'took part in the Aurat March', 'took part in a rally': the object of "part in" is a
    protest (a determiner or a name before it: "in March" alone is a month)."""
    for c in take.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for g in c.children:
                if g.dep_ == "pobj" and g.lower_ in taxonomy()["Peaceful protest"].nouns and any(
                        d.dep_ in ("det", "compound", "amod", "poss") for d in g.children):
                    return True
    return False


PURPOSE_PATH = frozenset({"advcl", "xcomp", "conj", "relcl", "acl", "prep", "pobj", "dobj", "ccomp", "pcomp",
                          "amod", "appos"})


def _protest_purpose(verb) -> bool:
    """Whether people gathering (blocking a road, occupying a square) say why in protest's words:
    "to demand", "demanding", "in solidarity with", "against", "in protest at", "at a rally"."""
    L = lex()
    protest_nouns = taxonomy()["Peaceful protest"].nouns
    firsts = _purpose_first_words()
    for t in verb.subtree:
        low = t.lower_
        if t.i == verb.i or not (low in firsts or t.lemma_.lower() in L["protest_purposes"]) \
                or not _reaches(t, verb):
            continue  # (most words can start no purpose: look no further at them)
        if t.dep_ == "prep":
            words = [w.lower_ for w in t.subtree if w.i <= t.i + 2]
            if any(" ".join(words[:n]) in L["protest_preps"] for n in (1, 2, 3)):
                return True  # "against the bill", "in support of", "in solidarity with", "in protest at"
            if t.head == verb and t.lower_ in ("at", "for", "in") and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in protest_nouns for g in t.children):
                return True  # "gathered at a rally", "for a sit-in"
        if t.pos_ == "VERB" and lemma_of(t) in L["protest_purposes"] and (t.tag_ in ("VB", "VBG") or t.dep_ == "conj"):
            return True  # "to demand", "demanding", "and called for"
    return False


@functools.lru_cache(maxsize=1)
def _purpose_first_words() -> frozenset[str]:
    """Words a purpose phrase can start with: the protest prepositions' first words, and the
    prepositions of "at a rally"."""
    return frozenset({p.split()[0] for p in lex()["protest_preps"]} | {"at", "for", "in"})


def _reaches(tok, verb) -> bool:
    """Whether ``tok`` hangs from ``verb`` through clauses and phrases of purpose (at most five steps)."""
    up = tok
    for _ in range(5):
        if up == verb:
            return True
        if up.dep_ not in PURPOSE_PATH:
            return False
        up = up.head
    return up == verb


def is_verbal(tok) -> bool:
    """A verb, or a past form the tagger took for a noun ("the military retook Gwoza", tagged NN)
    that governs an object or heads its sentence."""
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        return True
    return tok.lower_ in lex()["irregular"] and tok.lower_.endswith(("ook", "an", "ught", "uck", "ew", "ove")) \
        and (tok.dep_ == "ROOT" or any(c.dep_ == "dobj" for c in tok.children))


def _stems(word: str) -> list[str]:
    """Possible base forms of an inflected English verb: raped -> rape, shelled -> shell,
    stopping -> stop, raping -> rape."""
    out = []
    for suffix in ("ed", "ing", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # stopped -> stop
    return out


@functools.lru_cache(maxsize=1)
def _phrases_by_first_word() -> dict[str, list[tuple[tuple[str, ...], list[str]]]]:
    """The taxonomy's multiword cues as word tuples, indexed by their first word."""
    out: dict[str, list] = {}
    for phrase, types in taxonomy().phrases.items():
        words = tuple(phrase.replace("-", " ").split())
        if len(words) > 1:
            out.setdefault(words[0], []).append((words, list(types)))
    for cands in out.values():
        cands.sort(key=lambda c: -len(c[0]))  # the longest phrase that matches wins
    return out


def find_triggers(ctx: DocContext, sent) -> list[tuple[object, list[str], str]]:
    out = []
    doc, cols = ctx.parsed, columns(ctx.parsed)
    lower, lemma = cols.lower, cols.lemma
    index = _phrases_by_first_word()
    if "cue words" not in ctx.memo:  # (the words of the whole document that may start a cue, once)
        ctx.memo["cue words"] = [i for i in range(len(lower)) if may_cue(lower[i], lemma[i])]
        ctx.memo["phrase words"] = [i for i in range(len(lower)) if lower[i] in index]
    candidates = ctx.memo["cue words"]
    for i in candidates[bisect.bisect_left(candidates, sent.start):bisect.bisect_left(candidates, sent.end)]:
        if i in ctx.actor_at or i in ctx.toponym_at:
            continue
        tok = doc[i]
        types, cue = trigger_types(tok)
        if types:
            out.append((tok, types, cue))
    # multiword cues as written ("imposed a curfew", "held a sit-in"): their first word is the
    # trigger when no single word of them was one
    starts = ctx.memo["phrase words"]
    if bisect.bisect_left(starts, sent.start) == bisect.bisect_left(starts, sent.end):
        return sorted(out, key=lambda x: x[0].i)  # (no phrase begins in the sentence)
    words = [i for i in range(sent.start, sent.end) if not cols.is_punct[i] and not cols.is_space[i]]
    seen = {t.i for t, _, _ in out}
    for k, first in enumerate(words):
        for phrase, types in index.get(lower[first], ()):
            at = words[k:k + len(phrase)]
            if len(at) < len(phrase) or tuple(lower[w] for w in at[:-1]) != phrase[:-1] or \
                    phrase[-1] not in (lower[at[-1]], lemma[at[-1]].lower()):
                continue  # (the last word may be inflected: "air strikes", "drone attacks")
            span, tok = [doc[w] for w in at], doc[first]
            taken = [x for x in out if x[0].i in {w.i for w in span}]
            if taken and all(set(types) != set(x[1]) for x in taken) and len(taken) == 1 \
                    and (taken[0][2] == lemma_of(taken[0][0]) or (
                        len(taken[0][2].split()) < len(phrase) and not set(types) & set(taken[0][1]))):
                # "sexually assaulted", "set up burning barricades": the whole phrase is more
                # precise than its verb alone or a shorter phrase ("set up")
                out[out.index(taken[0])] = (taken[0][0], types, " ".join(phrase))
                seen.update(w.i for w in span)
                break
            if not any(w.i in seen for w in span):
                # the phrase's own head ("imposed" of "imposed a curfew"), or the verb whose
                # object it is ("held" of "held a sit-in")
                inside = {w.i for w in span}
                root = next((w for w in span if w.head.i not in inside or w.head == w), tok)
                trig = root.head if root.dep_ in ("dobj", "nsubjpass", "prep") and root.head.pos_ == "VERB" else root
                if root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.pos_ == "VERB":
                    trig = root.head.head  # "elected X as the group's new leader"
                if trig.i in seen or (trig is not root and lemma_of(trig) in lex()["stative"]):
                    continue  # ("maintains 12 observation posts": having one is not setting it up)
                if " ".join(phrase) in lex()["base_verbs"] and not _sets_up_a_base(trig):
                    continue  # "rioters set up flaming barricades"
                out.append((trig, types, " ".join(phrase)))
                seen.update(inside | {trig.i})
                break
    return sorted(out, key=lambda x: x[0].i)


# -- syntax helpers -------------------------------------------------------------------------

def clause_head(tok):
    """The verb a (nominal) trigger belongs to."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
        t = t.head
    return t


def subject_of(verb):
    """Grammatical subject, following conjunctions and participial modifiers upwards."""
    t = verb
    for _ in range(4):
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        # a dateline ("IDLIB, (Agency) - Units of the army ...") can parse as a second subject
        subjects.sort(key=lambda c: (c.tag_ == "NNP" and c.text.isupper(), c.i))
        if subjects:
            return subjects[0], "active"
        for c in t.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ in ("pobj", "pcomp"):  # "killed by Russian shelling" parses either way
                        return g, "agent"
        for c in t.children:
            if c.dep_ == "nsubjpass":
                return c, "passive"
            if c.dep_ == "csubjpass":
                # "protesters blocking a bridge were fired upon": the parser reads the participle
                # as the passive subject and the people as its own subject
                people = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if people is not None:
                    return people, "passive"
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            root = t.sent.root
            if t.tag_ == "VBD" and root.pos_ in ("NOUN", "PROPN") and root.i < t.head.i:
                # "Protesters angry over a fare rise set fire to ...": the parser made the whole
                # sentence one noun phrase; a finite past verb's subject is the phrase's head
                return root, "active"
            return t.head, "active"  # "a source, denied ...": the noun a participle describes
        if t.dep_ in ("conj", "xcomp", "advcl") and t.head != t:
            t = t.head
            continue
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX"):
            t = t.head.head  # "raised the flag after driving the jihadists out": who raised it
            continue
        break
    return None, ""


#: who counted or filmed a crowd is not in it ("a crowd, estimated by police at 300,000")
REPORTING_PARTICIPLES = frozenset({"estimate", "report", "count", "describe", "film", "photograph", "quote"})


def actor_in(ctx: DocContext, tok):
    """The actor a phrase headed by ``tok`` names (its own words first, then its subtree).
    A word that only says "armed men" defers to a modifier that says whose ("regime fighters")."""
    if tok is None:
        return None
    own = ctx.actor_at.get(tok.i)
    for c in sorted(tok.children, key=lambda c: abs(c.i - tok.i)):
        if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i in ctx.actor_at:
            mod = ctx.actor_at[c.i]
            if own is None or (own.info.generic and mod.info.generic and mod is not own
                               and mod.info.role != own.info.role and mod.info.role != "source"):
                return mod
    if own is not None:
        return own
    if tok.lemma_.lower() in taxonomy().instruments or tok.lemma_.lower() in taxonomy().nouns:
        for c in tok.children:
            cc = ctx.lexicon.country_of_word(c.lower_) if c.dep_ in ("amod", "compound") else ""
            if cc:
                return ctx.lexicon.state_forces(cc)
    aside = {d.i for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in REPORTING_PARTICIPLES
             for d in c.subtree}
    for t in tok.subtree:  # (in text order: "relatives" comes before the soldiers it sets aside)
        if t.lower_ in ctx.lexicon.not_members and t.i not in ctx.actor_at:
            # "relatives of missing soldiers", "hundreds of supporters of the junta"
            aside |= {d.i for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for d in c.subtree}
        a = ctx.actor_at.get(t.i)
        if a is None or a.info.role == "source" or t.i in aside:
            continue  # ("a crowd, estimated by police at 300,000": not the police)
        root = ctx.parsed[a.head]
        if root.dep_ in ("amod", "compound") and root.head.i not in ctx.actor_at and root.head != tok:
            continue  # "a military airport", "an army post": a modifier, not an actor
        return a
    return None


def is_armed(actor) -> bool:
    return actor is not None and actor.info.role not in ("source", "government") and actor.info.inter not in (0, 7)


# -- decisions ------------------------------------------------------------------------------

def modality(ctx: DocContext, trig) -> tuple[str, object]:
    """'' for a reported fact, 'attempt' (with the operation noun, if any), 'hypothetical',
    'negated' or 'durative' (an ongoing activity, not an event of a day)."""
    L = lex()
    for c in trig.children:
        if c.dep_ == "neg":
            return "negated", None
        if c.dep_ == "aux" and c.lower_ in L["modals"]:
            return "hypothetical", None
    if trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ == "without":
        return "negated", None  # "without a fight", "without clashes"
    if trig.pos_ == "NOUN" and any(c.lower_ in ("no", "any") and c.dep_ == "det" for c in trig.children):
        return "negated", None  # "no clashes were reported", "denied it had carried out any strikes"
    e = trig
    while e.dep_ == "conj" and e.head != e:
        e = e.head  # "to end cattle raids and revenge attacks"
    if (trig.pos_ == "NOUN" or trig.tag_ == "VBG") and (
            e.dep_ == "dobj" and lemma_of(e.head) in L["ending_verbs"] or (
            e.dep_ == "pobj" and e.head.lower_ in ("in", "to", "of") and e.head.head.lower_ in L["ending_nouns"])):
        return "negated", None  # "to cease hostilities", "pauses in the fighting", "an end to the attacks"
    if trig.dep_ in ("xcomp", "dobj") and lemma_of(trig.head) in L["durative"]:
        return "durative", None  # "continuing to attack", "continuing the fight"
    t = trig
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in (
            "day", "week", "month", "year", "series", "spate", "string", "cycle"):
        return "durative", None  # "weeks of air raids", "a series of reprisal attacks": many events, not one
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in trig.children)
    if infinitive and not perfect:
        g = trig.head
        if lemma_of(g) in L["completed"]:
            return "", None
        # "began an operation to retake X" / "launched an operation to take back X"
        for node in (g, g.head):
            if lemma_of(node) in L["operation"] and lemma_of(node.head) in L["starts"]:
                return "attempt", node
            if lemma_of(node) in L["starts"]:
                for c in node.children:
                    if c.dep_ == "dobj" and lemma_of(c) in L["operation"]:
                        return "attempt", c
        return "attempt", None
    if trig.tag_ == "VBG" and trig.dep_ == "pcomp" and trig.head.lower_ in ("toward", "towards", "for"):
        return "attempt", None  # "an achievement toward securing the highway": a purpose
    if trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ == "for" and any(
            c.lower_ == "against" for c in trig.children):
        return "attempt", None  # "requisitions for the fight against armed groups": a purpose
    if trig.dep_ == "ccomp" and (lemma_of(trig.head) in L["demand"] or
                                 trig.tag_ == "VB" and lemma_of(trig.head) in L["attempt"]):
        return "attempt", None  # "insisted that the regime withdraw": a demand
    t = trig
    for _ in range(5):
        head = t.head
        if head == t:
            break
        if t.dep_ in ("xcomp", "relcl", "acl", "advcl", "ccomp", "pcomp", "pobj", "dobj", "conj") \
                and lemma_of(head) in L["attempt"] and _is_infinitive_or_nominal(t):
            if lemma_of(head) in L["operation"]:
                return "attempt", head
            return "attempt", None
        if lemma_of(head) in L["attribution"]:
            break
        t = head
    return "", None


def _is_infinitive_or_nominal(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) or tok.pos_ == "NOUN" \
        or tok.tag_ == "VBG"


def attribution(ctx: DocContext, trig) -> tuple[str, str, object]:
    """(claimant, stance, attribution verb) for the statement that carries the trigger."""
    L = lex()
    t = trig
    for _ in range(8):
        for c in t.children:  # "according to X"
            if c.lower_ == "according":
                for g in c.subtree:
                    if g.dep_ == "pobj":
                        return claimant_name(ctx, g), "reported", c
        head = t.head
        lemma = lemma_of(head)
        if head != t and lemma in L["attribution"] and t.dep_ in ("ccomp", "parataxis", "xcomp", "advcl", "conj", "dobj"):
            subj, _ = subject_of(head)
            return claimant_name(ctx, subj), L["attribution"][lemma], head
        # "X, a monitor reported" / "..., said the Observatory": the verb is the sentence root
        if head == t:
            for c in t.children:
                if c.dep_ in ("parataxis", "advcl", "ccomp") and lemma_of(c) in L["attribution"]:
                    subj, _ = subject_of(c)
                    if subj is not None:
                        return claimant_name(ctx, subj), L["attribution"][lemma_of(c)], c
            break
        t = head
    return "", "reported", None


def claimant_name(ctx: DocContext, tok) -> str:
    """Who a subject phrase names as the source: a known source or named actor in it, else the
    phrase's own words ("a Russian military source")."""
    if tok is None or tok.i in ctx.toponym_at:
        return ""
    found = [ctx.actor_at[t.i] for t in tok.subtree if t.i in ctx.actor_at]
    for want in (lambda a: a.info.role == "source", lambda a: not a.info.generic, lambda a: True):
        for a in found:
            if want(a) and (a.info.role == "source" or not a.info.generic or ctx.actor_at.get(tok.i) is a):
                return ctx.actor_name(a)
    if tok.pos_ == "PRON":
        return ""
    words = [t for t in tok.lefts if t.dep_ in ("amod", "compound", "nmod") and not t.is_punct
             and t.tag_ != "VBN" and t.i not in ctx.toponym_at]
    phrase = " ".join([w.text for w in words] + [tok.text])
    return phrase.strip()


def coordinated_actors(ctx: DocContext, actor) -> list:
    """Actors joined to this one by 'and' ("Rwandan and Mozambican troops", "the army and
    allied militias"), including itself."""
    out = [actor]
    if actor.head < 0:
        return out
    head = ctx.parsed[actor.head]
    for t in [*head.conjuncts, *[c for c in head.children if c.dep_ in ("amod", "compound")]]:
        other = ctx.actor_at.get(t.i)
        if other is not None and other not in out:
            out.append(other)
    # "Rwandan and Mozambican troops": the demonyms name the countries of one phrase
    for t in head.children:
        if t.dep_ in ("amod", "compound", "conj"):
            for c in [t, *t.conjuncts]:
                cc = ctx.lexicon.demonyms.get(c.lower_)
                if cc and cc != actor.country:
                    out.append(type(actor)(actor.start, actor.end, actor.head, actor.info, cc, False))
    return out


def _meets(requires: dict, actor1, actor2) -> int:
    """How well the actors meet a sub-event type's requirements: 2 met, 1 unknown, 0 broken."""
    score = 2
    for key, want in (requires or {}).items():
        actor = actor1 if key.startswith("actor1") else actor2
        if actor is None:
            if key.endswith("_inter") or want == "civilians":
                score = min(score, 1)
                continue
            return 0
        if key.endswith("_inter"):
            ok = actor.info.inter in want
        else:
            ok = actor.info.role == want or (want == "civilians" and actor.info.inter == 7)
        if not ok:
            return 0
    return score


@functools.lru_cache(maxsize=1)
def _weapon_phrases() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Multiword cues of remote violence ("air strike", "car bomb"), read once."""
    tax = taxonomy()
    out = []
    for phrase, types in tax.phrases.items():
        remote = tuple(st for st in types if tax[st].event_type == "Explosions/Remote violence")
        if remote:
            out.append((phrase, remote))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _long_instruments() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Instruments named in three words or more, as words_of writes them."""
    return tuple((p.replace("-", " "), tuple(t)) for p, t in taxonomy().instruments.items()
                 if p.replace("-", " ").count(" ") >= 2)


@functools.lru_cache(maxsize=1)
def _instrument_words() -> frozenset[str]:
    """Every word of every instrument's name, and "bomb" (see _delivered_by): a token that is
    none of these, in its written form or its lemma, names no weapon."""
    return frozenset(w for name in taxonomy().instruments for w in name.split()) | {"bomb"}


@functools.lru_cache(maxsize=1)
def _remote_phrases() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(first word, phrase as words_of writes it, types) of _weapon_phrases and _long_instruments."""
    phrases = [(p.replace("-", " "), t) for p, t in _weapon_phrases()] + list(_long_instruments())
    return tuple((p.split()[0], p, t) for p, t in phrases)


def instrument_types(sent) -> list[str]:
    """Sub-event types the weapons named in a sentence point to ("shelling", "an air strike")."""
    tax = taxonomy()
    at: dict[int, list[str]] = {}  # token -> the types its weapon points to
    air_fired = False
    tokens = list(sent)
    weapon_words = _instrument_words()
    for k, t in enumerate(tokens):
        if t.lower_ not in weapon_words and t.lemma_.lower() not in weapon_words:
            continue  # (most words: none of the checks below can find a weapon in them)
        if k and f"{tokens[k - 1].lower_} {t.lower_}" in tax.instruments:
            continue  # counted as a pair below: "water cannon" is no cannon
        if k + 1 < len(tokens) and f"{t.lower_} {tokens[k + 1].lower_}" in tax.instruments:
            at[t.i] = list(tax.instruments[f"{t.lower_} {tokens[k + 1].lower_}"])
            continue  # (a pair may begin with a proper noun: "CS gas", "Grad rockets")
        if t.pos_ == "PROPN" or t.tag_ in ("VB", "VBD", "VBP", "VBZ"):
            continue  # "Tyre" the town is no tyre, "signed" an accord no sign ("shelling" stays)
        named_as = tuple(tax.instruments.get(t.lemma_.lower(), ()) or tax.instruments.get(t.lower_, ()))
        types = _delivered_by(t, named_as)
        air_fired = air_fired or (types == (AIR_STRIKE,) and named_as != types)
        if types:
            at[t.i] = list(types)
    found = [w for t in tokens if t.i in at and not _load_of(t, at) for w in at[t.i]]
    text = words_of(sent)
    present = set(text.split())
    named = []  # ("anti-tank mine": three words, not a pair)
    for first, phrase, types in _remote_phrases():
        if (first in present or first + "s" in present) and (f" {phrase} " in text or f" {phrase}s " in text):
            named.extend(types)
    if air_fired:  # ("Israeli aircraft fired missiles": the phrase "fired missiles" is theirs)
        named = [AIR_STRIKE if w == SHELLING else w for w in named]
    return named + found  # a weapon named in full ("anti-tank mine") before its words ("tank")


def _delivered_by(t, types: tuple) -> tuple:
    """A weapon's types read with how it was delivered: bare "bombs" fired at or landing on a place
    came from afar (shelling; a planted bomb is an IED); what an air arm fires comes from the air
    ("Israeli aircraft fired missiles"), a chemical agent aside."""
    head = lemma_of(t.head)
    if t.lemma_.lower() == "bomb" and not any(c.dep_ in ("compound", "amod") for c in t.children) and (
            (t.dep_ == "nsubj" and head in lex()["arrival_verbs"]) or (t.dep_ == "dobj" and head in lex()["firing_verbs"])):
        return (SHELLING,)
    if types and CHEMICAL not in types and t.dep_ == "dobj" and head in lex()["weapon_verbs"] \
            and _air_arm([d for c in t.head.children if c.dep_ == "nsubj" for d in c.subtree]):
        return (AIR_STRIKE,)
    return tuple(types)


def _sets_up_a_base(verb) -> bool:
    """'set up a new camp', 'set up positions': what is set up is a base of some kind."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return not objects or any(o.lemma_.lower() in lex()["base_nouns"] for o in objects)


def _air_arm(words) -> bool:
    """Whether a subject names an air arm ("the Nigerian Air Force", "US and UK aircraft")."""
    text = f" {' '.join(t.lower_ for t in words)} "
    return any(f" {arm} " in text for arm in lex()["air_arms"])


def _load_of(t, at: dict[int, list[str]]) -> bool:
    """An explosive a drone or an aircraft carries ("an explosive-laden drone", "a drone carrying
    explosives") is the strike's load: the carrier says what kind of attack it was."""
    h = t
    for _ in range(3):
        if h.dep_ not in ("amod", "compound", "npadvmod", "dobj", "pobj", "acl", "prep") or h.head is h:
            return False
        h = h.head
        if AIR_STRIKE in at.get(h.i, ()) and AIR_STRIKE not in at.get(t.i, ()):
            return True
    return False


def choose_type(ctx: DocContext, trig, types: list[str], actor1, actor2, country: str = "") -> str:
    """Pick the sub-event type from the trigger's candidates, the weapons the sentence names and
    the taxonomy's requirements on the actors (an Attack needs civilian victims, Arrests state
    forces, a Peaceful protest protesters)."""
    tax = taxonomy()
    if set(types) & set(TERRITORY):
        if actor1 is None:
            # who took it is not said ("the town had been retaken"): provisional; a report in
            # the same article or another source that names the actor settles the type
            return NSA_TERRITORY if NSA_TERRITORY in types else GOV_TERRITORY
        # the codebook: a foreign state's forces taking a place is "Non-state actor overtakes
        # territory"; only the government of the country (or its own forces) "regains" it
        text = ctx.words(trig.sent)
        fought = any(f" {w} " in text for w in lex()["fighting_words"])
        if any(f" {m} " in text for m in lex()["unopposed"]) or (
                not fought and any(f" {m} " in text for m in lex()["withdrawal_markers"])):
            return NONVIOLENT_TERRITORY  # "entered the town without a fight", "after X pulled out"
        home = country or ctx.focus
        foreign = bool(actor1.country and home and actor1.country != home)
        if (foreign or actor1.info.inter not in (1, 8)) and any(
                m.info.inter == 1 and m.country == home for m in coordinated_actors(ctx, actor1)):
            return GOV_TERRITORY  # "the army and allied militias", "Rwandan and Mozambican troops"
        if actor1.info.inter in (1, 8) and not foreign:
            return GOV_TERRITORY
        return NSA_TERRITORY
    key = ("instruments", trig.sent.start)
    if key not in ctx.memo:
        ctx.memo[key] = instrument_types(trig.sent)
    weapons = ctx.memo[key]
    if actor1 is not None and actor1.info.inter in (5, 6):
        # police bullets in the sentence do not turn what the crowd did into excessive force
        weapons = [w for w in weapons if w != EXCESSIVE_FORCE]
    if EXCESSIVE_FORCE in types:
        # tear gas in the sentence does not make a killing a dispersal ("fired tear gas at the
        # protesters, killing two")
        weapons = [w for w in weapons if w != INTERVENTION]
    # (a weapon verb's candidates may include Disrupted weapons use: "dropped" drones can be downed)
    remote = all(tax[t].event_type == "Explosions/Remote violence" or t == DISRUPTED for t in types) \
        and any(t != DISRUPTED for t in types)
    if remote:  # small arms in the sentence do not make an explosion a firefight ("gunfire and explosions")
        weapons = [w for w in weapons if w != ARMED_CLASH]
    if weapons and (set(types) & {ARMED_CLASH, ATTACK, LOOTING} or remote):
        # a chemical agent makes any strike a chemical weapon event, a bomber who dies in the
        # blast any explosion a suicide bomb; otherwise the first weapon the sentence names
        # (what "an air strike destroyed" is an air strike, not property destruction)
        for specific in (CHEMICAL, SUICIDE):  # the codebook's most specific readings first
            if specific in weapons and (remote or ATTACK in types):
                return specific
        return weapons[0]
    scored = [(t, _meets(tax[t].requires, actor1, actor2)) for t in types]
    kept = [t for t, s in scored if s == 2] or [t for t, s in scored if s == 1]
    if not kept:
        # a killing of armed men is fighting, not violence against civilians
        if set(types) & {ATTACK} and actor2 is not None and is_armed(actor2):
            return ARMED_CLASH
        return ""
    if ATTACK in kept and ARMED_CLASH in kept:
        return ATTACK if (actor2 is not None and actor2.info.inter == 7) else ARMED_CLASH
    return kept[0]


def place_for(ctx: DocContext, trig, territory: bool) -> tuple[Toponym | None, bool]:
    """The toponym an event happened at, and whether it was reached through anaphora.

    In order: a place in the trigger's own phrase (its object, "in X", "the town of X");
    a singular place noun without a name ("the town", "a strategic town") -> the town the
    article last named, else the one it names most; for events other than captures, or a
    plural object ("a number of towns"), a place in the clause ("in southern X province");
    for events other than captures, any place the sentence names.
    """
    if lemma_of(trig) in cues()["place_subject_verbs"]:
        # "X fell to the rebels", "the town had fallen": the place is the subject, nothing else
        for c in trig.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.i in ctx.toponym_at:
                    return ctx.toponym_at[c.i], False
                if c.lower_ in cues()["settlement_nouns"] and c.tag_ == "NN":
                    antecedent = _antecedent(ctx, c)
                    return (antecedent, True) if antecedent is not None else (None, False)
        return None, False
    best = _place_in(ctx, trig, trig, territory)
    settlement = cues()["settlement_nouns"]
    if best is not None and territory and ctx.gazetteer.entry(best.entry).feature != "P":
        # "a strategic town in X province": an unnamed town inside a region is the town the
        # article is about, when that town lies in the region
        unnamed = [t for t in trig.subtree if t.lower_ in settlement and t.tag_ == "NN" and not _named(t)]
        if unnamed:
            antecedent = _antecedent(ctx, unnamed[0])
            region = ctx.gazetteer.entry(best.entry)
            if antecedent is not None:
                town = ctx.gazetteer.entry(antecedent.entry)
                if town.country_code == region.country_code and (region.feature == "C" or town.admin1_code == region.admin1_code):
                    return antecedent, True
    if best is not None:
        return best, False
    head = clause_head(trig)
    objects = [t for t in (trig.subtree if territory else head.subtree) if t.lower_ in settlement]
    singular = [t for t in objects if t.tag_ in ("NN",) and not any(c.dep_ == "nummod" for c in t.children)
                and not _named(t)]
    pronoun = [c for c in trig.children if c.dep_ in ("nsubjpass", "dobj") and c.lower_ == "it"]
    if singular or pronoun:
        antecedent = _antecedent(ctx, (singular or pronoun)[0])
        if antecedent is not None:
            return antecedent, True
    if territory and trig.dep_ == "conj" and trig.head.pos_ == "VERB" and lemma_of(trig.head) in cues()["place_verbs"]:
        # "entered Kabul and took over the presidential palace": the town the force went into
        best = _place_in(ctx, trig.head, trig.head, territory)
        if best is not None:
            return best, False
    if not territory or objects:
        scopes = [head] + ([head.head] if head.dep_ in ("advcl", "xcomp", "conj", "pcomp") else [])
        for scope in scopes:
            best = _place_in(ctx, scope, scope, territory)
            if best is not None:
                return best, False
    if not territory:
        cands = [ctx.toponym_at[t.i] for t in trig.sent if t.i in ctx.toponym_at]
        cands = [c for c in cands if not _modifies_actor(ctx, c)]
        if cands:
            return min(cands, key=lambda c: _rank(ctx, c)), False
        # a sentence that names no place goes on where the one before it was ("Hundreds
        # gathered in X. Police fired live rounds at them, killing one.")
        # -- an act by an actor: "the attack" (a noun) or "two were killed by gunfire" (no
        # actor) tell of the event already told, not of a new one
        here = next((k for k, s in enumerate(ctx.sentences) if s.start <= trig.i < s.end), 0)
        subj, voice = subject_of(trig) if is_verbal(trig) else (None, "")
        acted = voice in ("active", "agent") and actor_in(ctx, subj) is not None
        before = [tp for tp in ctx.toponyms if tp.sent == here - 1 and tp.entry is not None
                  and not _modifies_actor(ctx, tp)] if acted else []
        if before:
            return min(before, key=lambda c: _rank(ctx, c)), True
    return None, False


def _place_in(ctx: DocContext, scope, anchor, territory: bool) -> Toponym | None:
    best = None
    for t in scope.subtree:
        top = ctx.toponym_at.get(t.i)
        if top is None or not _locative_path(t, anchor, territory) or _modifies_actor(ctx, top):
            continue
        if best is None or _rank(ctx, top) < _rank(ctx, best):
            best = top
    return best


def _named(noun) -> bool:
    """'the town of Kishishe': a place noun that carries its own name (known to us or not)."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ == "PROPN" for g in c.children)
               for c in noun.children) or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children)


def _antecedent(ctx: DocContext, noun) -> Toponym | None:
    """The town a place noun without a name ("the town", "it") refers to: a town named earlier
    in the same sentence, else where the last event told as news happened, else the last town
    named within three sentences, else the town the article names most often; towns of the
    document's country first."""
    towns = [tp for tp in ctx.toponyms if ctx.gazetteer.entry(tp.entry).feature == "P"]
    home = [tp for tp in towns if ctx.gazetteer.entry(tp.entry).country_code == ctx.focus]
    towns = home or towns
    sent = noun.sent
    same = [tp for tp in towns if sent.start_char <= tp.start and tp.end <= noun.idx
            and not _modifies_actor(ctx, tp)]
    if same:
        return same[-1]
    if ctx.last_news is not None and (not ctx.focus or ctx.gazetteer.entry(ctx.last_news.entry).country_code == ctx.focus):
        return ctx.last_news
    if not towns:
        return None
    before = [tp for tp in towns if tp.end <= noun.idx]
    sent_index = next((k for k, s in enumerate(ctx.sentences) if s.start <= noun.i < s.end), 0)
    if before and sent_index - before[-1].sent <= 3:
        return before[-1]
    counts: dict[int, int] = {}
    for tp in towns:
        counts[tp.entry] = counts.get(tp.entry, 0) + 1
    top_entry = max(counts, key=lambda e: (counts[e], -min(tp.start for tp in towns if tp.entry == e)))
    return next(tp for tp in towns if tp.entry == top_entry)


def _rank(ctx: DocContext, top: Toponym) -> tuple[int, int]:
    feature = ctx.gazetteer.entry(top.entry).feature
    return ({"P": 0, "A": 1, "C": 2}.get(feature, 3), top.tok_start)


def _modifies_actor(ctx: DocContext, top: Toponym) -> bool:
    """'Britain-based', 'Russia-backed', 'Syria's army': a place that only qualifies an actor."""
    doc = ctx.parsed
    end = top.tok_end
    if end + 1 < len(doc) and doc[end].text == "-" and not (
            doc[end + 1].lower_ in cues()["directions"] and end + 2 < len(doc) and doc[end + 2].text == ")"):
        return True  # (ACLED's "(Shan-North)" is a division split by compass, not a modifier)
    if end < len(doc) and doc[end].text in ("'s", "’s") and end + 1 < len(doc) and (end + 1) in ctx.actor_at:
        return True
    last = doc[end - 1]
    if last.dep_ == "pobj" and last.head.head.pos_ == "VERB" and \
            last.head.head.lemma_.lower() in ("base", "headquarter", "locate", "register"):
        return True  # "a monitoring group based in Britain": where the group sits, not the event
    if ctx.gazetteer.entry(top.entry).feature == "C" and last.dep_ in ("compound", "amod", "nmod") \
            and last.head.pos_ == "NOUN":
        return True  # "a US air strike", "Russia forces": a country naming whose it is
    return False


def _locative_path(tok, scope, territory: bool) -> bool:
    """Is the toponym at ``tok`` reached from ``scope`` as an object or a locative phrase?
    The preposition nearest the name decides ("in X" yes, "from X" no); a path through an
    office ("the governor of X") or an apposition of something else is not the event's place."""
    offices = cues()["office_nouns"]
    t = tok
    first_prep = True
    for _ in range(10):
        if t == scope:
            return True
        if t.dep_ == "prep":
            if first_prep and (t.lower_ in NOT_LOCATIVE_HEADS or t.lower_ not in LOCATIVE):
                return False
            if territory and first_prep and t.lower_ in ("in", "at", "near", "inside") and t.head != scope \
                    and t.head.pos_ == "NOUN" and t.head.lower_ not in cues()["settlement_nouns"] \
                    and t.head.lower_ not in cues()["admin_nouns"]:
                return False  # "stormed the hotel in X": a building in a town is not the town taken
            first_prep = False
        if t.dep_ in ("nsubj", "agent", "npadvmod", "poss") and t.head == scope:
            # a "subject" after an active verb that already has one is its object misparsed
            # ("the army recaptured X (Amhara) from ...", the brackets confuse the parser)
            return t.dep_ in ("nsubj", "npadvmod") and t.i > scope.i and scope.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.i < scope.i for c in scope.children)
        if t.lower_ in offices:
            return False
        if t.dep_ == "appos" and t.head == scope and territory:
            return True
        if t.dep_ == "appos" and t.head.ent_type_ in ("DATE", "TIME"):
            return False
        if territory and t.dep_ == "compound" and t.head.lower_ not in cues()["settlement_nouns"] \
                and t.head.lower_ not in cues()["admin_nouns"]:
            return False  # "the Damascus-Aleppo highway", "the X front": not the place taken
        t = t.head
    return False


def time_for(ctx: DocContext, trig, anywhere: bool = False) -> TimeMention | None:
    """The temporal expression attached to the trigger's clause, if any (``anywhere``: the
    nearest in the sentence, for captions and headlines without clause structure)."""
    sent = trig.sent
    in_sent = [tm for tm in ctx.times if sent.start_char <= tm.start < sent.end_char]
    if not in_sent:
        return None
    if not anywhere and trig.pos_ == "NOUN" and trig.dep_ in ("nsubj", "nsubjpass") and is_verbal(trig.head) \
            and trig.head != trig:
        return time_for(ctx, trig.head)  # "fighting erupted ... on Tuesday": the verb's date
    if anywhere:
        return min(in_sent, key=lambda tm: abs(tm.tokens.start - trig.i))
    head = clause_head(trig)

    def own_verb(tm):
        t = ctx.parsed[tm.tokens.start]
        for _ in range(6):
            if t.pos_ in ("VERB", "AUX") and t.i not in tm.tokens:
                return t
            if t.head == t:
                return t
            t = t.head
        return t

    scopes = [trig, head] + ([trig.head] if trig.dep_ in ("advcl", "conj", "xcomp", "pcomp") else [])
    for scope in scopes:
        idx = {t.i for t in scope.subtree}
        attached = [tm for tm in in_sent if any(i in idx for i in tm.tokens) and _same_clause(own_verb(tm), trig, head)]
        if attached:
            return min(attached, key=lambda tm: abs(tm.tokens.start - trig.i))
    # "beat a man to death and set his body on fire in X on Friday": a time attached to a verb
    # coordinated with the event's clause, or to the clause it depends on, dates it too
    related = {head, *head.conjuncts, *[c for c in head.children if c.dep_ in ("advcl", "conj", "xcomp")]}
    if head.dep_ in ("conj", "advcl", "xcomp") and head.head != head:
        related.add(head.head)
    near = [tm for tm in in_sent if own_verb(tm) in related and lemma_of(own_verb(tm)) not in lex()["attribution"]]
    if near:
        return min(near, key=lambda tm: abs(tm.tokens.start - trig.i))
    root = sent.root
    # an expression attached to the reporting verb ("claimed on Thursday that they had taken X")
    # dates the event; one inside another clause ("fighting that began on Wednesday") does not
    loose = [tm for tm in in_sent if own_verb(tm) == root]
    if loose and (root in head.ancestors or root == head):
        return min(loose, key=lambda tm: abs(tm.tokens.start - trig.i))
    # the sentence's one date that no reporting verb takes ("intercepted a rocket fired from Gaza
    # on Saturday, the army said") is the event's
    free = [tm for tm in in_sent if lemma_of(own_verb(tm)) not in lex()["attribution"]
            and own_verb(tm).dep_ != "relcl"]  # ("after fighting that began on Wednesday": that fighting's date)
    if len(free) == 1 and len(in_sent) == 1 and is_verbal(trig):
        return free[0]  # (a noun such as "fighting" keeps needing a date of its own)
    return None


def _same_clause(verb, trig, head) -> bool:
    """A time expression's verb belongs to the event's clause: the trigger, its clause head, its
    governor, or an infinitive it governs ("launched an operation to retake X on Wednesday")."""
    if verb in (trig, head, trig.head):
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return infinitive and (verb in trig.subtree or verb in head.subtree)


def history_year(ctx: DocContext, trig) -> TimeMention | None:
    """An explicit earlier year in the sentence ("the September 2018 agreement"), for an event
    that has no time of its own: the event is told as history, with that year."""
    sent = trig.sent
    for tm in ctx.times:
        if sent.start_char <= tm.start < sent.end_char and explicit_year(tm.expr):
            return tm
    return None


def is_background(ctx: DocContext, trig, tm: TimeMention | None) -> bool:
    """Told as past context: a relative past ('three weeks ago', 'recently'), a clause or phrase
    introduced by 'after'/'before'/'since' that contains the event, 'earlier', pluperfect."""
    L = lex()
    if tm is not None and tm.expr.kind in ("ago", "recent"):
        return True
    backshift = trig.dep_ == "ccomp" and lemma_of(trig.head) in L["attribution"] and trig.head.tag_ in ("VBD", "VBN")
    for c in trig.children:
        if c.dep_ == "aux" and c.lower_ == "had" and not backshift:
            return True  # pluperfect, unless it is reported speech ("denied the town had been retaken")
        if c.dep_ in ("mark", "advmod") and c.lower_ in L["background"]:
            return True
    t = trig
    for _ in range(3):
        if t.head == t:
            break
        t = t.head
        if t.dep_ in ("prep", "mark", "advmod") and t.lower_ in L["background"]:
            return True
    return False


QUANTIFIER_SUBJECTS = {"some", "many", "several", "others", "most", "all", "few", "dozens", "hundreds",
                       "thousands", "scores"}


def is_cumulative(ctx: DocContext, trig) -> bool:
    """A count over a period ('the total number killed this month', 'have been killed since'),
    or a generalisation ('some have been attacked'): not one event."""
    L = lex()
    t = trig
    for _ in range(2):
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in QUANTIFIER_SUBJECTS and not list(c.children)
               for c in t.children):
            return True
        if t.dep_ != "conj":
            break
        t = t.head
    for a in trig.ancestors:
        if a.lemma_.lower() in L["cumulative"]:
            return True
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in trig.children)
    progressive = trig.tag_ == "VBG" and any(c.lower_ == "been" for c in trig.children)
    if perfect and progressive:
        return True  # "has been fighting": an activity over a period, not one day's event
    for c in trig.children:
        if c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in ("week", "month", "year", "day") for g in c.subtree):
            return True  # "for weeks"
    if trig.dep_ == "pobj" and trig.head.lower_ == "of" and trig.head.head.lemma_.lower() in ("day", "week", "month", "year"):
        return True  # "weeks of air raids"
    if perfect:
        for t in trig.subtree:
            if t.lower_ in ("since", "repeatedly") or (t.lower_ == "far" and t.i > 0 and t.nbor(-1).lower_ == "so"):
                return True
            if t.like_num and _number(t) and _number(t) >= 50:
                return True
        for c in trig.children:
            if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in L["vague"] or c.lower_ in QUANTIFIER_SUBJECTS):
                return True
    if trig.pos_ == "NOUN" and trig.tag_ == "NNS" and trig.dep_ == "pobj":
        # "500 civilians have been killed in attacks since January": many events, one count
        verb = trig.head.head
        if verb.pos_ in ("VERB", "AUX") and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have"
                                                for c in verb.children) \
                and any(t.lower_ == "since" for t in verb.subtree):
            return True
    return False


def fatalities_for(ctx: DocContext, trig) -> int | None:
    """Deaths named in the event's own clause: the lowest credible count."""
    L = lex()
    kinds = L["figure_kinds"]
    lemma = trig.lemma_.lower()
    clause = clause_head(trig)
    kill = None
    for t in clause.subtree:
        if kinds.get(t.lemma_.lower()) == "killed" and t.sent == trig.sent:
            kill = t
            break
    if kill is None and kinds.get(lemma) != "killed":
        return None
    return fatalities_for_verb(kill or trig)


def fatalities_for_verb(kill) -> int | None:
    """The number of victims of a verb of killing ("killed four civilians", "3 were killed")."""
    if kill.lower_ == "dead" and kill.head != kill and kill.dep_ != "amod":
        kill = kill.head  # "shot dead three demonstrators", "leaving seven soldiers dead"
    # (a "dead" the parser hangs on the victims, "shot [dead two men]", counts them, below)
    if kill.lemma_.lower() == "death" and kill.dep_ == "pobj" and kill.head.lower_ == "to" and kill.head.head != kill.head:
        kill = kill.head.head  # "hacked to death at least 22 civilians", "stoned a student to death"
    victims = [c for c in kill.children if c.dep_ in ("nsubjpass", "dobj")]
    if kill.lemma_.lower() in ("die", "perish", "suffocate"):
        victims += [c for c in kill.children if c.dep_ == "nsubj"]
    if kill.dep_ in ("acl", "amod") and kill.head.pos_ == "NOUN":
        victims.append(kill.head)
    for v in victims:
        # "40 children and 11 adults", "a woman and her two children": the parts add up
        counts = [n for n in (_victims_in(part) for part in (v, *v.conjuncts)) if n is not None]
        if counts:
            return sum(counts)
    return None


def _victims_in(v) -> int | None:
    """How many people one noun phrase names: its number, a vague quantity, or one person."""
    L = lex()
    for c in v.children:
        if c.dep_ in ("nummod", "quantmod") or (c.like_num and c.dep_ in ("amod", "compound")):
            n = _number(c)
            if n is not None:
                return n
    if v.like_num:
        return _number(v)
    if v.lower_ in L["vague"]:
        return L["vague"][v.lower_]
    if v.tag_ == "NN" and v.lemma_.lower() in L["person_nouns"]:
        return 1  # "a local journalist", "the driver", "another man"
    return None


def _number(tok) -> int | None:
    """The number a numeric token belongs to: "hundred" in "three hundred civilians" is 300,
    "five" in "twenty-five" 25 (the number may begin at the leftmost word of tok's phrase)."""
    doc = tok.doc
    first = tok.left_edge.i
    words = [t.text for t in doc[first:min(len(doc), tok.i + NUMBER_MAX_WORDS)]]
    for start in range(tok.i - first + 1):
        value, end = number_at(words, start)
        if value is not None and first + end > tok.i:  # the number read takes tok in
            return value
    return None


def support_actors(ctx: DocContext, trig, actor1) -> list:
    """Associated actors: 'with support from X', 'backed by X', 'X-backed', 'supported by X'."""
    L = lex()
    found = []
    head = clause_head(trig)
    scope = list(head.subtree)
    subj = actor1
    for t in scope:
        cue = t.lemma_.lower()
        if cue in L["support"] and t.pos_ == "NOUN" or (cue in L["support_verbs"] and t.tag_ == "VBN"):
            for g in t.subtree:
                if g.i == t.i:
                    continue
                a = ctx.actor_at.get(g.i)
                if a is not None and a is not subj and is_armed(a):
                    found.append(a)
                    break
                cc = ctx.lexicon.country_of_word(g.lower_)
                if cc and cc != getattr(subj, "country", "") and g.dep_ in ("amod", "poss", "compound", "pobj"):
                    found.append(ctx.lexicon.state_forces(cc))
                    break
    # "troops and allied militias entered X": co-agents of a one-sided act fight together
    if actor1 is not None and lemma_of(trig) not in L["reciprocal"] and trig.pos_ in ("VERB", "AUX"):
        subj, voice = subject_of(trig)
        if subj is not None and voice == "active":
            for c in subj.children:
                a = actor_in(ctx, c) if c.dep_ == "conj" else None
                if a is not None and a is not subj and is_armed(a):
                    found.append(a)
    # "Russian-backed forces": a backer in the subject's own phrase
    if actor1 is not None:
        doc = ctx.parsed
        for i in range(max(0, actor1.start - 4), actor1.end):
            if i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lower_ in ("backed", "supported"):
                cc = ctx.lexicon.country_of_word(doc[i].lower_)
                if cc:
                    found.append(ctx.lexicon.state_forces(cc))
    uniq, seen = [], set()
    for a in found:
        key = ctx.actor_name(a)
        if key not in seen and (actor1 is None or key != ctx.actor_name(actor1)):
            seen.add(key)
            uniq.append(a)
    return uniq
