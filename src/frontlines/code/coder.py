"""Assemble a document's Mentions from the decisions in ``events`` and its Figures."""

from __future__ import annotations

import datetime as dt
import functools
import re

from frontlines import nlp as nlp_mod
from frontlines.code import timex
from frontlines.code.timex import explicit_year
from frontlines.code.context import DocContext, build_context, phrase_table, phrases_in, words_of
from frontlines.code.events import (Draft, _modifies_actor, _named, _number, actor_in, attribution, choose_type,
                                    clause_head, fatalities_for, fatalities_for_verb, find_triggers,
                                    history_year, instrument_types, is_armed, is_background, is_cumulative,
                                    is_verbal, lemma_of, lex, modality, place_for, subject_of, support_actors,
                                    time_for)
from frontlines.code.figures import find_figures
from frontlines.code.taxonomy import (ABDUCTION, ARMED_CLASH, ATTACK, CHANGE, DISRUPTED, EXCESSIVE_FORCE, IED,
                                      INTERVENTION, LOOTING, MOB, NONVIOLENT_TERRITORY, TERRITORY, VIOLENT_DEMO,
                                      taxonomy)
from frontlines.geo.gazetteer import Gazetteer
from frontlines.geo.names import name_key
from frontlines.geo.recognize import Toponym, cues
from frontlines.model import Document, Evidence, Figure, Mention, TimeExpr
from frontlines.nlp import columns, release_columns

#: bump when coding changes, so that stored documents are coded again
CODER_VERSION = "6"


def code_document(document: Document, nlp=None) -> tuple[list[Mention], list[Figure]]:
    nlp = nlp or nlp_mod.load()
    return code_parsed(document, nlp(document.text), nlp)


def code_parsed(document: Document, parsed, nlp=None) -> tuple[list[Mention], list[Figure]]:
    try:
        return _code_parsed(document, parsed, nlp or nlp_mod.load())
    finally:
        release_columns(parsed)


def _code_parsed(document: Document, parsed, nlp) -> tuple[list[Mention], list[Figure]]:
    ctx = build_context(document, parsed, Gazetteer.load(), nlp)
    drafts: list[Draft] = []
    for s_i, sent in enumerate(ctx.sentences):
        if drafts:
            attach_responsibility(ctx, sent, drafts)
        found = []
        for trig, types, cue in find_triggers(ctx, sent):
            found.extend(drafts_for(ctx, s_i, trig, types, cue))
        found = prefer_territory(protest_interventions(ctx, without_causes(found)))
        found = _dispersal_of_protest_before(ctx, drafts, found, s_i, sent)
        if found:  # "...; Al Shabaab said it carried out the attack": a claim in the same sentence
            attach_responsibility(ctx, sent, found)
        found = _continue_narrative(drafts, found, s_i)
        if found:
            drafts.extend(found)
            news = [d for d in found if not d.background and d.toponym is not None
                    and ctx.gazetteer.entry(d.toponym.entry).feature == "P"]
            if news:
                ctx.last_news = news[0].toponym
        elif drafts:  # a sentence with no event of its own may still speak of the ones before
            attach_anaphoric_claim(ctx, s_i, sent, drafts)
            # the events of the sentence before, or of the one before that when the sentence
            # between told none ("X attacked Y. Heavy fighting continued. 12 were killed.")
            recent = max(d.sentence for d in drafts)
            last = [d for d in drafts if d.sentence == recent] if s_i - recent <= 2 else []
            for d in last:  # "Hundreds protested in X. Police fired tear gas to disperse them."
                if d.sub_event_type == "Peaceful protest":
                    intervene(ctx, d, sent)
            deaths = trailing_fatalities(sent) if last else None
            if deaths is not None:
                # "... attacked a police station in X. 3 officers were killed." / ACLED's
                # "4 fatalities.": the deaths of the event told in the sentence before
                for d in last:
                    if d.fatalities is None:
                        d.fatalities = deaths
    if document.published is None:
        # an undated text (an ACLED note, a snippet): an event told with no date of its own
        # happened on the last full date the text gave before it ("On 8 March 2022, ... Police
        # detained 12.")
        for d in drafts:
            if d.time is None and not d.background:
                d.time = next((tm for tm in reversed(ctx.times) if tm.expr.kind == "absolute"
                               and tm.start < d.trigger.idx and len(tm.expr.value) == 3), None)
    mentions = merge_within_document([to_mention(ctx, k, d) for k, d in enumerate(drafts)])
    return mentions, find_figures(ctx)


def trailing_fatalities(sent) -> int | None:
    """Deaths a sentence reports on its own, with no event of its own: "4 fatalities.",
    "Three soldiers were killed.", "Two of them died later in hospital"."""
    kinds = lex()["figure_kinds"]
    kills = []
    doc, cols = sent.doc, columns(sent.doc)
    for i in range(sent.start, sent.end):  # (a Token only for the words that may count deaths)
        lemma = cols.lemma[i].lower()
        fatalities = lemma in ("fatality", "fatalities") or cols.lower[i] in ("fatality", "fatalities")
        if not fatalities and kinds.get(lemma) != "killed":
            continue
        t = doc[i]
        if fatalities:
            for c in t.children:
                if c.dep_ in ("nummod", "quantmod") or c.like_num:
                    return _number(c)
            if t.i > sent.start and t.doc[t.i - 1].like_num:
                return _number(t.doc[t.i - 1])
        elif kinds.get(lemma) == "killed" and t.pos_ in ("VERB", "AUX"):
            kills.append(t)
    for t in kills:
        if is_cumulative(None, t):
            continue  # "hundreds have been killed since the assault began": a running total
        n = fatalities_for_verb(t)
        if n is not None:
            return n
    return None


# -- drafts -------------------------------------------------------------------------------

