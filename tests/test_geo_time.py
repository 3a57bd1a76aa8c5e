"""Place-name keys, gazetteer resolution and time resolution."""

from __future__ import annotations

import datetime as dt

import pytest

from frontlines.code import timex
from frontlines.geo.gazetteer import Gazetteer
from frontlines.geo.names import name_key, skeleton

THURSDAY = dt.date(2021, 3, 11)


@pytest.mark.parametrize("a, b", [
    ("Jisr al-Shughur", "Jisr ash-Shughur"), ("Deir ez-Zor", "Dayr az Zawr"), ("Tell Abyad", "Tall Abyad"),
    ("Kafr Takharim", "Kfar Takharim"), ("Ma'arat", "Maʿarat"), ("Ras al-Ain", "Ras al Ayn"),
    # Russian/Ukrainian, Persian/Dari, Pashto and Kurdish romanisations
    ("Zaporizhzhia", "Zaporozhye"), ("Sievierodonetsk", "Severodonetsk"), ("Avdiivka", "Avdeyevka"),
    ("Mazar-i-Sharif", "Mazar-e Sharif"), ("Lashkar Gah", "Lashkargah"), ("Qamishli", "Qamishlo"),
    ("Husseiniyeh", "Husseiniyah"), ("Tall Tamr", "Tell Tamer"),
])
def test_transliteration_variants_share_a_name_key_or_a_skeleton(a, b):
    assert name_key(a) == name_key(b) or (skeleton(a) and skeleton(a) == skeleton(b))


def test_name_keys_are_idempotent():
    for name in ["Ma'arrat an-Nu'man", "Dayr az Zawr", "Tell Tamer", "São Paulo"]:
        assert name_key(name_key(name)) == name_key(name)


def test_short_names_get_no_skeleton():
    assert skeleton("Hama") == "" and skeleton("Homs") == ""


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


@pytest.mark.parametrize("name, country", [
    ("Deir ez-Zor", "SY"), ("Dayr az Zawr", "SY"), ("Jisr al-Shughur", "SY"), ("Kidal", "ML"),
    ("Marib", "YE"), ("Mariupol", "UA"), ("Goma", "CD"),
])
def test_the_gazetteer_knows_conflict_towns_under_their_news_spellings(gaz, name, country):
    assert country in {gaz.entry(i).country_code for i in gaz.candidates(name)}


def test_a_short_name_matches_its_spelling_variant_only_where_asked(gaz):
    # "Hiraan" is too short for a consonant skeleton; its folded spelling is Hiiraan's
    assert "SO" not in {gaz.entry(i).country_code for i in gaz.candidates("Hiraan")}
    found = [gaz.entry(i) for i in gaz.candidates("Hiraan", short_variants=True)]
    assert any(e.country_code == "SO" and e.feature == "A" for e in found)


def test_first_level_divisions_have_names_and_centroids(gaz):
    idlib = [gaz.entry(i) for i in gaz.candidates("Idlib") if gaz.entry(i).feature == "A"]
    assert idlib and idlib[0].country_code == "SY"
    assert 35.0 < idlib[0].latitude < 36.6 and 36.0 < idlib[0].longitude < 37.2


@pytest.mark.parametrize("phrase, expected", [
    ("on Thursday", (THURSDAY, THURSDAY, 1)),
    ("late on Wednesday", (dt.date(2021, 3, 10), dt.date(2021, 3, 10), 1)),
    ("on Friday", (dt.date(2021, 3, 5), dt.date(2021, 3, 5), 1)),
    ("yesterday", (dt.date(2021, 3, 10), dt.date(2021, 3, 10), 1)),
    ("three weeks ago", (dt.date(2021, 2, 15), dt.date(2021, 2, 21), 2)),
    ("last November", (dt.date(2020, 11, 1), dt.date(2020, 11, 30), 3)),
    ("on March 9", (dt.date(2021, 3, 9), dt.date(2021, 3, 9), 1)),
    ("on 25 December", (dt.date(2020, 12, 25), dt.date(2020, 12, 25), 1)),
])
def test_relative_expressions_resolve_against_the_publication_date(phrase, expected):
    (start, end, expr), = timex.find(phrase)
    assert timex.resolve(expr, THURSDAY) == expected


