"""What crawlers bring back, at the command line: a run of many files must not die on one.

Every input is written here by the tests themselves (the articles are ours, about places in
Mali and Yemen). For each bad file: exactly one ``error:`` line on stderr naming it and a
reason a person can act on, exit status 1 (0 when every file was read), every good file
coded (its events written), and the store holding each good document once and nothing of
the bad one. Files in legacy encodings are good files: their decoded text is compared with
the text we encoded.
"""

from __future__ import annotations

import csv
import ctypes
import io
import json
import os
import struct
import sys
import traceback
import zipfile
import zlib
from pathlib import Path

import pytest

from frontlines.cli import EXIT_OK, EXIT_PARTIAL, main
from frontlines.ingest import readers
from frontlines.store import Store

MALI = """Gunmen attack army post near Menaka

Gunmen on motorbikes attacked an army post on the outskirts of Menaka in northern Mali on Tuesday, killing three soldiers, a local official said.

The attackers withdrew towards the border after an exchange of fire that lasted about two hours, the official added."""

YEMEN = """Shelling wounds five civilians in Taiz

Houthi forces shelled a residential district of Taiz in southwestern Yemen on Sunday, wounding five civilians, including two children, medical sources said.

The city has been divided by front lines for years, and residents say shelling of its eastern neighbourhoods has grown more frequent."""

GOOD = {"menaka-post.txt": MALI, "taiz-shelling.txt": YEMEN}
GOOD_IDS = sorted(Path(name).stem for name in GOOD)

# legacy-encoded articles (long enough for charset detection to be sure)
ARABIC = """أفاد مسؤول محلي بأن مسلحين مجهولين هاجموا نقطة تفتيش تابعة للجيش على الطريق المؤدي إلى مدينة مأرب فجر الثلاثاء، ما أسفر عن مقتل ثلاثة جنود وإصابة خمسة آخرين.

وأضاف المسؤول أن تبادل إطلاق النار استمر قرابة ساعتين قبل أن ينسحب المهاجمون باتجاه المناطق الجبلية، فيما أرسلت القوات الحكومية تعزيزات إلى المنطقة."""

RUSSIAN = """Как сообщил представитель местной администрации, во вторник вооружённые люди на мотоциклах напали на армейский пост у въезда в город Менака на севере Мали. По его словам, погибли трое военнослужащих, ещё пятеро получили ранения.

Перестрелка продолжалась около двух часов, после чего нападавшие ушли в сторону границы. Командование направило в район подкрепление."""

FRENCH = """Des hommes armés ont attaqué mardi à l'aube un poste de l'armée malienne près de Ségou, tuant trois soldats et en blessant cinq autres, selon un élu local.

Les échanges de tirs ont duré près de deux heures avant que les assaillants ne se replient vers la forêt. L'état-major a dépêché des renforts dans la zone."""

MOPTI = """Soldiers repel attack on camp near Mopti

Militants fired mortar rounds at a military camp outside Mopti in central Mali on Friday, wounding four soldiers, the army said in a statement.

Troops returned fire and the attackers fled into the surrounding countryside, the statement added."""


# ----------------------------------------------------------------------------- helpers