def drafts_for(ctx: DocContext, s_i: int, trig, types: list[str], cue: str) -> list[Draft]:
    L = lex()
    tax = taxonomy()
    verbal = is_verbal(trig)
    if verbal and trig.dep_ in ("amod", "compound") and not (
            set(types) & set(TERRITORY) and trig.head.lower_ in cues()["settlement_nouns"]):
        return []  # "bombed-out buildings": a description, not an event ("the captured villages of X" is one)
    # "200 people protested in X": spaCy sometimes attaches a finite past verb to its subject
    # as a clause; a past-tense form (not a participle) is still the sentence's predicate
    predicate = verbal and (trig.dep_ in PREDICATE_DEPS or (trig.dep_ == "acl" and (
        trig.tag_ == "VBD" or all(tax[t].event_type in ("Protests", "Riots") for t in types))))
    # "held a sit-in", "imposed a curfew", "staged a march": the noun is what the predicate did
    predicate = predicate or (trig.pos_ == "NOUN" and trig.dep_ in ("dobj", "nsubjpass")
                              and trig.head.pos_ == "VERB" and trig.head.dep_ in PREDICATE_DEPS
                              and lemma_of(trig.head) in LIGHT_VERBS)
    # "placed two leaders under arrest", "taken into custody": the state the verb put them in
    predicate = predicate or (trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ in ("under", "into")
                              and trig.head.head.pos_ == "VERB" and trig.head.head.dep_ in PREDICATE_DEPS
                              and types == ["Arrests"])
    # "held a protest caravan", "staged a protest march": the event noun modifies the object
    predicate = predicate or (trig.pos_ == "NOUN" and trig.dep_ == "compound" and trig.head.dep_ in ("dobj", "nsubjpass")
                              and trig.head.head.pos_ == "VERB" and trig.head.head.dep_ in PREDICATE_DEPS
                              and lemma_of(trig.head.head) in LIGHT_VERBS)
    # "a march took place in X", "the rally drew thousands", "the sit-in continued": a gathering
    # is the subject of a verb that says it happened
    crowd_event = all(tax[t].event_type in ("Protests", "Riots") for t in types)
    predicate = predicate or (crowd_event and trig.pos_ in ("NOUN", "PROPN") and trig.dep_ in ("nsubj", "nsubjpass")
                              and trig.head.pos_ == "VERB" and trig.head.dep_ in PREDICATE_DEPS
                              and lemma_of(trig.head) in L["occurrence"])
    # "drove in a procession to city hall", "participated in a sit-in"
    predicate = predicate or (crowd_event and trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ == "in"
                              and trig.head.head.pos_ == "VERB" and trig.head.head.dep_ in PREDICATE_DEPS
                              and lemma_of(trig.head.head) in L["joining"])
    # "turned the conference centre into their headquarters"
    predicate = predicate or (trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ in ("into", "as")
                              and trig.head.head.pos_ == "VERB" and lemma_of(trig.head.head) in CONVERT_VERBS)
    if not predicate:
        types = [t for t in types if tax[t].event_type not in L["predicate_only"]]
        if not types:
            return []
    territory = bool(set(types) & set(TERRITORY))
    if territory and verbal and any(c.dep_ == "dobj" and (c.lemma_.lower() in PERSON_NOUNS | STAFF
                                                          or c.i in ctx.actor_at and ctx.actor_at[c.i].info.inter == 7)
                                    for c in trig.children):
        # "seized a priest", "took five villagers": people taken are abducted (or arrested), not a place
        types = ["Abduction/forced disappearance", "Arrests"]
        territory = False
    if territory and verbal and _takes_a_vehicle(trig):
        return []  # "seized the oil tanker": a vessel or a vehicle taken is no territory
    lemma = lemma_of(trig)
    if trig.pos_ == "NOUN" and lemma in L["campaign"] and lemma not in L["battle_nouns"]:
        return []
    if verbal and trig.dep_ in ("amod", "compound"):
        return _participle_draft(ctx, s_i, trig, types, cue)
    if verbal and trig.dep_ == "acl" and trig.tag_ == "VBG":
        return []  # "the militias fighting alongside them": a description of who they are
    if trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.lower_ in ("by", "with", "under") and (
            trig.head.head.lemma_.lower() in L["support_verbs"] | L["support"]):
        return []  # "backed by Russian air cover", "with support from drones": help to another act
    if _seized_object(trig):
        return []  # "seized ... grenades", "defused a device planted under a bridge": not their use
    mod, operation = modality(ctx, trig)
    if mod == "attempt" and set(types) <= {CHANGE} and trig.dep_ == "xcomp" and lemma_of(trig.head) in L["resolving"]:
        mod = ""  # "decided to disband", "voted to dissolve": for a group the decision is the change
    if mod in ("negated", "hypothetical") or (mod == "durative" and not (
            all(tax[t].event_type == "Protests" for t in types) and trig.head.pos_ == "VERB"
            and lemma_of(trig.head) in LIGHT_VERBS)):
        return []  # (but "continued the demonstrations" is a protest that day, as ACLED codes it)
    if mod == "attempt" and not (set(types) & INTERVENTION_TYPES):
        # "fired tear gas to disperse them": the dispersal was tried, and trying is the intervention
        if territory and operation is not None:
            return _operation_draft(ctx, s_i, trig, operation)
        if territory and trig.head.pos_ == "VERB" and lemma_of(trig.head) in TRIED and not any(
                c.dep_ in ("aux", "neg") and (c.lower_ in lex()["modals"] or c.dep_ == "neg") for c in trig.head.children):
            return _operation_draft(ctx, s_i, trig, trig)  # "tried to retake X but were pushed back"
        return []
    if is_cumulative(ctx, trig) and not all(tax[t].event_type in ("Protests", "Riots") for t in types):
        return []  # ("thousands rallied" is a crowd, not a running total)
    claimant, stance, att_verb = attribution(ctx, trig)
    if att_verb is not None and any(c.dep_ == "neg" for c in att_verb.children):
        return []  # "the agency did not report the loss": neither a claim nor a denial
    verb = clause_head(trig)
    # a disaster, a crash, a crime or a verdict is often what people march about ("against the
    # handling of the pandemic", "in memory of the victims of the collision"): not for protests
    protest = all(tax[t].event_type == "Protests" for t in types)
    if (not protest and _non_event_context(trig, ctx)) or _abstract_target(trig) or _talked_about(trig) \
            or _accused_of(trig):
        return []
    actor1, actor2 = roles(ctx, trig, verb, territory)
    tm = time_for(ctx, trig)
    if trig.pos_ == "NOUN" and lemma in L["battle_nouns"] and (tm is None):
        return []
    if tm is None:
        tm = history_year(ctx, trig)
    background = is_background(ctx, trig, tm)
    if (background or (tm is not None and explicit_year(tm.expr))) and _long_ago(ctx, trig, tm):
        return []  # history told for context ("ten years after X abducted ...", "the 2015 attack")
    day = _day_of(ctx, tm)  # who the actors were then (the Taliban before and after 2021)
    actor1, actor2 = ctx.lexicon.as_of(actor1, day), ctx.lexicon.as_of(actor2, day)
    if territory and actor1 is None and verbal:
        subj, voice = subject_of(trig)
        common = subj is not None and (subj.pos_ == "NOUN" or (  # ("Calm" opening a sentence is tagged PROPN)
            subj.pos_ == "PROPN" and subj.is_sent_start and name_key(subj.text) not in ctx.gazetteer.keys))
        if voice == "active" and common and subj.i not in ctx.toponym_at \
                and subj.lower_ not in cues()["settlement_nouns"]:
            return []  # "calm returned to the city": the subject takes nothing
    if (territory or NONVIOLENT_TERRITORY in types) and verbal and any(
            c.dep_ == "nsubjpass" and c.lemma_.lower() in lex()["people"] | STAFF
                                    for c in trig.children):
        return []  # "the staff had been evacuated": people moved, not a place handed over
    top, anaphoric = place_for(ctx, trig, territory=territory)
    if top is None and not territory and predicate and not background \
            and (actor1 is not None or _names_unknown_town(trig)) \
            and trig.dep_ != "pcomp" and NONVIOLENT_TERRITORY not in types:
        top = _country_of_report(ctx, trig)  # (a withdrawal needs its place)
    if top is None:
        return []
    cc = ctx.gazetteer.entry(top.entry).country_code  # where it happened
    at_protest = _at_protest(trig, ctx)
    if not at_protest and INTERVENTION in types and any(
            (t.pos_ == "VERB" and t.lemma_.lower() in GATHERING_VERBS or t.lower_ in ("crowd", "crowds", "supporters"))
            and t.i != trig.i for t in trig.sent):
        at_protest = True  # tear gas and batons against people who had gathered: a crowd dispersed
    if "Peaceful protest" in types and all(taxonomy()[t].event_type in ("Protests", "Riots") for t in types):
        actor2 = None  # "protested against the rebel advance": the target, not a party
    crowd = _crowd_of_rioters(ctx, trig, verb, types, actor1)
    if crowd is not None:
        actor1 = crowd
    if EXCESSIVE_FORCE in types and actor2 is None and at_protest:
        actor2 = ctx.lexicon.generic_actor("protesters", cc)
    if INTERVENTION in types:
        actor1, actor2 = _protesters_first(ctx, actor1, actor2, at_protest, cc)
    protesting = None
    if "Peaceful protest" in types and (actor1 is None or actor1.info.inter == 7):
        # "students marched", "residents rallied": people who protest are protesters (ACLED
        # names who they are among the associated actors)
        protesting = actor1
        actor1 = ctx.lexicon.generic_actor("protesters", cc)
    if actor2 is None and set(types) & {ATTACK, ARMED_CLASH}:
        # "an attack on a village left 12 civilians dead": the civilians the sentence names
        victims = {t.i for t in trig.subtree} | {
            t.i for t in trig.sent if lex()["figure_kinds"].get(t.head.lemma_.lower()) in ("killed", "wounded")
            or t.head.lemma_.lower() == "leave"}
        actor2 = next((ctx.actor_at[t.i] for t in trig.sent if t.i in ctx.actor_at and t.i in victims
                       and t.dep_ in ("dobj", "pobj", "nsubjpass", "conj")
                       and ctx.actor_at[t.i].info.inter == 7 and ctx.actor_at[t.i] is not actor1), None)
    sub = choose_type(ctx, trig, types, actor1, actor2, cc)
    if not sub:
        return []
    if sub == INTERVENTION:  # ("police attacked the protesters with tear gas")
        actor1, actor2 = _protesters_first(ctx, actor1, actor2, at_protest, cc)
    if sub == "Headquarters or base established" and verbal and (
            trig.dep_ == "relcl" or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") for c in trig.children)):
        return []  # "where US troops are stationed": where a force is, not that it arrived
    if sub == "Arrests" and actor1 is not None and actor1.info.inter == 1 and actor1.country and cc \
            and actor1.country != cc:
        # the codebook: arrests are a state's within its own jurisdiction; people a foreign force
        # detains ("Russian soldiers detained the mayor of Melitopol") are abducted
        sub = "Abduction/forced disappearance"
    if sub == "Arrests" and actor1 is None:
        # "dozens were arrested": the codebook's arrests are made by state forces, the police
        actor1 = ctx.lexicon.generic_actor("police", cc)
    riot_actor = actor1 is not None and actor1.info.inter in (5, 6)
    if sub in (ARMED_CLASH, ATTACK) and (riot_actor or crowd is not None or (
            _crowd_subject(verb) and not is_armed(actor1))):  # ("armed youths clashed": a militia)
        # demonstrators or a crowd who storm a building, clash with police or beat a man are
        # rioting (a mob, below, when they turn on people)
        sub = VIOLENT_DEMO
        if not riot_actor:
            actor1 = ctx.lexicon.generic_actor("rioters", cc)
    if sub == "Looting/property destruction" and actor1 is not None and actor1.info.inter in (5, 6):
        # the codebook: rioters who loot or burn are rioting; looting as a strategic development
        # is the work of armed groups
        sub = VIOLENT_DEMO
        if actor1.info.inter == 6:
            actor1 = ctx.lexicon.generic_actor("rioters", cc)
    if sub == ARMED_CLASH and actor2 is not None and actor2.info.inter == 7:
        sub = ATTACK  # the codebook: a battle needs two armed sides; violence on civilians is an attack
    if sub in (VIOLENT_DEMO, MOB):
        # the codebook: rioters who turn on people (a lynching, a beating to death, an attack on
        # civilians) are a mob; rioters who clash with police or wreck property demonstrate violently
        # and a mob that is no demonstration ("a mob set fire to churches") is mob violence
        sub = MOB if _targets_people(trig, actor2) or (not at_protest and _mob_subject(verb)) else VIOLENT_DEMO
    if at_protest:
        if sub in (ATTACK, ARMED_CLASH) and (actor1 is None or actor1.info.inter in (1, 2, 3)):
            # the codebook: force that kills or could kill peaceful protesters is excessive force
            sub, actor2 = EXCESSIVE_FORCE, ctx.lexicon.generic_actor("protesters", cc)
        elif sub == "Arrests" and actor1 is not None and actor1.info.inter == 1:
            # arrests at a demonstration are the demonstration's intervention, not Arrests
            sub, actor1, actor2 = INTERVENTION, ctx.lexicon.generic_actor("protesters", cc), actor1
    if actor1 is None and (tax[sub].event_type == "Explosions/Remote violence" or sub == DISRUPTED):
        actor1 = _weapon_owner(ctx, trig, cc)
    if actor2 is None and (sub == MOB or (tax[sub].event_type == "Explosions/Remote violence"
                                          and _civilian_victims(trig))):
        # a mob's victims, and the people a strike killed or wounded, are civilians unless named
        actor2 = ctx.lexicon.generic_actor("civilians", cc)
    if actor2 is None and tax[sub].event_type == "Violence against civilians":
        # the codebook: the victims of violence against civilians are civilians, named or not
        # ("raped a woman", "abducted a priest")
        actor2 = ctx.lexicon.generic_actor("civilians", cc)
    assoc1 = support_actors(ctx, trig, actor1)
    if actor2 is None and actor1 is not None and (sub in TERRITORY or sub == NONVIOLENT_TERRITORY):
        actor2 = _former_holder(ctx, trig, actor1, assoc1)
    if sub == NONVIOLENT_TERRITORY and actor1 is not None:
        receiver = _receiver(ctx, trig)
        if receiver is not None and receiver.info.name != actor1.info.name:
            actor1, actor2 = receiver, actor1  # "handed the town over to the army": the army takes it
    actor1, actor2 = _codebook_defaults(ctx, sub, actor1, actor2, cc)
    d = Draft(s_i, trig, sub, f"trigger:{cue}", actor1=actor1, actor2=actor2, toponym=top,
              anaphoric_place=anaphoric, time=tm, background=background,
              fatalities=fatalities_for(ctx, trig), claimant=claimant, stance=stance)
    d.assoc1 = assoc1 + ([protesting] if protesting is not None else [])
    out = [d]
    if sub in TERRITORY and not anaphoric:
        for other in _coordinated_places(ctx, top):
            out.append(Draft(s_i, trig, sub, d.rule, actor1=actor1, actor2=actor2, toponym=other,
                             time=tm, background=d.background, claimant=claimant, stance=stance,
                             assoc1=d.assoc1))
    return out


def _takes_a_vehicle(verb) -> bool:
    """Whether the verb's object is a vessel or a vehicle ("the oil tanker Stena Impero")."""
    vehicles = lex()["vehicles"]
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in vehicles or any(
        g.dep_ == "compound" and g.lemma_.lower() in vehicles for g in c.children)) for c in verb.children)