@pytest.mark.parametrize("phrase", ["on Saturday", "in December", "two days ago", "recently", "this week",
                                    "on 30 March", "last month", "in 2019"])
def test_a_resolved_date_is_never_after_publication(phrase):
    for _, _, expr in timex.find(phrase):
        start, end, _ = timex.resolve(expr, THURSDAY)
        assert start is None or (start <= end <= THURSDAY)


def test_the_bounded_edit_distance_agrees_with_the_full_one_within_its_limit():
    import random

    from frontlines.geo.gazetteer import edit_distance

    def full(a, b):
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]

    rng = random.Random(7)
    for _ in range(3000):
        a, b = ("".join(rng.choice("abc") for _ in range(rng.randint(0, 8))) for _ in range(2))
        limit, d = rng.randint(0, 3), full(a, b)
        assert edit_distance(a, b, limit) == d if d <= limit else edit_distance(a, b, limit) > limit


def _full_scan(text):
    """What find() returns when every pattern is scanned over the whole text."""
    found, taken = [], []
    for kind, pattern in timex._PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            expr = timex._expr(kind, m) if s < e and not any(s < b and a < e for a, b in taken) else None
            if expr is not None:
                taken.append((s, e))
                found.append((s, e, expr))
    return sorted(found, key=lambda x: x[0])


@pytest.mark.parametrize("text", [
    "Fighting resumed more than a couple of weeks ago, on 3 June, and again late on Monday night.",
    "On the 31st of March, 2020, and since - March, troops may march; Mar. 3 and Sept 12th 2019.",
    "The town fell during 2015. Earlier this week, over the weekend and in the past few days, raids.",
    "It happened 20 days ago, not 2020-03-01; yesterday, today, tonight and this afternoon too.",
    "İstanbul: on Tuesday 4 May the police detained 12, as in 2019 (a text whose length changes in lower case).",
])
def test_time_expressions_found_near_their_key_words_are_those_a_full_scan_finds(text):
    found = timex.find(text)
    assert len(found) >= 3 and found == _full_scan(text)


def test_without_a_publication_date_relative_expressions_stay_unresolved():
    (_, _, expr), = timex.find("on Tuesday")
    assert timex.resolve(expr, None) == (None, None, 0)


def test_the_gazetteer_cache_is_rebuilt_when_a_data_file_it_is_built_from_changes(monkeypatch):
    from importlib import resources

    from frontlines.geo import gazetteer as gz

    before = gz.Gazetteer._cache_path()
    real = resources.files

    class Changed:
        def __init__(self, base):
            self.base = base

        def joinpath(self, name):
            f = self.base.joinpath(name)
            if name != "transliteration.yaml":
                return f

            class Edited:
                def is_file(self):
                    return True

                def read_bytes(self):
                    return f.read_bytes() + b"\n# an edit\n"
            return Edited()

    monkeypatch.setattr(resources, "files", lambda pkg: Changed(real(pkg)))
    assert gz.Gazetteer._cache_path() != before


@pytest.mark.parametrize("a, b", [("Mashhadeen", "Al Mashhadīn"), ("Sarmin", "Sermin"), ("Tall Shouqan", "Tell Shuqan")])
def test_spellings_that_differ_in_vowels_only_stay_within_the_edit_bound(a, b):
    from frontlines.geo.gazetteer import edit_distance
    from frontlines.geo.names import spelling

    assert edit_distance(spelling(a), spelling(b), 1) <= 1


def test_names_that_share_a_skeleton_but_not_a_spelling_do_not_match():
    from frontlines.geo.gazetteer import edit_distance
    from frontlines.geo.names import spelling

    assert skeleton("Marib") == skeleton("Mareb") and edit_distance(spelling("Marib"), spelling("Mareb"), 1) <= 1
    assert skeleton("Tartus") == skeleton("Tortosa") and edit_distance(spelling("Tartus"), spelling("Tortosa"), 1) > 1
