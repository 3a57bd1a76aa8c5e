"""`frontlines gazetteer load` and `download`: GeoNames dump files, written here, added to the
gazetteer; downloads come from a server on 127.0.0.1 started by the test, never the network."""

from __future__ import annotations

import functools
import http.server
import socket
import subprocess
import sys
import threading
import zipfile

import pytest

import frontlines
from frontlines.cli import main
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


# a made-up village, served as SY.zip by the local server below
EXAMPLE = (dump_line(9900011, "Tall Example", ["Tell Example", "Tal Ekzampel"], 35.60, 36.60)
           + dump_line(9900012, "Khirbat Example", ["Kherbet Example"], 35.65, 36.65)
           + dump_line(9900013, "Example Spring", [], 35.66, 36.66, fclass="H", fcode="SPNG"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def server(tmp_path):
    """(base URL, served folder) of an HTTP server on 127.0.0.1; SY.zip is there, nothing else."""
    root = tmp_path / "served"
    root.mkdir()
    with zipfile.ZipFile(root / "SY.zip", "w") as z:
        z.writestr("SY.txt", EXAMPLE)
        z.writestr("readme.txt", "not data")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", root
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


@pytest.fixture
def download(extras, monkeypatch, capsys):
    """Run `frontlines gazetteer download ARGS` in this process with an empty cache folder of its
    own, so that the test can see what a download leaves behind; the gazetteer index itself is
    loaded from the usual cache afterwards (building it afresh takes long)."""
    cache = extras / "cache"
    cache.mkdir()
    monkeypatch.delenv("FRONTLINES_GEONAMES_URL", raising=False)

    def run(*args):
        with monkeypatch.context() as m:
            m.setenv("FRONTLINES_CACHE", str(cache))
            status = main(["gazetteer", "download", *args])
        out, err = capsys.readouterr()
        return status, out, err, sorted(p.name for p in cache.iterdir())

    return run


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_downloaded_country_file_is_loaded_and_the_zip_removed(server, download):
    base, _ = server
    status, out, err, left = download("sy", "--base-url", base)
    assert status == 0, err
    assert "SY: 2 places added" in out  # the spring (feature class H) is not a place
    assert "downloaded: SY; failed: none" in out
    assert left == []
    Gazetteer.reset()
    gaz = Gazetteer.load()
    for spelling in ("Tall Example", "Tell Example", "Tal Ekzampel"):
        assert [gaz.entry(i).geonameid for i in gaz.candidates(spelling)] == [9900011]


def test_keep_leaves_the_zip_in_the_cache_folder(server, download):
    base, _ = server
    status, out, err, left = download("SY", "--keep", "--base-url", base)
    assert status == 0, err
    assert left == ["SY.zip"]
    assert "zip kept as" in out


def test_the_environment_gives_the_address_and_the_option_wins(server, download, monkeypatch):
    base, _ = server
    monkeypatch.setenv("FRONTLINES_GEONAMES_URL", base)
    assert download("SY")[0] == 0
    monkeypatch.setenv("FRONTLINES_GEONAMES_URL", f"http://127.0.0.1:{_closed_port()}/")
    assert download("SY", "--base-url", base)[0] == 0


def test_a_missing_country_fails_in_one_line_naming_the_address_and_the_others_go_on(server, download):
    base, _ = server
    status, out, err, left = download("LB", "SY", "--base-url", base)
    assert status == 1
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and f"{base}LB.zip" in lines[0] and "404" in lines[0]
    assert "downloaded: SY; failed: LB" in out
    assert left == []
    assert {row[0] for row, _ in load_extras()} == {9900011, 9900012}


def test_a_response_that_is_not_a_zip_is_refused_and_the_extras_stay(server, download):
    base, root = server
    (root / "IQ.zip").write_text("<html><body>Please log in to the wifi</body></html>", encoding="utf-8")
    assert download("SY", "--base-url", base)[0] == 0
    before = load_extras()
    status, out, err, left = download("iq", "--base-url", base)
    assert status == 1
    assert [line for line in err.splitlines() if f"{base}IQ.zip: not a zip file" in line]
    assert "downloaded: none; failed: IQ" in out
    assert load_extras() == before and left == []


def test_a_malformed_download_is_refused_naming_the_address_and_the_line(server, download):
    base, root = server
    with zipfile.ZipFile(root / "JO.zip", "w") as z:
        z.writestr("JO.txt", EXAMPLE + "9900014\tBroken line\n")
    status, out, err, left = download("JO", "--keep", "--base-url", base)
    assert status == 1
    assert f"{base}JO.zip: line 4: 2 columns" in err
    assert load_extras() == [] and left == []


def test_an_unreachable_server_fails_cleanly(download):
    base = f"http://127.0.0.1:{_closed_port()}/"
    status, out, err, left = download("SY", "--base-url", base)
    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {base}SY.zip: cannot connect")
    assert "Traceback" not in err and left == []
    assert load_extras() == []


def test_a_word_that_is_no_country_code_is_a_usage_error(download):
    with pytest.raises(SystemExit) as exc:
        download("Syria")
    assert exc.value.code == 2