def _protesters_first(ctx: DocContext, actor1, actor2, at_protest: bool, cc: str):
    """'police fired tear gas to disperse opposition supporters': in ACLED's convention the
    protesters are actor1 of a protest with intervention, the force that intervened actor2."""
    if actor1 is not None and actor1.info.inter == 1 and (
            (actor2 is None and at_protest) or (actor2 is not None and actor2.info.inter == 6)):
        return ctx.lexicon.generic_actor("protesters", cc), actor1
    return actor1, actor2


GATHERING_VERBS = frozenset({"gather", "assemble", "converge", "congregate", "flock"})
INTERVENTION_TYPES = {"Protest with intervention", "Excessive force against protesters"}
#: verbs that do what their object names ("held a rally", "imposed a curfew")
LIGHT_VERBS = frozenset({"hold", "stage", "organise", "organize", "form", "impose", "declare", "announce",
                         "sign", "conclude", "reach", "establish", "set", "launch", "carry", "begin",
                         "start", "call", "lift", "extend", "order", "complete", "decree", "proclaim",
                         "continue", "resume", "join", "lead"})  # ("continued the demonstrations")
PREDICATE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "xcomp", "relcl", "parataxis", "pcomp"}


YEARS_BACK = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                        r"\w+teen|twenty|thirty|forty|fifty|several|many)\s+years?\s+(after|ago|since|before|on)\b",
                        re.IGNORECASE)


def _day_of(ctx: DocContext, tm) -> dt.date | None:
    """The first day a time mention (or, with none, the publication) can mean."""
    return timex.resolve(tm.expr if tm else TimeExpr("none", "", ()), ctx.document.published)[0]


def _long_ago(ctx: DocContext, trig, tm) -> bool:
    """Is a background event more than a year before publication: an explicit earlier year, or
    'N years after/ago'?"""
    published = ctx.document.published
    if tm is not None and published is not None:
        start, _, _ = timex.resolve(tm.expr, published)
        if start is not None and (published - start).days > 366:
            return True
    sent = trig.sent
    return bool(YEARS_BACK.search(ctx.text[sent.start_char:trig.idx]))


#: sub-event types whose perpetrator, when the report names none, is an unidentified armed group
UNNAMED_PERPETRATOR = frozenset({IED, "Grenade", "Suicide bomb", ATTACK,
                                 "Abduction/forced disappearance", "Sexual violence"})


def _codebook_defaults(ctx: DocContext, sub: str, actor1, actor2, cc: str):
    """The codebook's actors for parties a report leaves unnamed: an attack or a bomb by no one
    named is an unidentified armed group's; those arrested, and whose property is looted or
    destroyed, are civilians unless named; a group that takes a place the report does not say
    it took from anyone took it from the state."""
    lexicon = ctx.lexicon
    if taxonomy()[sub].event_type != "Strategic developments" or sub in TERRITORY:
        # a government fights and takes towns through its forces ("the government's capture of X")
        if actor1 is not None and actor1.info.role == "government":
            actor1 = lexicon.state_forces(actor1.country or cc)
    if actor1 is None and sub in UNNAMED_PERPETRATOR:
        actor1 = lexicon.generic_actor("unidentified", cc)
    if actor2 is None and sub in ("Arrests", "Looting/property destruction") and actor1 is not None:
        actor2 = lexicon.generic_actor("civilians", cc)
    if actor2 is None and sub == "Non-state actor overtakes territory" and actor1 is not None \
            and actor1.info.inter != 1 and (not actor1.country or actor1.country == cc):
        actor2 = lexicon.state_forces(cc)
    return actor1, actor2


def _names_unknown_town(trig) -> bool:
    """'hit the northern town of Tinzaouaten': the sentence places the event in a named town,
    one the gazetteer does not know."""
    return any(t.lower_ in cues()["settlement_nouns"] and _named(t) for t in trig.sent)


def _country_of_report(ctx: DocContext, trig) -> Toponym | None:
    """An event whose sentence names no place we know ("attacked a base in Bulo Marer", a village
    the gazetteer lacks), in a report whose country is clear: placed at that country, geo
    precision 3, and said so. A capture needs its place; so does a report with no country."""
    named = {id(ctx.toponym_at[t.i]): ctx.toponym_at[t.i] for t in trig.sent if t.i in ctx.toponym_at}
    if not ctx.focus or any(not _modifies_actor(ctx, tp) and ctx.gazetteer.entry(tp.entry).country_code != ctx.focus
                            for tp in named.values()):
        return None  # a place was named and judged not to be the event's ("Sudan's army chief" is no place)
    entry = ctx.gazetteer.countries.get(ctx.focus)
    if entry is None:
        return None
    name = ctx.gazetteer.entry(entry).name
    top = Toponym(trig.idx, trig.idx, name, 0, trig.i, trig.i, [entry], entry=entry, geo_precision=3)
    top.notes.append(f"no place the gazetteer knows is named; placed at the country of the report ({name})")
    return top


def _former_holder(ctx: DocContext, trig, taker, allies):
    """Who held the place before: the codebook's actor2 of a territorial change is the side that
    lost it ("retook X after driving IS out", "entered X after Ethiopian troops withdrew") -- the
    first armed actor of the sentence that is neither the taker nor fights beside it."""
    for tok in trig.sent:
        a = ctx.actor_at.get(tok.i)
        if a is None or a is taker or a in allies or not is_armed(a) or a.info.role == "source":
            continue
        if a.info.name == taker.info.name and a.country == taker.country:
            continue  # the taker named twice
        if (a.info.inter == taker.info.inter and a.info.inter != 1) or (tok.dep_ == "poss" and tok.head.i == trig.i):
            continue  # two rebel groups side by side are allies more often than not
        return a
    return None


