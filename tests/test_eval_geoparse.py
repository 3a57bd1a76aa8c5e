"""`frontlines eval geoparse` on a small LGL-format file written here, and on GeoWebNews."""

from __future__ import annotations

import json
import subprocess
import sys

from frontlines.evaluate.geoparse import evaluate, read_corpus

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text>Floods cut the road between Mosul and Erbil on Monday, officials in Baghdad said.</text>
    <toponyms>
      <toponym><start>28</start><end>33</end><phrase>Mosul</phrase>
        <gaztag geonameid="99072"><lat>36.335</lat><lon>43.11889</lon></gaztag></toponym>
      <toponym><start>38</start><end>43</end><phrase>Erbil</phrase>
        <gaztag geonameid="95446"><lat>36.19257</lat><lon>44.01062</lon></gaztag></toponym>
      <toponym><start>68</start><end>75</end><phrase>Baghdad</phrase>
        <gaztag geonameid="98182"><lat>33.34058</lat><lon>44.40088</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_lgl_format_is_read_and_scored(tmp_path):
    path = tmp_path / "tiny.xml"
    path.write_text(LGL, encoding="utf-8")
    articles = read_corpus(path)
    assert [t.name for t in articles[0].toponyms] == ["Mosul", "Erbil", "Baghdad"]
    assert all(articles[0].text[t.start:t.end] == t.name for t in articles[0].toponyms)
    result = evaluate(articles)
    assert result["gold_toponyms"] == 3
    assert result["recognition_exact"]["recall"] == 1.0
    assert result["accuracy_161km"] == 1.0 and result["median_error_km"] < 20


def test_the_command_prints_json(tmp_path):
    path = tmp_path / "tiny.xml"
    path.write_text(LGL, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "frontlines.cli", "eval", "geoparse", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["gold_toponyms"] == 3


def test_geowebnews_spans_match_their_names(shared):
    articles = read_corpus(shared / "dev" / "geowebnews" / "GWN.xml")
    assert len(articles) == 200
    tops = [(a.text, t) for a in articles for t in a.toponyms]
    assert len(tops) > 2000
    assert sum(text[t.start:t.end] == t.name for text, t in tops) / len(tops) > 0.99


def test_adjectival_demonyms_are_read_as_their_countries_apart_from_places():
    from frontlines.evaluate.geoparse import system_toponyms

    text = "Russian troops shelled the outskirts of Kherson on Monday, the Ukrainian army said."
    places, demonyms = system_toponyms(text)
    assert [text[s:e] for s, e, *_ in places] == ["Kherson"]
    assert sorted(text[s:e] for s, e, *_ in demonyms) == ["Russian", "Ukrainian"]
    russia = [(lat, lon) for s, e, lat, lon in demonyms if text[s:e] == "Russian"][0]
    assert 50 < russia[0] < 70 and 30 < russia[1] < 110  # Russia's point, far from Kherson