@pytest.fixture
def corpus(tmp_path) -> Path:
    """A crawler's folder: two good articles; each test adds its bad file(s)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(capsys, *args: str | Path) -> tuple[int, list[str]]:
    """``frontlines run ARGS --quiet`` in this process: (exit status, the ``error:`` lines)."""
    capsys.readouterr()
    status = main(["run", *map(str, args)] + (["--quiet"] if "--" not in args else []))
    err = capsys.readouterr().err
    return status, [line for line in err.splitlines() if line.startswith("error: ")]


def stored(out: Path) -> dict:
    """The documents in the store, by id (each id once), with their mentions counted."""
    with Store(out / "frontlines.sqlite") as store:
        docs = store.documents()
        mentions = store.mentions()
    ids = [d.id for d in docs]
    assert len(ids) == len(set(ids)), ids
    return {d.id: (d, sum(1 for m in mentions if m.document == d.id)) for d in docs}


def events_of(out: Path) -> dict[str, int]:
    """How many fused events (events.csv) each document contributes to."""
    counts: dict[str, int] = {}
    with open(out / "events.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for doc in row["documents"].split("; "):
                counts[doc] = counts.get(doc, 0) + 1
    return counts


def assert_coded(out: Path, ids: list[str], extra: tuple[str, ...] = ()) -> dict:
    """The store holds exactly ``ids`` + ``extra`` (each once); every one of ``ids`` is coded:
    it has mentions in the store and events in events.csv."""
    docs = stored(out)
    assert sorted(docs) == sorted([*ids, *extra])
    events = events_of(out)
    for doc_id in ids:
        assert docs[doc_id][1] > 0, f"{doc_id} has no mentions"
        assert events.get(doc_id, 0) > 0, f"{doc_id} is in no event"
    return docs


def one_error(lines: list[str], path: Path | str) -> str:
    """The only error line, which must name ``path``; returns its reason."""
    assert len(lines) == 1, lines
    prefix = f"error: {path}: "
    assert lines[0].startswith(prefix), lines
    return lines[0][len(prefix):]


def assert_bad_file_refused(capsys, corpus: Path, name: str, data: bytes, *reason_parts: str) -> None:
    (corpus / name).write_bytes(data)
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    reason = one_error(errors, corpus / name)
    for part in reason_parts:
        assert part in reason, reason
    docs = assert_coded(out, GOOD_IDS)
    assert all(name not in d.path for d, _ in docs.values())


def assert_decoded(capsys, corpus: Path, name: str, data: bytes, text: str, language: str) -> dict:
    """A legacy-encoded file: exit 0, no error, its stored text is ``text``."""
    (corpus / name).write_bytes(data)
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert (status, errors) == (EXIT_OK, [])
    doc_id = Path(name).stem
    docs = assert_coded(out, GOOD_IDS, extra=(doc_id,))
    doc = docs[doc_id][0]
    assert doc.text == text
    assert doc.language == language
    return docs


# ----------------------------------------------------------------------------- success

def test_a_run_of_good_files_only_legacy_encodings_included_exits_0(capsys, corpus):
    (corpus / "marib-ar.txt").write_bytes(ARABIC.encode("cp1256"))
    (corpus / "menaka-ru.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (corpus / "segou-fr.txt").write_bytes(FRENCH.encode("latin-1"))
    (corpus / "mopti-utf16.txt").write_bytes(MOPTI.encode("utf-16"))
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert (status, errors) == (EXIT_OK, [])
    docs = assert_coded(out, [*GOOD_IDS, "mopti-utf16"], extra=("marib-ar", "menaka-ru", "segou-fr"))
    assert [docs[i][0].text for i in ("marib-ar", "menaka-ru", "segou-fr", "mopti-utf16")] == [
        ARABIC, RUSSIAN, FRENCH, MOPTI]


# ----------------------------------------------------------------------------- not text

def test_an_empty_file_gets_one_line_and_the_good_files_are_coded(capsys, corpus):
    assert_bad_file_refused(capsys, corpus, "empty.txt", b"", "empty file")


def test_a_png_saved_as_txt_gets_one_line_and_the_good_files_are_coded(capsys, corpus):
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    png += struct.pack(">I", zlib.crc32(png[12:29])) + b"\x00" * 40
    assert_bad_file_refused(capsys, corpus, "photo.txt", png, "not text", "PNG image")


def test_a_pdf_saved_as_txt_gets_one_line_and_the_good_files_are_coded(capsys, corpus):
    pdf = (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
           b"2 0 obj\n<< /Length 44 >>\nstream\n" + zlib.compress(MALI.encode()) + b"\nendstream\nendobj\n%%EOF\n")
    assert_bad_file_refused(capsys, corpus, "report.txt", pdf, "not text", "PDF document")


def test_a_zip_archive_saved_as_txt_gets_one_line_and_the_good_files_are_coded(capsys, corpus):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", YEMEN)
    assert_bad_file_refused(capsys, corpus, "bundle.txt", buffer.getvalue(), "not text", "ZIP archive")


def test_a_binary_file_full_of_nul_bytes_gets_one_line_and_the_good_files_are_coded(capsys, corpus):
    blob = struct.pack("<400I", *range(400))  # little-endian integers: three NULs in four bytes
    assert_bad_file_refused(capsys, corpus, "counts.txt", blob, "not text", "NUL bytes")


def test_a_few_stray_nul_bytes_in_an_article_are_dropped_and_the_article_is_coded(capsys, corpus):
    first, rest = MOPTI.split("\n\n", 1)
    data = first.encode() + b"\x00\n\n" + rest.encode().replace(b"Friday", b"Fri\x00day") + b"\x00" * 300
    docs = assert_decoded(capsys, corpus, "mopti.txt", data, MOPTI, "en")
    assert docs["mopti"][1] > 0


def test_stray_invalid_utf8_bytes_become_replacement_characters_and_the_article_is_kept(capsys, corpus):
    # UTF-8 text (an accented name, dashes) with a Windows-1252 apostrophe and a stray byte in it
    text = ("Attack on camp near Ménaka\n\nMilitants fired mortar rounds at a military camp outside "
            "Ménaka in northern Mali on Friday — wounding four soldiers, the army{X}s spokesman said.\n\n"
            "Troops returned fire — and the attackers fled into the countryside{Y}, he added.")
    data = text.format(X="\x92", Y="\xff").encode("utf-8").replace("\x92".encode(), b"\x92").replace(
        "\xff".encode(), b"\xff")
    expected = text.format(X="\ufffd", Y="\ufffd")
    docs = assert_decoded(capsys, corpus, "menaka-camp.txt", data, expected, "en")
    assert docs["menaka-camp"][1] > 0


def test_cp1256_arabic_is_decoded_and_counts_as_success(capsys, corpus):
    assert_decoded(capsys, corpus, "marib.txt", ARABIC.encode("cp1256"), ARABIC, "ar")


def test_cp1251_russian_is_decoded_and_counts_as_success(capsys, corpus):
    assert_decoded(capsys, corpus, "menaka-ru.txt", RUSSIAN.encode("cp1251"), RUSSIAN, "ru")


def test_latin1_french_is_decoded_and_counts_as_success(capsys, corpus):
    assert_decoded(capsys, corpus, "segou.txt", FRENCH.encode("latin-1"), FRENCH, "fr")


def test_utf16_with_a_bom_is_decoded_coded_and_counts_as_success(capsys, corpus):
    data = MOPTI.encode("utf-16")
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    docs = assert_decoded(capsys, corpus, "mopti.txt", data, MOPTI, "en")
    assert docs["mopti"][1] > 0


# ----------------------------------------------------------------------------- too big

def test_a_50_mb_text_is_refused_as_too_long_unread_and_the_good_files_are_coded(capsys, corpus):
    line = "Markets were open and the weather was mild in the capital on the day.\n\n"
    with open(corpus / "dump.txt", "w", encoding="utf-8") as fh:
        fh.write(line * (50_000_000 // len(line) + 1))
    size = (corpus / "dump.txt").stat().st_size
    assert size > 50_000_000
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    reason = one_error(errors, corpus / "dump.txt")
    assert reason == (f"too long for a news article (a {size / 1e6:.1f} MB file; "
                      "the limit is 20 MB for a file of one article)")
    assert_coded(out, GOOD_IDS)


def test_a_6_mb_text_in_a_smaller_file_is_refused_as_over_5_mb_of_text(capsys, corpus):
    paragraph = "Markets were open and the weather was mild in the capital on the day.\n\n"
    text = paragraph * (6_000_000 // len(paragraph))
    assert readers.MAX_TEXT_CHARS < len(text) and len(text.encode()) < readers.MAX_FILE_BYTES
    (corpus / "log.txt").write_text(text, encoding="utf-8")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    reason = one_error(errors, corpus / "log.txt")
    assert reason == f"too long for a news article ({len(text) / 1e6:.1f} MB of text; the limit is 5 MB of text)"
    assert_coded(out, GOOD_IDS)


def test_a_jsonl_row_over_5_mb_of_text_is_refused_and_the_other_rows_are_coded(capsys, corpus):
    huge = "Markets were open and the weather was mild. " * 120_000
    rows = [{"id": "row-mali", "text": MALI}, {"id": "row-huge", "text": huge}, {"id": "row-mopti", "text": MOPTI}]
    path = corpus / "dump.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    reason = one_error(errors, f"{path}#2")
    assert reason == f"line 2: too long for a news article ({len(huge) / 1e6:.1f} MB of text; the limit is 5 MB of text)"
    assert_coded(out, [*GOOD_IDS, "row-mali", "row-mopti"])


# ----------------------------------------------------------------------------- HTML

def test_html_with_10000_nested_elements_scripts_and_iframes_keeps_the_article_and_only_it(capsys, corpus):
    paragraphs = YEMEN.split("\n\n")
    page = ("<!DOCTYPE html><html><head><title>Shelling wounds five civilians in Taiz</title>"
            "<script>var leak = 'SCRIPT-IN-HEAD: rebels killed 90 people in Aden';</script></head><body>"
            f"<h1>{paragraphs[0]}</h1><p>{paragraphs[1]}</p>"
            + "<div>" * 10_000
            + "<script>document.write('SCRIPT-DEEP: 40 soldiers died in Mukalla')</script>"
            + "<iframe src='ad.html'>IFRAME-DEEP: an airstrike hit Hodeidah</iframe>"
            + f"<p>{paragraphs[2]}</p>"
            + "</div>" * 10_000
            + "<iframe srcdoc='<p>IFRAME-SRCDOC</p>'></iframe><p>Residents said the shelling "
              "resumed at dusk.</p></body></html>")
    (corpus / "taiz-page.html").write_text(page, encoding="utf-8")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert (status, errors) == (EXIT_OK, [])
    docs = assert_coded(out, [*GOOD_IDS, "taiz-page"])
    text = docs["taiz-page"][0].text
    for kept in (*paragraphs, "Residents said the shelling resumed at dusk."):
        assert kept in text  # the paragraph inside the 10,000 <div>s and the one after them too
    for leaked in ("SCRIPT-IN-HEAD", "SCRIPT-DEEP", "IFRAME-DEEP", "IFRAME-SRCDOC", "document.write"):
        assert leaked not in text


# ----------------------------------------------------------------------------- rows

def test_jsonl_with_broken_lines_gets_one_line_per_bad_row_and_the_other_rows_are_coded(capsys, corpus):
    lines = [
        json.dumps({"id": "jl-mali", "text": MALI}),
        '{"id": "jl-2", "text": "Troops advanced" "on the town"}',  # invalid JSON
        json.dumps(["a", "list", "not", "an", "object"]),
        json.dumps({"id": "jl-4", "title": "A headline without its article"}),
        json.dumps({"id": "jl-mopti", "text": MOPTI}),
        json.dumps({"id": "jl-6", "text": YEMEN})[:60],  # the crawler died while writing it
    ]
    lines.insert(5, "[" * 5000)  # (too deep for json: a RecursionError, not a JSONDecodeError)
    path = corpus / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # (no newline after the cut line)
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    assert errors == [
        f"error: {path}#2: line 2: invalid JSON (Expecting ',' delimiter at column 42)",
        f"error: {path}#3: line 3: not a JSON object",
        f"error: {path}#4: line 4: no text (expected a field 'text', 'content', 'body')",
        f"error: {path}#6: line 6: invalid JSON (nested too deeply to read)",
        f"error: {path}#7: line 7: invalid JSON (Unterminated string starting at column 24); "
        "the file ends inside this line: cut short?",
    ]
    assert_coded(out, [*GOOD_IDS, "jl-mali", "jl-mopti"])


def test_csv_without_a_text_column_gets_one_line_for_the_file(capsys, corpus):
    data = f'id,title,published\nc1,"{MALI.splitlines()[0]}",2023-03-14\nc2,"{YEMEN.splitlines()[0]}",2023-03-12\n'
    assert_bad_file_refused(capsys, corpus, "headlines.csv", data.encode(),
                            "CSV header has no text column (expected 'text', 'content', 'body')")


def test_csv_rows_missing_columns_get_one_line_each_and_the_full_rows_are_coded(capsys, corpus):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "title", "text", "published"])
    writer.writerow(["cv-mali", "Post attacked", MALI, "2023-03-14"])
    writer.writerow(["cv-2", "Only a title"])  # the text column is missing
    writer.writerow(["cv-mopti", "Camp attacked", MOPTI])  # the last (empty) column dropped
    writer.writerow(["cv-4"])
    path = corpus / "table.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    # rows are named by the line they start on: the header is line 1, the texts span lines
    two = 2 + MALI.count("\n") + 1
    four = two + 1 + MOPTI.count("\n") + 1
    assert errors == [f"error: {path}#{two}: line {two}: only 2 of the 4 columns, no text",
                      f"error: {path}#{four}: line {four}: only 1 of the 4 columns, no text"]
    docs = assert_coded(out, [*GOOD_IDS, "cv-mali", "cv-mopti"])
    assert docs["cv-mopti"][0].published is None and str(docs["cv-mali"][0].published) == "2023-03-14"


# ----------------------------------------------------------------------------- file names

def test_file_names_with_spaces_and_non_ascii_letters_keep_their_names_as_ids(capsys, corpus):
    names = {"mopti camp attack.txt": MOPTI, "تقرير مأرب.txt": MALI.replace("Tuesday", "Monday"),
             "Ségou - Gao été.txt": YEMEN.replace("Sunday", "Saturday")}
    for name, text in names.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert (status, errors) == (EXIT_OK, [])
    docs = assert_coded(out, [*GOOD_IDS, "mopti camp attack", "تقرير مأرب", "Ségou - Gao été"])
    assert docs["تقرير مأرب"][0].path == str(corpus / "تقرير مأرب.txt")


def test_a_file_name_with_a_leading_dash_is_a_file_not_an_option(capsys, corpus, monkeypatch):
    (corpus / "-x.txt").write_text(MOPTI, encoding="utf-8")
    status, errors = run(capsys, corpus, "--out", corpus.parent / "folder")  # inside a folder
    assert (status, errors) == (EXIT_OK, [])
    assert_coded(corpus.parent / "folder", [*GOOD_IDS, "-x"])
    monkeypatch.chdir(corpus)
    status, errors = run(capsys, "./-x.txt", "--out", corpus.parent / "dot-slash")
    assert (status, errors) == (EXIT_OK, [])
    assert_coded(corpus.parent / "dot-slash", ["-x"])
    status, errors = run(capsys, "--out", corpus.parent / "dashes", "--quiet", "--", "-x.txt")
    assert (status, errors) == (EXIT_OK, [])
    assert_coded(corpus.parent / "dashes", ["-x"])


def test_a_file_name_that_is_not_utf8_is_shown_and_stored_with_a_replacement_character(capsys, corpus):
    folder = os.fsencode(corpus)
    with open(folder + b"/s\xe9gou-camp.txt", "wb") as fh:  # a Latin-1 name from an old archive
        fh.write(MOPTI.encode())
    with open(folder + b"/caf\xe9.txt", "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    assert one_error(errors, corpus / "caf\ufffd.txt") == "not text: looks like a PNG image"
    docs = assert_coded(out, [*GOOD_IDS, "s\ufffdgou-camp"])
    assert docs["s\ufffdgou-camp"][0].path == str(corpus / "s\ufffdgou-camp.txt")


# ----------------------------------------------------------------------------- links

def test_a_symlink_to_itself_gets_one_line_and_the_run_goes_on(capsys, corpus):
    (corpus / "self.txt").symlink_to("self.txt")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    assert one_error(errors, corpus / "self.txt") == \
        "symbolic link loop: the link leads back to itself, never to a file"
    assert_coded(out, GOOD_IDS)


def test_a_pair_of_symlinks_pointing_at_each_other_gets_one_line_each(capsys, corpus):
    (corpus / "a.txt").symlink_to("b.txt")
    (corpus / "b.txt").symlink_to("a.txt")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    reason = "symbolic link loop: the link leads back to itself, never to a file"
    assert errors == [f"error: {corpus / 'a.txt'}: {reason}", f"error: {corpus / 'b.txt'}: {reason}"]
    assert_coded(out, GOOD_IDS)
    # given on the command line too
    status, errors = run(capsys, corpus / "a.txt", corpus / "menaka-post.txt", "--out", corpus.parent / "out2")
    assert status == EXIT_PARTIAL and errors == [f"error: {corpus / 'a.txt'}: {reason}"]
    assert_coded(corpus.parent / "out2", ["menaka-post"])


def test_a_folder_link_to_its_parent_gets_one_line_and_each_file_is_read_once(capsys, corpus):
    sub = corpus / "more"
    sub.mkdir()
    (sub / "mopti.txt").write_text(MOPTI, encoding="utf-8")
    (sub / "up").symlink_to("..")
    (sub / "here").symlink_to(".")
    (corpus / "elsewhere").symlink_to("more")  # a second way to a folder: read once, no error
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    assert errors == [
        f"error: {corpus / 'elsewhere' / 'here'}: symbolic link loop: leads back to "
        f"{corpus / 'elsewhere'}, a folder being read (not followed)",
        f"error: {corpus / 'elsewhere' / 'up'}: symbolic link loop: leads back to {corpus}, "
        "a folder being read (not followed)",
    ]
    docs = assert_coded(out, [*GOOD_IDS, "mopti"])
    assert docs["mopti"][0].path == str(corpus / "elsewhere" / "mopti.txt")


def test_a_broken_symlink_gets_one_line_naming_its_target(capsys, corpus):
    (corpus / "gone.txt").symlink_to("deleted-by-the-crawler.txt")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    assert one_error(errors, corpus / "gone.txt") == \
        "broken symbolic link (it points to deleted-by-the-crawler.txt, which does not exist)"
    assert_coded(out, GOOD_IDS)


def test_a_named_pipe_is_refused_without_blocking_the_run(capsys, corpus):
    os.mkfifo(corpus / "stream.txt")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    assert one_error(errors, corpus / "stream.txt") == "not a regular file (a named pipe)"
    assert_coded(out, GOOD_IDS)


# ----------------------------------------------------------------------------- permissions

_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _drop_file_capabilities() -> None:
    """Root reads any file whatever its mode: drop this process's capabilities to override file
    permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that the kernel checks the mode as
    for anyone else; root stays the owner of the test's own files and can write them."""

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    libc = ctypes.CDLL(None, use_errno=True)
    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        data[0].effective &= ~(1 << cap)
        data[0].permitted &= ~(1 << cap)
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def run_without_root_reading(tmp_path: Path, *args: str | Path) -> tuple[int, list[str]]:
    """``frontlines run ARGS --quiet`` in a forked child whose reads the kernel checks against
    the files' modes: when we are root (as in CI), the child drops the capabilities that let
    root read a file of mode 000 (a real PermissionError from the OS, nothing faked)."""
    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        pytest.skip("needs fork and Linux capabilities")
    err_file = tmp_path / "child-stderr.txt"
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 99
        try:
            with open(err_file, "w", encoding="utf-8") as err, open(os.devnull, "w") as null:
                sys.stderr, sys.stdout = err, null
                try:
                    if os.geteuid() == 0:
                        _drop_file_capabilities()
                    status = main(["run", *map(str, args), "--quiet"])
                except BaseException:
                    traceback.print_exc(file=err)
                    status = 98
                err.flush()
        finally:
            os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    text = err_file.read_text(encoding="utf-8")
    assert os.WIFEXITED(wait_status) and os.WEXITSTATUS(wait_status) not in (98, 99), text
    return os.WEXITSTATUS(wait_status), [line for line in text.splitlines() if line.startswith("error: ")]