def _receiver(ctx: DocContext, trig):
    """The side a place is given to ("handed Manbij over to the army", "ceded the base to the
    rebels"): the actor in the "to" phrase of a verb of giving, or None."""
    if trig.lemma_.lower() not in lex()["handover"]:
        return None
    heads = [trig] + [c for c in trig.children if c.dep_ == "prt"]
    for prep in (c for h in heads for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"):
        for tok in prep.subtree:
            a = ctx.actor_at.get(tok.i)
            if a is not None and is_armed(a):
                return a
    return None


def _weapon_owner(ctx: DocContext, trig, place_country: str):
    """'Russian missiles', 'a US air strike', 'government helicopters': the state whose aircraft
    or guns struck, named only as a modifier of the weapon."""
    for tok in trig.sent:
        if tok.lemma_.lower() not in STATE_WEAPONS:
            continue
        # the weapon's modifiers and theirs ("Russian attack drones": Russian modifies attack)
        mods = [t for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i
                for t in c.subtree if t.dep_ in ("amod", "compound", "nmod", "poss")]
        for c in mods:
            if c.lower_ in ("government", "regime", "army", "military", "state"):
                return ctx.lexicon.state_forces(place_country)
            cc = ctx.lexicon.country_of_word(c.text)
            if cc:
                return ctx.lexicon.state_forces(cc)
    return None


STATE_WEAPONS = frozenset({"strike", "airstrike", "drone", "warplane", "jet", "aircraft", "helicopter",
                           "missile", "rocket", "artillery", "shell", "shelling", "bombardment", "plane",
                           "gunship", "raid", "air", "defence", "defense", "defences", "defenses"})


def _civilian_victims(trig) -> bool:
    """Does the sentence say a strike hit people who are not fighters ("killing four civilians",
    "wounding dozens of residents", "a market", "homes")?"""
    victims = lex()["people"] | CIVILIAN_PLACES
    return any(t.lemma_.lower() in victims or t.lower_ in victims for t in trig.sent)


CIVILIAN_PLACES = frozenset({"market", "school", "hospital", "home", "homes", "house", "houses", "mosque",
                             "church", "wedding", "funeral", "bus", "neighbourhood", "neighborhood",
                             "residential", "bakery", "shop", "shops", "village", "civilian",
                             "civilians", "children", "women", "family", "families"})


def _seized_object(trig) -> bool:
    """Is the trigger inside what a seizure verb took or defused ('seized rifles and grenades',
    'defused an explosive device planted under a bridge')?"""
    t = trig
    for _ in range(8):
        if t.head == t:
            return False
        if t.dep_ in ("dobj", "nsubjpass", "appos") and lemma_of(t.head) in lex()["seizure_verbs"]:
            return True
        t = t.head
    return False


def _accused_of(trig) -> bool:
    """'two men accused of carrying out a shooting attack', 'who were suspected of': what
    someone is accused of is not what the sentence reports happening. (An accusation one side
    makes, "Kyiv accused Russia of shelling X", is a claim of the event and stays.)"""
    return any(a.lemma_.lower() in ACCUSATION_VERBS and a.i < trig.i and (
        a.pos_ == "NOUN" or a.dep_ in ("acl", "amod") or any(c.dep_ in ("auxpass", "nsubjpass") for c in a.children))
        for a in trig.ancestors)  # ("on suspicion of killing his wife")


def _talked_about(trig) -> bool:
    """'praised their fight against the rebels', 'condemned the attack': an event noun that is
    only the object of praise or blame, with no event told by the sentence itself; and what a
    crowd protests about ("protesting the killing of two youths", "unrest after the killing of",
    "demanding justice for the shooting")."""
    if trig.pos_ != "NOUN":
        return False
    talk = lex()["statement_verbs"] | _grievance_words()
    t = trig
    for _ in range(3):
        if t.dep_ in ("dobj", "pobj", "conj") and lemma_of(t.head) in talk:
            return True
        if t.dep_ == "pobj" and t.head.lower_ in GRIEVANCE_PREPS and _grievance(t.head.head):
            return True
        if t.head == t:
            break
        t = t.head
    return False


GRIEVANCE_PREPS = frozenset({"after", "following", "over", "against", "for"})


@functools.lru_cache(maxsize=1)
def _grievance_words() -> frozenset[str]:
    """Words of crowds and their demands, whose object is what they protest about."""
    tax = taxonomy()
    words = set(lex()["protest_purposes"]) | {"anger", "outrage", "fury", "uproar", "justice", "unrest", "sit"}
    for name in ("Peaceful protest", "Violent demonstration"):
        words |= tax[name].verbs | tax[name].nouns
    return frozenset(words)


def _grievance(tok) -> bool:
    """A crowd's word, or a noun of one ("the second night of unrest")."""
    words = _grievance_words()
    return lemma_of(tok) in words or any(
        c.dep_ == "prep" and c.lower_ == "of" and any(lemma_of(g) in words for g in c.children) for c in tok.children)


def _abstract_target(trig) -> bool:
    """'attacked the minister's proposals', 'hit the budget': words of violence aimed at ideas."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in lex()["abstract_objects"] for c in trig.children)


def _at_protest(trig, ctx: DocContext | None = None) -> bool:
    """Does the trigger's sentence tell of a demonstration (protesters, a march, a sit-in)?"""
    cue = taxonomy()["Peaceful protest"]
    sent = trig.sent
    key = ("protest words", sent.start)
    found = ctx.memo.get(key) if ctx is not None else None
    if found is None:  # the sentence's phrases and words of protest, read once per sentence
        text = ctx.words(sent) if ctx is not None else words_of(sent)
        phrase = bool(phrases_in(text, _protest_phrases()))
        words = [t for t in _words_that_may_be(sent, cue.nouns, cue.verbs)
                 if t.lower_ in cue.nouns or t.lemma_.lower() in cue.nouns or lemma_of(t) in cue.verbs]
        found = (phrase, words)
        if ctx is not None:
            ctx.memo[key] = found
    phrase, words = found
    if phrase:
        return True  # "as thousands took to the streets"
    L = lex()
    return any(t.i != trig.i and t.pos_ != "PROPN" and not t.ent_type_  # not "12 March"
               and not (t.dep_ == "compound" and (t.head.lemma_.lower() in L["people"]
                                                  or t.head.lemma_.lower() in L["person_nouns"]))  # "protest leaders"
               and not any(c.lower_ in ("planned", "upcoming", "proposed") for c in t.children)
               and not any(a.lower_ in ("ahead", "before") for a in t.ancestors)  # not "ahead of planned marches"
               and not _reason_of(t, trig)
               for t in words)


def _words_that_may_be(sent, nouns, verbs) -> list:
    """The tokens of a sentence whose written form or lemma is one of ``nouns`` or whose lemma
    (as lemma_of reads it: an irregular form, a re- verb) may be one of ``verbs``; found from
    the document's columns, so that no Token is made for the other words."""
    doc = sent.doc
    cols, irregular = columns(doc), lex()["irregular"]
    out = []
    for i in range(sent.start, sent.end):
        low, lemma = cols.lower[i], cols.lemma[i].lower()
        if low in nouns or lemma in nouns or lemma in verbs or low in irregular or "re" + lemma in verbs:
            out.append(doc[i])
    return out


def _reason_of(tok, trig) -> bool:
    """Is ``tok`` inside the reason given for the act ("arrested a rapper over songs supporting the
    protests", "jailed for his role in the protests"), not part of the scene?"""
    for a in tok.ancestors:
        if a.i == trig.i:
            return False
        if a.lower_ == "following" or (a.dep_ == "prep" and (
                a.lower_ in ("over", "about") or (a.lower_ == "for" and a.head.i == trig.i))):
            return True  # (wherever the parser hangs "over their coverage of the protests", "following protests")
    return False


def _targets_people(trig, actor2) -> bool:
    if actor2 is not None and actor2.info.inter == 7:
        return True
    cue = taxonomy()[MOB]
    text = words_of(trig.sent)
    if lemma_of(trig) in ("lynch", "beat", "hack", "stone") or any(f" {p} " in text for p in cue.phrases):
        return True
    if actor2 is not None and actor2.info.inter == 6:
        return True  # rioters who turn on a demonstration
    objects = [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in trig.children if c.dep_ == "prep" and c.lower_ in ("to", "on") for g in c.children]
    protest = taxonomy()["Peaceful protest"].nouns
    # people, the homes of a community ("set fire to Hindu homes"), or a procession
    return any(c.lemma_.lower() in PERSON_NOUNS or c.lemma_.lower() in protest
               or (c.lemma_.lower() in DWELLINGS and any(t.ent_type_ == "NORP" for t in c.subtree)) for c in objects)


#: what a community lives and prays in ("set fire to Hindu homes"); a consulate is no community's
DWELLINGS = frozenset({"home", "house", "shop", "business", "property", "church", "mosque", "temple",
                       "village", "hut", "dwelling"})


PERSON_NOUNS = frozenset({"man", "woman", "boy", "girl", "person", "people", "suspect", "thief", "student",
                          "child", "worker", "trader", "farmer", "villager", "resident", "family", "priest",
                          "pastor", "imam", "teacher", "journalist", "doctor", "nurse", "hostage", "passenger",
                          "official", "engineer", "tourist", "businessman", "chief", "leader", "activist",
                          "citizen", "national", "foreigner", "expatriate", "missionary"})


def _who(subj):
    """The people a quantity stands for: 'thousands of people' -> people."""
    if subj is not None and (subj.like_num or subj.lower_ in ("thousands", "hundreds", "dozens", "scores")):
        return next((g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), subj)
    return subj


def _subject_among(verb, nouns) -> bool:
    """Is the clause's acting subject (the people a quantity stands for) one of ``nouns``?"""
    subj, voice = subject_of(verb)
    if subj is None or voice not in ("active", "agent"):
        return False
    subj = _who(subj)
    return subj.lemma_.lower() in nouns or subj.lower_ in nouns


def _crowd_subject(verb) -> bool:
    """Is the clause's subject a crowd ("supporters of X stormed ...", "thousands of people")?"""
    return _subject_among(verb, CROWD_NOUNS)


def _mob_subject(verb) -> bool:
    """Is the clause's subject a mob or villagers, not demonstrators or rioters?"""
    return _subject_among(verb, MOB_NOUNS)


MOB_NOUNS = frozenset({"mob", "mobs", "villagers", "residents", "locals", "vigilantes", "vigilante"})


def _crowd_of_rioters(ctx: DocContext, trig, verb, types: list[str], actor1):
    """'A mob', 'thousands of people', 'residents', 'protesters' who riot or lynch are rioters
    in the codebook's terms; None when the violence is not a riot's or the actor is organised."""
    if not any(taxonomy()[t].event_type == "Riots" for t in types):
        return None
    in_crowd = actor1 is not None and actor1.head >= 0 and any(
        a.lower_ in ("crowd", "mob", "crowds") for a in ctx.parsed[actor1.head].ancestors)  # "a crowd of vigilantes"
    if actor1 is not None and actor1.info.inter not in (6, 7) and not in_crowd:
        return None
    if actor1 is None and not _subject_among(verb, lex()["people"] | CROWD_NOUNS):
        return None
    return ctx.lexicon.generic_actor("rioters", ctx.focus)


CROWD_NOUNS = frozenset({"crowd", "crowds", "youth", "youths", "mob", "people", "residents", "resident",
                         "villagers", "students", "student", "supporters", "supporter", "locals",
                         "protesters", "demonstrators", "activists", "activist", "fans", "workers"})


def _participle_draft(ctx: DocContext, s_i: int, trig, types: list[str], cue: str) -> list[Draft]:
    """'the captured villages of X on the outskirts of Y': the noun carries the place, the
    clause around it the actor, the sentence the date."""
    from frontlines.code.events import _place_in
    if lemma_of(trig) in lex()["state_participles"]:
        return []  # "the occupied town of X", "the besieged city": a standing state, not an event
    noun = trig.head
    verb = clause_head(noun)
    # the place hangs off the noun ("villages of X near Y") or off its clause ("patrolled the
    # captured villages ... on the outskirts of Y")
    top = _place_in(ctx, noun, noun, True) or (_place_in(ctx, verb, verb, True) if verb != noun else None)
    if top is None:
        return []
    subj, voice = subject_of(verb)
    actor1 = actor_in(ctx, subj) if voice in ("active", "agent") else None
    sub = choose_type(ctx, trig, types, actor1, None, ctx.gazetteer.entry(top.entry).country_code)
    tm = time_for(ctx, trig, anywhere=True)
    claimant, stance, _ = attribution(ctx, verb)
    return [Draft(s_i, trig, sub, f"participle:{cue}", actor1=actor1, toponym=top, time=tm,
                  background=is_background(ctx, trig, tm), claimant=claimant, stance=stance)]


def _operation_draft(ctx: DocContext, s_i: int, trig, operation) -> list[Draft]:
    """'began an operation to retake X': the operation is fighting at X, not a capture."""
    L = lex()
    start = operation.head
    if lemma_of(start) not in L["starts"] and lemma_of(start) not in TRIED:
        return []
    subj, _ = subject_of(start)
    actor1 = actor_in(ctx, subj)
    top, anaphoric = place_for(ctx, trig, territory=True)
    if top is None:  # "positions near X": a clash is placed where the fighting was
        top, anaphoric = place_for(ctx, trig, territory=False)
    if top is None:
        return []
    claimant, stance, _ = attribution(ctx, start)
    tm = time_for(ctx, start)
    sub = ARMED_CLASH
    if (actor1 is not None and actor1.info.inter in (5, 6)) or (actor1 is None and _crowd_subject(start)):
        # "demonstrators attempted to take over the airport": a crowd's try is a riot, not a battle
        sub, actor1 = VIOLENT_DEMO, ctx.lexicon.generic_actor("rioters", ctx.gazetteer.entry(top.entry).country_code)
    d = Draft(s_i, start, sub, f"operation-to:{lemma_of(trig)}", actor1=actor1, toponym=top,
              anaphoric_place=anaphoric, time=tm, background=is_background(ctx, start, tm),
              claimant=claimant, stance=stance)
    d.assoc1 = support_actors(ctx, start, actor1)
    return [d]


NON_EVENT_KINDS = ("natural_disasters", "accidents", "ordinary_crime", "sports", "judicial")
TRIED = frozenset({"try", "attempt"})
CONVERT_VERBS = frozenset({"turn", "convert", "transform", "use", "make", "establish", "set"})
STAFF = frozenset({"staff", "employee", "employees", "worker", "workers", "patient", "patients", "diplomat",
                   "diplomats", "personnel", "crew", "student", "students", "tourist", "tourists"})  # an attempt made (not planned or threatened) is fighting
ACCUSATION_VERBS = {"accuse", "suspect", "allege", "convict", "charge",
                    "suspicion", "accusation", "allegation"}  # ("beat him on suspicion of smuggling")
CAUSE_MARKERS = {"after", "before", "since", "because", "following"}
#: what violence avenges is its motive, not its nature ("killed 5 civilians in reprisal for cattle theft")
MOTIVE_NOUNS = {"reprisal", "retaliation", "revenge", "retribution"}
#: words whose phrase says what someone is accused of or avenges, not what happened
SET_ASIDE_WORDS = frozenset(ACCUSATION_VERBS | MOTIVE_NOUNS)


@functools.lru_cache(maxsize=1)
def _non_event_cues() -> frozenset[str]:
    cues_ = set()
    for kind in NON_EVENT_KINDS:
        cues_ |= taxonomy().non_events.get(kind, frozenset())
    return frozenset(cues_)


@functools.lru_cache(maxsize=1)
def _non_event_phrases() -> tuple[tuple[str, str, str], ...]:
    return phrase_table(_non_event_cues())


@functools.lru_cache(maxsize=1)
def _protest_phrases() -> tuple[tuple[str, str, str], ...]:
    return phrase_table(taxonomy()["Peaceful protest"].phrases)


@functools.lru_cache(maxsize=1)
def _judicial_cues() -> frozenset[str]:
    nev = taxonomy().non_events
    return nev.get("judicial", frozenset()) | nev.get("judicial_verbs", frozenset())


@functools.lru_cache(maxsize=1)
def _non_event_verbs() -> frozenset[str]:
    nev = taxonomy().non_events
    return nev.get("accident_verbs", frozenset()) | nev.get("judicial_verbs", frozenset())


def _non_event_context(trig, ctx: DocContext | None = None) -> bool:
    """An earthquake that killed, a road accident, a robbery: not political violence."""
    cues_ = _non_event_cues()
    sent = trig.sent
    if ctx is not None:
        # most sentences hold no cue at all: look once per sentence before looking closer
        key = ("non-event cue", sent.start)
        if key not in ctx.memo:
            cols = columns(ctx.parsed)
            lemmas = {w for i in range(sent.start, sent.end) for w in (cols.lemma[i].lower(), cols.lower[i])}
            text = ctx.words(sent)
            ctx.memo[key] = bool(lemmas & (cues_ | _non_event_verbs())) or bool(phrases_in(text, _non_event_phrases()))
        if not ctx.memo[key]:
            return False
    sent = ctx.tokens(sent) if ctx is not None else list(sent)
    # what a victim was accused of ("lynched a man accused of theft") is not what happened; what
    # someone is arrested on suspicion of is what the arrest is about ("on suspicion of killing
    # his wife": police work, not political)
    for_arrest = lemma_of(trig) in taxonomy()["Arrests"].verbs
    accused = set() if for_arrest else \
        {d.i for t in sent if t.lemma_.lower() in SET_ASIDE_WORDS
         for d in (t.head.subtree if t.dep_ == "amod" else t.subtree)} - {trig.i}  # (and "alleged theft")
    # a court's act told as what the event followed ("clashed with police after he was
    # sentenced") does not make the event a court story
    trig_at = {trig.i, *(a.i for a in trig.ancestors)}
    cause = {d.i for t in sent if t.dep_ == "advcl" and t.i not in trig_at and any(
        m.dep_ == "mark" and m.lower_ in CAUSE_MARKERS for m in t.children) for d in t.subtree}
    judicial = _judicial_cues()
    # what violence followed is its motive, not its nature ("threw a grenade after the owner
    # refused to pay extortion money"); what an arrest followed is what it was for ("arrested
    # after he stabbed his wife" is police work), unless that was a court's act
    motive_only = not for_arrest

    def set_aside(w: str) -> bool:
        return motive_only or w in judicial

    nouns = [t for t in sent if t.pos_ == "NOUN" and t.i not in accused]
    words = {t.lemma_.lower() for t in nouns} | {t.lower_ for t in nouns}
    words -= {w for t in nouns if t.i in cause for w in (t.lemma_.lower(), t.lower_) if set_aside(w)}
    if words & cues_:
        return True
    # a verb of accident or of a court counts in the trigger's own clause, or in a clause that
    # says how it happened ("died when a mine collapsed")
    verbs = _non_event_verbs()
    own = [trig, *trig.ancestors] + [c for c in trig.children if c.dep_ in ("conj", "advcl")]
    if any(t.pos_ == "VERB" and t.lemma_.lower() in verbs and t.i not in accused | cause for t in own):
        return True
    text = words_of([t for t in sent if t.i not in accused])
    outside = words_of([t for t in sent if t.i not in accused | cause])
    return any(not set_aside(c) for c in phrases_in(text, _non_event_phrases())) or \
        any(set_aside(c) for c in phrases_in(outside, _non_event_phrases()))


def roles(ctx: DocContext, trig, verb, territory: bool):
    """actor1 (who acted) and actor2 (against whom) from the clause's syntax."""
    actor1 = actor2 = None
    if trig.pos_ in ("VERB", "AUX") or trig.tag_.startswith("VB"):
        subj, voice = subject_of(trig)
        if voice in ("active", "agent"):
            actor1 = actor_in(ctx, subj)
            if actor1 is None and subj is not None and subj.pos_ == "PRON":
                # "the army says it retakes X": the pronoun is the speaker
                _, _, said = attribution(ctx, trig)
                if said is not None:
                    speaker, _ = subject_of(said)
                    actor1 = actor_in(ctx, speaker)
            if actor1 is not None and subj is not None and lemma_of(trig) in lex()["reciprocal"]:
                for c in subj.children:
                    other = actor_in(ctx, c) if c.dep_ == "conj" else None
                    # "the army and ELN guerrillas clashed": two sides; "police and military
                    # forces fired": one side (same kind of actor), not a fight between them
                    if other is not None and other is not actor1 and other.info.inter != actor1.info.inter:
                        actor2 = other
        if voice == "agent":
            for c in trig.children:
                if c.dep_ == "nsubjpass":
                    actor2 = actor_in(ctx, c)
        if voice == "passive":
            for c in trig.children:
                if c.dep_ == "nsubjpass":
                    actor2 = actor_in(ctx, c)
            for t in trig.subtree:  # "killed in an air strike by X"
                if t.dep_ == "prep" and t.lower_ == "by" and t.head.pos_ == "NOUN" and actor1 is None:
                    actor1 = next((actor_in(ctx, g) for g in t.children if g.dep_ == "pobj"), None)
        if lemma_of(trig) in cues()["place_subject_verbs"]:
            for c in trig.children:
                if c.dep_ == "prep" and c.lower_ == "to":
                    actor1 = next((actor_in(ctx, g) for g in c.children if g.dep_ == "pobj"), None)
        for c in trig.children:
            if c.dep_ == "dobj" and actor2 is None and not territory:
                actor2 = actor_in(ctx, c)
            if c.dep_ == "prep" and c.lower_ in ("against", "with", "from") and actor2 is None:
                for g in c.children:
                    if g.dep_ == "pobj":
                        a = actor_in(ctx, g)
                        if a is not None and a is not actor1 and is_armed(a):
                            actor2 = a
            if c.dep_ == "prep" and c.lower_ in ("at", "on", "upon") and actor2 is None:
                # "threw stones at security forces", "fired on protesters": the target
                for g in c.children:
                    if g.dep_ == "pobj":
                        a = actor_in(ctx, g)
                        if a is not None and a is not actor1:
                            actor2 = a
    else:
        children = list(trig.children)
        if trig.dep_ in ("nsubj", "nsubjpass"):  # "fighting erupted between X and Y"
            children += [c for c in trig.head.children if c.dep_ == "prep" and c.lower_ == "between"]
        for c in children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in ctx.actor_at:
                actor1 = ctx.actor_at[c.i]
            if c.dep_ == "prep" and c.lower_ == "between":
                actor1, actor2 = _sides_between(ctx, c) or (actor1, actor2)
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "against", "on", "with"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        a = actor_in(ctx, g)
                        if a is None:
                            continue
                        if c.lower_ == "by":
                            actor1 = actor1 or a
                        elif a is not actor1:
                            actor2 = actor2 or a
        if actor2 is None and trig.dep_ == "nsubj" and trig.head.pos_ == "VERB":
            # "a roadside bomb killed four soldiers", "an air strike hit a rebel position": the
            # object of what the weapon or attack did is its target
            actor2 = next((a for c in trig.head.children if c.dep_ == "dobj"
                           for a in [actor_in(ctx, c)] if a is not None and a is not actor1), None)
        if actor1 is None and (trig.dep_ in ("dobj", "attr", "conj") and trig.head == verb
                               or trig.dep_ == "pobj" and trig.head.head == verb and trig.head.lower_ == "in"):
            subj, voice = subject_of(verb)
            if voice in ("active", "agent", "passive") and subj is not None:
                actor1 = actor_in(ctx, subj)
                for c in subj.children:
                    if c.dep_ == "conj" and actor_in(ctx, c) is not None and actor_in(ctx, c) is not actor1:
                        actor2 = actor2 or actor_in(ctx, c)
    cols = columns(ctx.parsed)
    if actor2 is None and any(cols.lemma[i].lower() in ("target", "aim") for i in range(verb.left_edge.i, verb.right_edge.i + 1)):
        # "an IED exploded targeting a police vehicle", "an ambush aimed at an army convoy"
        for t in verb.subtree:
            if t.pos_ == "VERB" and t.lemma_.lower() in ("target", "aim") and t.i != trig.i:
                objs = [c for c in t.children if c.dep_ == "dobj"] + [
                    g for c in t.children if c.dep_ == "prep" and c.lower_ == "at" for g in c.children]
                actor2 = next((a for o in objs for a in [actor_in(ctx, o)] if a is not None and a is not actor1), None)
                if actor2 is not None:
                    break
    if actor1 is None and actor2 is None:
        # "fighting broke out between the RSF and the army", "clashes took place between X and Y"
        heads = [trig] + ([trig.head] if trig.dep_ in ("nsubj", "nsubjpass", "dobj") or trig.pos_ != "VERB" else [])
        for c in [g for h in heads for c in h.children for g in (c, *(c.children if c.dep_ in ("nsubj", "attr") else ()))]:
            if c.dep_ == "prep" and c.lower_ == "between":
                actor1, actor2 = _sides_between(ctx, c) or (None, None)
                break
    if actor1 is not None and actor1.info.role == "source":
        actor1 = None
    if actor2 is not None and actor2.info.role in ("source", "government"):
        actor2 = None  # ("spying for the government": a government is an actor, not a target)
    return actor1, actor2


def _sides_between(ctx: DocContext, prep):
    """The two sides named in 'between X and Y' (None when it names no actor)."""
    names = []
    for g in prep.subtree:
        a = ctx.actor_at.get(g.i)
        if a is not None and (not names or a is not names[-1]):
            names.append(a)
    if not names:
        return None
    return names[0], (names[1] if len(names) > 1 else None)


def _coordinated_places(ctx: DocContext, top) -> list:
    """Other towns coordinated with the chosen one: 'such as X and Y', 'X and Y'."""
    doc = ctx.parsed
    head = doc[top.tok_end - 1]
    out = []
    for t in head.subtree:
        other = ctx.toponym_at.get(t.i)
        if other is not None and other is not top and other not in out and t.dep_ in ("conj", "appos") \
                and ctx.gazetteer.entry(other.entry).feature == "P":
            out.append(other)
    return out




def protest_interventions(ctx: DocContext, drafts: list[Draft]) -> list[Draft]:
    """'Hundreds protested in X, and police fired tear gas to disperse them': one event, a protest
    with intervention, the intervening state force as actor2."""
    for d in drafts:
        if d.sub_event_type == "Peaceful protest":
            intervene(ctx, d, d.trigger.sent)
    # the codebook: demonstrators who turn violent make a violent demonstration, whether or not
    # the police then intervene ("threw stones and set fire to vehicles, and police used tear gas")
    riots: dict[int, Draft] = {}
    for d in drafts:
        if d.sub_event_type == VIOLENT_DEMO:
            riots.setdefault(d.sentence, d)  # the first violent act the sentence tells
    for riot in riots.values():
        if riot.actor2 is None:
            riot.actor2 = _intervening_force(ctx, riot.trigger.sent)  # ("..., and police used tear gas")
    # force used on the crowd in the same sentence makes the protest that force's event
    # ("five protesters were shot dead ... as tens of thousands marched")
    forced = {d.sentence for d in drafts if d.sub_event_type in (INTERVENTION, EXCESSIVE_FORCE)}
    # the same force told twice ("fired tear gas at protesters, injuring several") is one event:
    # excessive force only when it killed or could kill, otherwise the intervention
    lethal = {d.sentence for d in drafts if d.sub_event_type == EXCESSIVE_FORCE
              and (d.fatalities or _lethal_force(ctx, d.trigger.sent))}
    dispersed = {d.sentence for d in drafts if d.sub_event_type == INTERVENTION}
    kept = []
    for d in drafts:
        if d.sub_event_type == "Peaceful protest" and d.sentence in forced and d.sentence not in riots:
            continue
        if d.sentence not in riots and d.sentence in dispersed and (
                (d.sub_event_type == EXCESSIVE_FORCE and d.sentence not in lethal)
                or (d.sub_event_type == INTERVENTION and d.sentence in lethal)):
            continue
        riot = riots.get(d.sentence)
        # the force told after the riot, or deaths by no one the text names ("..., and nine
        # people were killed"), are the riot's
        if riot is not None and (
                (d.sub_event_type in (INTERVENTION, EXCESSIVE_FORCE, "Peaceful protest") and riot.trigger.i < d.trigger.i)
                or (d.sub_event_type == ATTACK and (d.actor1 is None or d.actor1.start < 0))):
            if d.fatalities:
                riot.fatalities = max(riot.fatalities or 0, d.fatalities)
            continue
        kept.append(d)
    return kept


def _dispersal_of_protest_before(ctx: DocContext, drafts: list[Draft], found: list[Draft], s_i: int, sent):
    """'Hundreds gathered in X. Riot police used tear gas to disperse them and arrested several
    people.': the dispersal and its arrests are the protest's intervention, not events of their
    own, when the sentence tells nothing else."""
    protests = [d for d in drafts if d.sentence == s_i - 1 and d.sub_event_type == "Peaceful protest"]
    if not protests or not found or any(d.sub_event_type not in (INTERVENTION, "Arrests") for d in found):
        return found
    if intervene(ctx, protests[0], sent):
        return []
    return found


def intervene(ctx: DocContext, d: Draft, sent) -> bool:
    """If state forces act against the protest in ``sent`` (tear gas, dispersal, arrests), the
    protest becomes a protest with intervention, the force its actor2."""
    force = _intervening_force(ctx, sent)
    if force is None:
        return False
    deaths = trailing_fatalities(sent)
    if deaths or _lethal_force(ctx, sent):
        # the codebook: lethal force, or force that could kill (live fire), against
        # peaceful protesters is excessive force; the force is actor1
        protesters = d.actor1
        d.sub_event_type, d.actor1, d.actor2 = EXCESSIVE_FORCE, force, protesters
        d.fatalities = max(d.fatalities or 0, deaths or 0)
        return True
    d.sub_event_type = INTERVENTION
    d.actor2 = force
    return True


def _lethal_force(ctx: DocContext, sent) -> bool:
    """Force that kills or could kill (live fire, 'opened fire on the crowd') told in ``sent``."""
    text = ctx.words(sent)
    return any(f" {p.replace('-', ' ')} " in text for p in taxonomy()[EXCESSIVE_FORCE].phrases)


def _intervening_force(ctx: DocContext, sent):
    """The state force that acts against a crowd in ``sent`` (fires tear gas, disperses, arrests)."""
    key = ("intervening force", sent.start)
    if key in ctx.memo:
        return ctx.memo[key]
    cue = taxonomy()[INTERVENTION]
    text = ctx.words(sent)
    tails = {p.split()[-1] for p in cue.phrases if f" {p} " in text}  # "gas" of "tear gas"
    found = None
    for tok in sent:
        if not (tok.lower_ in tails or tok.lower_ in cue.nouns or lemma_of(tok) in cue.verbs):
            continue
        subj, voice = subject_of(clause_head(tok))
        force = actor_in(ctx, subj) if voice in ("active", "agent") else None
        if force is not None and force.info.inter == 1:
            found = force
            break
    ctx.memo[key] = found
    return found


def prefer_territory(drafts: list[Draft]) -> list[Draft]:
    """ACLED codes a battle that changed hands as the territory event only; one draft per
    (type, place) in a sentence."""
    places = {d.toponym.entry for d in drafts if d.sub_event_type in TERRITORY and d.toponym}
    # burning and looting told with violence in the same sentence are part of that violence
    # ("killing 5 men and setting houses on fire", "lynched her and set her house on fire")
    violent = {d.sentence for d in drafts if taxonomy()[d.sub_event_type].event_type in VIOLENT
               or d.sub_event_type == "Mob violence"}
    drafts = [d for d in drafts if not (d.sentence in violent and d.sub_event_type == LOOTING)]
    mobs = {d.sentence for d in drafts if d.sub_event_type == "Mob violence"}
    drafts = [d for d in drafts if not (d.sentence in mobs and d.sub_event_type == VIOLENT_DEMO)]
    kept: dict[tuple, Draft] = {}
    for d in sorted(drafts, key=_violence_rank):
        event_type = taxonomy()[d.sub_event_type].event_type
        if d.sub_event_type not in TERRITORY and event_type == "Battles" and d.toponym and d.toponym.entry in places:
            continue
        # one violent event per place in a sentence ("stormed the hotel, killing 21"): the most
        # specific type stands, the others lend it their actors and counts
        key = (d.sub_event_type if event_type not in VIOLENT else "violence", d.toponym.entry if d.toponym else None)
        if key in kept:
            kept[key] = _richer(kept[key], d)
        else:
            kept[key] = d
    return list(kept.values())


VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def without_causes(drafts: list[Draft]) -> list[Draft]:
    """What an event followed, told in its own clause or after "following", is its cause, not a
    second event ("set up a base near X after government forces withdrew", "clashes erupted
    after gunmen attacked", "marched following two mass shootings")."""
    heads = {d.trigger.i for d in drafts}
    return [d for d in drafts if not _cause_of_another(d.trigger, heads)]


def _cause_of_another(trig, heads: set[int]) -> bool:
    """Whether the trigger sits in an "after ..." clause of another event's trigger."""
    t = trig
    while t.head != t:
        if t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CAUSE_MARKERS for m in t.children):
            return any(a.i in heads for a in t.ancestors)
        if t.dep_ in ("pobj", "dobj", "pcomp") and t.head.lower_ in ("after", "following"):
            # "marched following two mass shootings", "set fire to homes after clashing with ..."
            return any(a.i in heads for a in t.ancestors)
        t = t.head
    return False


