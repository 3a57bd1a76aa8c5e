"""Place-name keys that make romanisation variants of one name meet.

The rules are data (``data/transliteration.yaml``); this module only applies them.

>>> name_key("Jisr ash-Shughur") == name_key("Jisr al-Shughur")
True
>>> skeleton("Deir ez-Zor") == skeleton("Dayr az Zawr")
True
"""

from __future__ import annotations

import functools
import re
import unicodedata

from frontlines.resources import load_yaml


@functools.lru_cache(maxsize=1)
def _rules() -> dict:
    data = load_yaml("transliteration.yaml")
    variants = {}
    for forms in data["word_variants"]:
        for form in forms:
            variants[_fold(form, data)] = _fold(forms[0], data)
    return {
        "marks": re.compile("[" + re.escape("".join(data["marks"])) + "]"),
        "separators": re.compile("[" + re.escape("".join(data["separators"])) + r"\s]+"),
        "articles": frozenset(data["articles"]),
        "variants": variants,
        "rewrites": [(a, b) for a, b in data["skeleton_rewrites"]],
        "vowels": frozenset(data["vowels"]),
        "vowel_folds": [(a, b) for a, b in data.get("vowel_folds") or ()],
        "min_skeleton": int(data["min_skeleton"]),
    }


def _fold(text: str, data: dict | None = None) -> str:
    """Lower case, no diacritics, no ʿayn/hamza marks."""
    marks = data["marks"] if data else None
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    if marks:
        for m in marks:
            text = text.replace(m, "")
    return text


@functools.lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The normalised key of a place name: step 1 of matching."""
    r = _rules()
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = r["marks"].sub("", text)
    words = [w for w in r["separators"].split(text) if w]
    if len(words) > 1:
        kept = [w for w in words if w not in r["articles"]]
        words = kept or words
    return " ".join(r["variants"].get(w, w) for w in words)


@functools.lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Consonant skeleton of a name key: step 2 of matching ('' when too short to trust)."""
    r = _rules()
    key = name_key(name).replace(" ", "")
    if not key:
        return ""
    for a, b in r["rewrites"]:
        key = key.replace(a, b)
    first, rest = key[0], key[1:]
    out = [first]
    for c in rest:
        if c in r["vowels"] or not c.isalpha():
            continue
        if out[-1] == c:
            continue
        out.append(c)
    skel = "".join(out)
    consonants = sum(1 for c in skel if c not in r["vowels"])
    return skel if consonants >= r["min_skeleton"] else ""


@functools.lru_cache(maxsize=200_000)
def spelling(name: str) -> str:
    """A name key with the skeleton's rewrites and the vowel folds applied and doubled letters
    single, vowels kept: what two romanisations are compared on letter by letter."""
    r = _rules()
    key = name_key(name)
    for a, b in r["rewrites"] + r["vowel_folds"]:
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key)