def test_an_unreadable_file_gets_permission_denied_and_the_good_files_are_coded(corpus):
    locked = corpus / "locked.txt"
    locked.write_text(MOPTI, encoding="utf-8")
    locked.chmod(0o000)
    out = corpus.parent / "out"
    try:
        status, errors = run_without_root_reading(corpus.parent, corpus, "--out", out)
    finally:
        locked.chmod(0o644)
    assert status == EXIT_PARTIAL
    assert one_error(errors, locked) == "cannot read: permission denied"
    assert_coded(out, GOOD_IDS)


def test_an_unreadable_folder_gets_permission_denied_and_the_good_files_are_coded(corpus):
    locked = corpus / "private"
    locked.mkdir()
    (locked / "mopti.txt").write_text(MOPTI, encoding="utf-8")
    locked.chmod(0o000)
    out = corpus.parent / "out"
    try:
        status, errors = run_without_root_reading(corpus.parent, corpus, "--out", out)
    finally:
        locked.chmod(0o755)
    assert status == EXIT_PARTIAL
    assert one_error(errors, locked) == "cannot list the folder: permission denied"
    assert_coded(out, GOOD_IDS)


def test_a_jsonl_line_too_long_to_hold_is_passed_over_and_the_next_rows_are_coded(capsys, corpus, monkeypatch):
    monkeypatch.setattr(readers, "MAX_LINE_CHARS", 100_000)  # (the real limit is some 30 million)
    long_row = json.dumps({"id": "jl-long", "text": "Markets were open. " * 16_000})
    path = corpus / "feed.jsonl"
    path.write_text("\n".join([json.dumps({"id": "jl-mali", "text": MALI}), long_row,
                               json.dumps({"id": "jl-mopti", "text": MOPTI})]) + "\n", encoding="utf-8")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    assert one_error(errors, f"{path}#2") == (f"line 2: too long for a news article (a "
                                              f"{(len(long_row) + 1) / 1e6:.1f} MB line; the limit is 5 MB of text)")
    assert_coded(out, [*GOOD_IDS, "jl-mali", "jl-mopti"])


