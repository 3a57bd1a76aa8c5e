"""`frontlines gazetteer load`: GeoNames dump files, written here, added to the gazetteer."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

import frontlines
from frontlines.geo.dumps import DumpError, add_dump, load_extras
from frontlines.geo.gazetteer import Gazetteer


def dump_line(gid, name, alternates, lat, lon, fclass="P", fcode="PPL", cc="SY", admin1="12", pop=0):
    cols = [str(gid), name, name, ",".join(alternates), str(lat), str(lon), fclass, fcode, cc, "", admin1,
            "", "", "", str(pop), "", "300", "Asia/Damascus", "2020-01-01"]
    assert len(cols) == 19
    return "\t".join(cols) + "\n"


# two small villages south of Idlib that cities500 does not have (coordinates approximate)
VILLAGES = (dump_line(9900001, "Tall Barakat", ["Tell Barakat", "Tal Barakat"], 35.70, 36.70)
            + dump_line(9900002, "Dayr Hafir Sharqi", ["Deir Hafer Sharqi"], 35.75, 36.75))


@pytest.fixture
def extras(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINES_GAZETTEER_EXTRA", str(tmp_path / "extra.pickle"))
    Gazetteer.reset()
    yield tmp_path
    Gazetteer.reset()


def test_a_loaded_village_resolves_under_its_variant_spellings(extras):
    (extras / "SY.txt").write_text(VILLAGES, encoding="utf-8")
    text = "Government forces captured the village of Tell Barakat in Idlib province on Tuesday."
    before = frontlines.extract(text, published="2020-02-27")
    assert not [e for e in before.events if e.geonameid == 9900001]
    Gazetteer.reset()
    added, total = add_dump(extras / "SY.txt")
    assert (added, total) == (2, 2)
    Gazetteer.reset()
    gaz = Gazetteer.load()
    for spelling in ("Tall Barakat", "Tell Barakat", "Tal Barakat"):
        assert [gaz.entry(i).geonameid for i in gaz.candidates(spelling)] == [9900001]
    fused = frontlines.extract(text, published="2020-02-27")
    e = [e for e in fused.events if e.geonameid == 9900001]
    assert e and e[0].geo_precision == 1 and e[0].location == "Tall Barakat"


def test_zipped_dumps_are_read(extras):
    with zipfile.ZipFile(extras / "SY.zip", "w") as z:
        z.writestr("SY.txt", VILLAGES)
        z.writestr("readme.txt", "not data")
    assert add_dump(extras / "SY.zip") == (2, 2)


def test_a_malformed_file_is_refused_naming_the_line_and_nothing_half_loaded_stays(extras):
    (extras / "good.txt").write_text(VILLAGES, encoding="utf-8")
    add_dump(extras / "good.txt")
    before = load_extras()
    bad = VILLAGES + dump_line(9900003, "Kafr Example", [], 35.8, 36.8) + "9900004\tBroken line\tonly three\n"
    (extras / "bad.txt").write_text(bad, encoding="utf-8")
    with pytest.raises(DumpError, match=r"bad.txt: line 4: 3 columns"):
        add_dump(extras / "bad.txt")
    assert load_extras() == before


def test_the_command_reports_a_bad_file_in_one_line_and_goes_on(extras):
    (extras / "good.txt").write_text(VILLAGES, encoding="utf-8")
    (extras / "bad.txt").write_text("1\t2\t3\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "frontlines.cli", "gazetteer", "load",
                           str(extras / "bad.txt"), str(extras / "good.txt")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert [line for line in proc.stderr.splitlines() if "bad.txt: line 1" in line]
    assert "2 places added" in proc.stdout