def _violence_rank(d: Draft) -> int:
    """Weapons first, then violence against civilians, then battles."""
    event_type = taxonomy()[d.sub_event_type].event_type
    if d.sub_event_type in SPECIFIC_VIOLENCE:
        return 0  # "stormed a college and abducted 39 students": the abduction says what happened
    return {"Explosions/Remote violence": 0, "Violence against civilians": 1, "Battles": 2}.get(event_type, 3)


SPECIFIC_VIOLENCE = {ABDUCTION, "Sexual violence", "Mob violence"}


def _richer(a: Draft, b: Draft) -> Draft:
    score = lambda d: (d.actor1 is not None) + (d.actor2 is not None) + (d.fatalities is not None) + (d.time is not None)
    killing = [d for d in (a, b) if d.sub_event_type == ATTACK and d.fatalities]
    if killing and {a.sub_event_type, b.sub_event_type} == {ATTACK, ABDUCTION}:
        # the codebook: an abduction in which people are killed is an Attack ("killing 42 and
        # abducting 6 others", "abducted and killed the governor")
        best, other = (killing[0], b if killing[0] is a else a)
    elif _blast_in_battle(a, b) or _blast_in_battle(b, a):
        best, other = (a, b) if a.sub_event_type == ARMED_CLASH else (b, a)
    elif _outcome_of_battle(a, b) or _outcome_of_battle(b, a):
        best, other = (a, b) if a.sub_event_type == ARMED_CLASH else (b, a)
        other.actor2 = None  # (the civilians a killing defaults to are no side of the battle)
    elif _violence_rank(a) != _violence_rank(b):  # the more specific type stands ("shelling hit X, killing 27")
        best, other = (a, b) if _violence_rank(a) < _violence_rank(b) else (b, a)
    else:
        best, other = (a, b) if score(a) >= score(b) else (b, a)
    best.actor1 = _named_over_default(best.actor1, other.actor1)
    best.actor2 = _named_over_default(best.actor2, other.actor2)
    best.fatalities = best.fatalities if best.fatalities is not None else other.fatalities
    best.time = best.time or other.time
    best.assoc1 = best.assoc1 or other.assoc1
    return best