# ----------------------------------------------------------------------------- found in review

def test_a_path_too_long_or_a_looping_link_in_a_folder_not_named_in_utf8_never_stops_the_run(capsys, corpus):
    folder = os.path.join(os.fsencode(corpus), b"caf\xe9")  # (a name from a legacy archive)
    os.makedirs(os.path.join(folder, b"sub"))
    os.symlink(b"..", os.path.join(folder, b"sub", b"up"))
    with open(os.path.join(folder, b"sub", b"mopti.txt"), "w", encoding="utf-8") as fh:
        fh.write(MOPTI)
    long_name = corpus.parent / ("x" * 300 + ".txt")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, long_name, "--out", out)
    assert status == EXIT_PARTIAL
    assert errors == [
        f"error: {corpus}/caf\ufffd/sub/up: symbolic link loop: leads back to {corpus}/caf\ufffd, "
        "a folder being read (not followed)",
        f"error: {long_name}: cannot read: file name too long",
    ]
    assert_coded(out, [*GOOD_IDS, "mopti"])


def test_nul_characters_in_jsonl_and_csv_rows_are_dropped_and_a_number_json_cannot_hold_is_one_line(capsys, corpus):
    rows = [json.dumps({"id": "jn-mali", "text": MALI.replace("army", "ar\u0000my", 1)}),
            '{"id": ' + "7" * 5000 + ', "text": "a number too long for Python to read"}',
            json.dumps({"id": "jn-mopti", "text": MOPTI})]
    path = corpus / "feed.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (corpus / "table.csv").write_text(f'id,text\ncn-yemen,"{YEMEN.replace(chr(10), " ")}\x00"\n', encoding="utf-8")
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert status == EXIT_PARTIAL
    assert len(errors) == 1 and errors[0].startswith(f"error: {path}#2: line 2: JSON that cannot be read (")
    docs = assert_coded(out, [*GOOD_IDS, "jn-mali", "jn-mopti", "cn-yemen"])
    assert all("\x00" not in d.text for d, _ in docs.values())
    assert "army" in docs["jn-mali"][0].text


def test_a_page_declaring_a_charset_that_is_no_text_encoding_is_read_all_the_same(capsys, corpus):
    page = (b'<html><head><meta charset="rot13"><title>Camp attacked</title></head><body><article><p>'
            + MOPTI.split("\n\n")[1].encode("cp1252") + b' Caf\xe9 owners closed early.</p></article></body></html>')
    (corpus / "page.html").write_bytes(page)
    out = corpus.parent / "out"
    status, errors = run(capsys, corpus, "--out", out)
    assert (status, errors) == (0, [])
    docs = assert_coded(out, [*GOOD_IDS, "page"])
    assert "Café owners" in docs["page"][0].text
