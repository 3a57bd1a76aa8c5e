"""ACLED's taxonomy, read from ``data/taxonomy.yaml``: event types, sub-event types, cues."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from frontlines.resources import load_yaml

GOV_TERRITORY = "Government regains territory"
NSA_TERRITORY = "Non-state actor overtakes territory"
TERRITORY = (GOV_TERRITORY, NSA_TERRITORY)
NONVIOLENT_TERRITORY = "Non-violent transfer of territory"
ARMED_CLASH = "Armed clash"
ATTACK = "Attack"
SHELLING = "Shelling/artillery/missile attack"
AIR_STRIKE = "Air/drone strike"
IED = "Remote explosive/landmine/IED"
SUICIDE = "Suicide bomb"
CHEMICAL = "Chemical weapon"
DISRUPTED = "Disrupted weapons use"
CHANGE = "Change to group/activity"
LOOTING = "Looting/property destruction"
ABDUCTION = "Abduction/forced disappearance"
INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
VIOLENT_DEMO = "Violent demonstration"
MOB = "Mob violence"


@dataclass(frozen=True)
class SubEventType:
    name: str
    event_type: str
    disorder_type: str
    definition: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[str, ...]
    instruments: frozenset[str]
    requires: dict = field(default_factory=dict, hash=False, compare=False)


class Taxonomy:
    def __init__(self, data: dict):
        self.types: dict[str, SubEventType] = {}
        self.verbs: dict[str, list[str]] = defaultdict(list)
        self.nouns: dict[str, list[str]] = defaultdict(list)
        self.instruments: dict[str, list[str]] = defaultdict(list)
        self.phrases: dict[str, list[str]] = defaultdict(list)
        for et in data["event_types"]:
            for st in et["sub_event_types"]:
                sub = SubEventType(
                    name=st["name"], event_type=et["name"],
                    disorder_type=st.get("disorder_type") or et["disorder_type"],
                    definition=st.get("definition", ""),
                    verbs=frozenset(_words(st.get("verbs"))),
                    nouns=frozenset(_words(st.get("nouns"))),
                    phrases=tuple(_words(st.get("phrases"))),
                    instruments=frozenset(_words(st.get("instruments"))),
                    requires=st.get("requires") or {})
                self.types[sub.name] = sub
                for v in sub.verbs:
                    self.verbs[v].append(sub.name)
                for n in sub.nouns:
                    self.nouns[n].append(sub.name)
                for i in sub.instruments:
                    self.instruments[i].append(sub.name)
                for p in sub.phrases:
                    self.phrases[p].append(sub.name)
        self.attempt_cues = frozenset(_words(data.get("attempt_cues")))
        self.negation_cues = frozenset(_words(data.get("negation_cues")))
        self.non_events = {k: frozenset(_words(v)) for k, v in (data.get("non_events") or {}).items()}

    def __getitem__(self, name: str) -> SubEventType:
        return self.types[name]


def _words(items) -> list[str]:
    return [str(x).lower().strip() for x in items or () if str(x).strip()]


@functools.lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    return Taxonomy(load_yaml("taxonomy.yaml"))