def _blast_in_battle(blast: Draft, battle: Draft) -> bool:
    """'fought for the palace ..., as residents reported gunfire and explosions': explosions whose
    cause the sentence does not give are the fighting's, not a bombing of their own."""
    return (blast.sub_event_type == IED and battle.sub_event_type == ARMED_CLASH
            and blast.trigger.pos_ == "NOUN" and lemma_of(blast.trigger) in ("explosion", "blast", "detonation")
            and IED not in instrument_types(blast.trigger.sent))


def _outcome_of_battle(kill: Draft, battle: Draft) -> bool:
    """'clashed with militants, killing four of them', 'exchanged fire, killing 23 people': deaths
    told as a battle's result are the battle's, unless the text names civilians as the victims
    ("stormed the village, killing 12 villagers" is an attack)."""
    return (kill.sub_event_type == ATTACK and battle.sub_event_type == ARMED_CLASH
            and lemma_of(battle.trigger) in lex()["reciprocal"] and kill.trigger.dep_ in ("advcl", "xcomp", "conj") and kill.trigger.head.i == battle.trigger.i
            and (kill.actor2 is None or kill.actor2.start < 0 or kill.actor2.info.inter != 7
                 or _in_crossfire(kill.trigger.sent)))


def _in_crossfire(sent) -> bool:
    """'... killing two civilians caught in the crossfire'."""
    text = words_of(sent)
    return any(f" {w.replace('-', ' ')} " in text for w in lex()["crossfire"])


def _named_over_default(mine, theirs):
    """An actor the text names beats one the codebook supplied ("a bomb exploded ..., killing two
    policemen": the police, not the civilians an explosion defaults to)."""
    if mine is None or (mine.start < 0 and theirs is not None and theirs.start >= 0):
        return theirs or mine
    return mine


MEDIA_NOUNS = {"pictures", "picture", "video", "videos", "footage", "images", "photos", "photographs"}


def _refers_back(obj, L) -> bool:
    """'the victory', 'the report', 'pictures': a noun that points back to an event told before,
    not 'claims by X that Y happened', which carries its own content."""
    if not (obj.lemma_.lower() in L["anaphoric"] or obj.lower_ in L["anaphoric"]):
        return False
    if any(c.dep_ in ("acl", "relcl", "ccomp") for c in obj.children):
        return False
    if obj.lower_ in MEDIA_NOUNS:
        return True
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "these", "that", "its", "their")
               for c in obj.children)


def _continue_narrative(drafts: list[Draft], found: list[Draft], s_i: int) -> list[Draft]:
    """A sentence that names no place or date of its own goes on with the event told just
    before: it takes that event's date, and force used against the protest just told is that
    protest's intervention ("Hundreds marched in X. Police fired live rounds at them, killing
    one": one event of excessive force, not a peaceful protest and an attack)."""
    before = [d for d in drafts if d.sentence == s_i - 1 and not d.background]
    if not before:
        return found
    out = []
    for d in found:
        if not d.anaphoric_place:
            out.append(d)
            continue
        if d.time is None:
            d.time = next((b.time for b in reversed(before) if b.time is not None), None)
        protest = next((b for b in before if b.sub_event_type == "Peaceful protest"
                        and b.toponym is not None and d.toponym is not None
                        and b.toponym.entry == d.toponym.entry), None)
        if protest is not None and d.sub_event_type == INTERVENTION:
            protest.sub_event_type, protest.actor2 = INTERVENTION, d.actor2 if d.actor1 and d.actor1.info.inter == 6 else d.actor1
            continue
        if protest is not None and d.sub_event_type == EXCESSIVE_FORCE:
            drafts.remove(protest)
            d.toponym, d.anaphoric_place = protest.toponym, protest.anaphoric_place
            d.time = d.time or protest.time
            if d.actor2 is None or d.actor2.info.inter != 6:
                d.actor2 = protest.actor1
        out.append(d)
    return out


def attach_responsibility(ctx: DocContext, sent, drafts: list[Draft]) -> None:
    """'Al-Shabaab claimed responsibility', 'the Taliban claimed the attack': the group that
    claims an attack told before, by no one or by unidentified men, is its actor1."""
    group = _claimant_group(ctx, sent)
    if group is None:
        return
    last = max(d.sentence for d in drafts)
    for d in drafts:
        if d.sentence == last and (d.actor1 is None or d.actor1.info.role == "unidentified"):
            d.actor1 = group


def _claimant_group(ctx: DocContext, sent):
    """The armed group a sentence says claimed, carried out or is blamed for an attack (once per
    sentence: the coder asks before and after the sentence's own events)."""
    key = ("claimant group", sent.start)
    if key in ctx.memo:
        return ctx.memo[key]
    L = lex()
    found = None
    wanted = L["responsibility_verbs"] | {"say", "blame"}
    cols = columns(ctx.parsed)
    for i in range(sent.start, sent.end):
        if cols.pos[i] != "VERB":
            continue
        tok = ctx.parsed[i]
        lemma = lemma_of(tok)
        if lemma not in wanted or any(c.dep_ == "neg" for c in tok.children):
            continue
        group = _blamed(ctx, tok) if lemma == "blame" else None
        if group is None and lemma in L["responsibility_verbs"] | {"say"}:
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if lemma == "say":
                # "Al Shabaab said it carried out the attack"
                objs = [g for c in tok.children if c.dep_ == "ccomp" and lemma_of(c) in ("carry", "conduct", "stage")
                        and any(s.lower_ in ("it", "they") for s in c.children if s.dep_ == "nsubj")
                        for g in c.children if g.dep_ == "dobj"]
            if not any(o.lemma_.lower() in L["responsibility_nouns"] or _refers_back(o, L)
                       or (o.lemma_.lower() in taxonomy().nouns and any(d.lower_ in ("the", "this", "that")
                                                                         for d in o.children))
                       for o in objs):
                continue
            subj, voice = subject_of(tok)
            group = actor_in(ctx, subj) if voice == "active" else None
        if group is not None and is_armed(group) and not group.info.generic:
            found = group
            break
    ctx.memo[key] = found
    return found


def _blamed(ctx: DocContext, blame):
    """'blaming Boko Haram', 'blamed the attack on M23': the group a source holds responsible."""
    for c in blame.children:
        if c.dep_ == "prep" and c.lower_ == "on":
            for g in c.children:
                if g.dep_ == "pobj":
                    return actor_in(ctx, g)
    for c in blame.children:
        if c.dep_ == "dobj":
            a = actor_in(ctx, c)
            if a is not None:
                return a
    return None


def attach_anaphoric_claim(ctx: DocContext, s_i: int, sent, drafts: list[Draft]) -> None:
    """'The Observatory reported the victory', 'X confirmed the report', 'X published pictures
    showing its fighters inside Y': a claim about an event told before."""
    L = lex()
    for tok in ctx.tokens(sent):
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        stance = L["attribution"].get(lemma_of(tok))
        if stance is None:
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        if any(c.dep_ == "ccomp" for c in tok.children):
            continue  # "told X that ...": a statement of its own, not about the event told before
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if not any(_refers_back(o, L) for o in objs):
            continue
        subj, _ = subject_of(tok)
        from frontlines.code.events import claimant_name
        claimant = claimant_name(ctx, subj)
        if not claimant:
            continue
        # the towns the sentence names narrow the target ("... showing its fighters inside X");
        # a country that only qualifies the speaker ("Ukraine's military") does not
        here = {ctx.toponym_at[t.i].entry for t in ctx.tokens(sent) if t.i in ctx.toponym_at
                and ctx.gazetteer.entry(ctx.toponym_at[t.i].entry).feature == "P"
                and not _modifies_actor(ctx, ctx.toponym_at[t.i])}
        pool = [d for d in drafts if not here or (d.toponym and d.toponym.entry in here)]
        if not pool:
            continue
        pool.sort(key=lambda d: (not d.background, d.sub_event_type in TERRITORY, d.sentence))
        target = pool[-1]
        target.extra_evidence.append((s_i, claimant, stance))
        return


# -- mentions -----------------------------------------------------------------------------

def to_mention(ctx: DocContext, index: int, d: Draft) -> Mention:
    doc = ctx.document
    gaz = ctx.gazetteer
    entry = gaz.entry(d.toponym.entry)
    place = gaz.place(d.toponym.entry)
    sub = taxonomy()[d.sub_event_type]
    expr = d.time.expr if d.time else TimeExpr("none", "", ())
    start, end, precision = timex.resolve(expr, doc.published)
    if expr.kind == "none" and d.background:
        expr = TimeExpr("recent", "", ())
        start, end, precision = timex.resolve(expr, doc.published)
    country = entry.country_code

    def inter(a) -> int:
        a = ctx.lexicon.as_of(a, start)
        if a is None:
            return 0
        code = a.info.inter
        if code == 1 and a.country and country and a.country != country and not a.country_from_context:
            return 8  # state forces fighting outside their country: external forces
        return code

    def name(a) -> str:
        a = ctx.lexicon.as_of(a, start)
        if a is None:
            return ""
        if a.info.generic and a.country_from_context and country and a.info.role != "source":
            # "regime forces", "the army" with no country named: the country where it happened
            a = type(a)(a.start, a.end, a.head, a.info, country, True)
        return ctx.actor_name(a)

    sents = ctx.sentences
    sent = sents[d.sentence]
    evidence = [_evidence(doc.id, d.sentence, sent, d.claimant, d.stance)]
    for s_i, claimant, stance in d.extra_evidence:
        evidence.append(_evidence(doc.id, s_i, sents[s_i], claimant, stance))
    geo_precision = 1 if d.anaphoric_place and entry.feature == "P" else (d.toponym.geo_precision or 1)
    unknown = unknown_places(ctx, d.trigger)
    notes = list(d.toponym.notes)
    if d.toponym.unknown:  # its own note is the one below, naming its neighbours too
        notes = []
        unknown = list(dict.fromkeys([d.toponym.text, *unknown]))
    if unknown:
        notes.append(f"{', '.join(unknown)}: not in the gazetteer; placed {'near' if geo_precision == 2 else 'at'} "
                     f"{place.name}")
    actor2_inter = inter(d.actor2)
    return Mention(
        document=doc.id, index=index, event_type=sub.event_type, sub_event_type=sub.name,
        disorder_type=sub.disorder_type, actor1=name(d.actor1), inter1=inter(d.actor1),
        assoc_actor_1="; ".join(sorted({name(a) for a in d.assoc1})),
        actor2=name(d.actor2), inter2=actor2_inter,
        civilian_targeting="Civilian targeting" if actor2_inter == 7 else "",
        place=place, geo_precision=geo_precision,
        location_note="; ".join(notes) + ("; the place is named in an earlier sentence" if d.anaphoric_place else ""),
        when=expr, date_start=start, date_end=end, time_precision=precision,
        background=d.background, fatalities=d.fatalities, claimant=d.claimant, stance=d.stance,
        evidence=tuple(evidence), trigger=d.trigger.text, rule=d.rule)


def unknown_places(ctx: DocContext, trig) -> list[str]:
    """Names the trigger's sentence gives as places that the gazetteer lacks (the geoparser
    found them: "the villages of X and Y")."""
    sent = trig.sent
    return list(dict.fromkeys(t.text for t in ctx.toponyms
                              if t.unknown and sent.start_char <= t.start < sent.end_char))


def _evidence(doc_id: str, index: int, sent, claimant: str, stance: str) -> Evidence:
    raw = sent.text
    text = raw.strip()
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    return Evidence(doc_id, index, start, start + len(text), text, claimant, stance)


def _compatible(a: Mention, b: Mention) -> bool:
    if a.place is None or b.place is None or a.place_key != b.place_key:
        return False  # at a town and near it are two places
    if a.sub_event_type != b.sub_event_type:
        battle_and_capture = {a.event_type, b.event_type} == {"Battles"} and \
            (a.sub_event_type in TERRITORY) != (b.sub_event_type in TERRITORY)
        if battle_and_capture and a.date_start is not None and b.date_start is not None:
            return a.date_start <= b.date_end and b.date_start <= a.date_end
        territorial = TERRITORY + (NONVIOLENT_TERRITORY,)
        if not (a.sub_event_type in territorial and b.sub_event_type in territorial
                and (not a.actor1 or not b.actor1 or NONVIOLENT_TERRITORY in (a.sub_event_type, b.sub_event_type))):
            return False
    if not b.actor1 and b.when.kind == "none" and not a.background:
        return True  # "the town had been retaken", no taker, no date: the news event at that place
    if a.date_start is None or b.date_start is None:
        return a.when == b.when or "none" in (a.when.kind, b.when.kind)
    return a.date_start <= b.date_end and b.date_start <= a.date_end


def merge_within_document(mentions: list[Mention]) -> list[Mention]:
    """One mention per event per document: the headline, the lead and a later 'the town had
    been retaken' are one report."""
    merged: list[Mention] = []
    for m in mentions:
        fits = [cand for cand in merged if _compatible(cand, m) and (
            m.background == cand.background or not m.actor1 or not cand.actor1
            or NONVIOLENT_TERRITORY in (m.sub_event_type, cand.sub_event_type))]
        # an unnamed taker ("the town had been retaken") means the event told as news
        fits.sort(key=lambda c: (not c.background, c.index) if not m.actor1 else (0, c.index))
        target = fits[-1] if fits else None
        if target is None:
            merged.append(m)
            continue
        merged[merged.index(target)] = _merge(target, m)
    return [Mention(**{**m.__dict__, "index": k}) for k, m in enumerate(merged)]


def _merge(a: Mention, b: Mention) -> Mention:
    """a absorbs b: fields a lacks, the more precise date, all evidence.  A battle that took a
    place outranks a withdrawal from it told in the same report."""
    base = a
    if (a.sub_event_type == NONVIOLENT_TERRITORY or a.sub_event_type not in TERRITORY) and b.sub_event_type in TERRITORY:
        a, b = b, a
        base = a
    if not a.actor1 and b.actor1:
        typed = {"sub_event_type": b.sub_event_type, "event_type": b.event_type,
                 "disorder_type": b.disorder_type} if b.sub_event_type in TERRITORY else {}
        base = Mention(**{**a.__dict__, **typed, "actor1": b.actor1, "inter1": b.inter1})
    changes = {}
    if base.actor1 and b.actor1 and b.actor1 != base.actor1:
        # the other side of the same fight ("X began an operation", "Y launched an operation")
        if not base.actor2:
            changes.update(actor2=b.actor1, inter2=b.inter1, assoc_actor_2=b.assoc_actor_1)
    else:
        for f in ("actor2", "assoc_actor_1"):
            if not getattr(base, f) and getattr(b, f):
                changes[f] = getattr(b, f)
        if not base.actor2 and b.actor2:
            changes["inter2"] = b.inter2
    if not base.claimant and b.claimant:
        changes["claimant"] = b.claimant
    if base.fatalities is None and b.fatalities is not None:
        changes["fatalities"] = b.fatalities
    if timex.KIND_RANK.get(b.when.kind, 9) < timex.KIND_RANK.get(base.when.kind, 9):
        changes.update(when=b.when, date_start=b.date_start, date_end=b.date_end,
                       time_precision=b.time_precision)
    changes["background"] = a.background and b.background
    changes["evidence"] = tuple(sorted(set(a.evidence + b.evidence), key=lambda e: (e.sentence, e.start, e.stance, e.claimant)))
    return Mention(**{**base.__dict__, **changes})

