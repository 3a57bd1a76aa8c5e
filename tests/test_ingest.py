"""Tests of frontlines.ingest: formats, decoding, metadata from the text, furniture removal.

Every input file is written into tmp_path by the test itself; the acceptance test on the
five seed articles reads ../shared when it exists and is skipped otherwise.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml

from frontlines.ingest import IngestError, read_paths, read_text
from frontlines.ingest import readers
from frontlines.ingest.dates import date_line, parse_date
from frontlines.model import Document

BODY = ("Government forces shelled the northern district on Tuesday, killing four civilians, "
        "a local monitoring group said.")
BODY2 = ("Thousands of residents fled towards the border during the night, aid agencies said, "
         "warning that camps were already full.")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def read_all(*paths) -> list[Document | IngestError]:
    return list(read_paths(paths))


def one_doc(path: Path) -> Document:
    items = read_all(path)
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


def one_error(path: Path) -> IngestError:
    items = read_all(path)
    assert len(items) == 1, items
    assert isinstance(items[0], IngestError), items[0]
    return items[0]


# ----------------------------------------------------------------------------- formats

def test_txt_file_gives_id_path_title_and_clean_text(tmp_path):
    path = write(tmp_path, "report-01.txt", f"Army shells northern district\n{BODY}\n{BODY2}\n")
    doc = one_doc(path)
    assert doc.id == "report-01"
    assert doc.path == str(path)
    assert doc.title == "Army shells northern district"
    assert doc.text == f"Army shells northern district\n\n{BODY}\n\n{BODY2}"
    assert doc.language == "en"
    assert doc.published is None and doc.published_how == "unknown"
    assert re.fullmatch(r"[0-9a-f]{64}", doc.content_hash)


def test_text_extension_and_markdown_front_matter(tmp_path):
    md = ("---\ntitle: Shelling in the north\ndate: 2021-03-04\noutlet: Example Wire\n---\n"
          f"# Shelling in the north\n\n**{BODY}** See [the map](https://example.org/map).\n\n"
          "![a photo](img.jpg)\n")
    doc = one_doc(write(tmp_path, "a.md", md))
    assert doc.title == "Shelling in the north"
    assert doc.published == dt.date(2021, 3, 4) and doc.published_how == "metadata"
    assert doc.outlet == "Example Wire"
    assert doc.text == f"Shelling in the north\n\n{BODY} See the map."
    assert one_doc(write(tmp_path, "b.text", BODY)).text == BODY


HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Army takes town | Example News</title>
<meta property="og:title" content="Army takes town after week of fighting">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2020-02-06T10:57:00+00:00">
<meta property="article:modified_time" content="2023-06-06T08:15:00+00:00">
<link rel="canonical" href="https://example.org/world/army-takes-town">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article><h1>Army takes town after week of fighting</h1>
<p>{body}</p>
<p>Follow us on Facebook, Twitter and Instagram to stay connected</p>
<p>{body2}</p>
</article>
<footer>Copyright 2020 Example News. All rights reserved.</footer>
</body></html>"""


def test_html_main_text_with_title_site_and_published_not_modified(tmp_path):
    doc = one_doc(write(tmp_path, "page.html", HTML_PAGE.format(body=BODY, body2=BODY2)))
    assert doc.id == "page"
    assert doc.title == "Army takes town after week of fighting"
    assert doc.outlet == "Example News"
    assert doc.published == dt.date(2020, 2, 6)
    assert doc.published_how == "metadata"
    assert doc.url == "https://example.org/world/army-takes-town"
    assert doc.text.startswith("Army takes town after week of fighting\n\n")
    assert BODY in doc.text and BODY2 in doc.text
    for furniture in ("Follow us", "Copyright", "Politics"):
        assert furniture not in doc.text


def test_html_falls_back_to_own_tag_stripper(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "_trafilatura", lambda html: None)
    page = HTML_PAGE.format(body=BODY, body2=BODY2).replace(".html", "")
    doc = one_doc(write(tmp_path, "page.htm", page))
    assert doc.title == "Army takes town after week of fighting"
    assert doc.outlet == "Example News"
    assert doc.published == dt.date(2020, 2, 6) and doc.published_how == "metadata"
    assert BODY in doc.text and BODY2 in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert "Follow us" not in doc.text


def test_html_modification_date_is_not_the_publication_date(tmp_path):
    page = (HTML_PAGE.format(body=f"Published: 1 March 2021</p><p>{BODY}", body2=BODY2)
            .replace('<meta property="article:published_time" '
                     'content="2020-02-06T10:57:00+00:00">', ""))
    doc = one_doc(write(tmp_path, "page.html", page))
    assert doc.published == dt.date(2021, 3, 1) and doc.published_how == "text"
    assert "Published" not in doc.text


def test_html_declared_legacy_charset(tmp_path):
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=windows-1251"><title>Заголовок статьи о войне</title></head>'
            f"<body><article><p>{RUSSIAN}</p><p>{RUSSIAN}</p></article></body></html>")
    doc = one_doc(write(tmp_path, "ru.html", page, encoding="cp1251"))
    assert RUSSIAN in doc.text
    assert doc.language == "ru"


def test_jsonl_broken_line_is_reported_and_other_rows_kept(tmp_path):
    lines = [
        json.dumps({"id": "r1", "text": BODY, "title": "Shelling", "url": "https://e.org/1",
                    "published": "2020-02-03", "outlet": "AP"}),
        '{"id": "r2", "text": "unterminated',
        "",
        json.dumps({"content": BODY2}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "r6", "title": "no text"}),
        json.dumps({"id": 7, "body": BODY}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.id for d in docs] == ["r1", "feed-4", "7"]
    assert [d.path for d in docs] == [f"{path}#1", f"{path}#4", f"{path}#7"]
    first = docs[0]
    assert (first.title, first.url, first.outlet) == ("Shelling", "https://e.org/1", "AP")
    assert first.published == dt.date(2020, 2, 3) and first.published_how == "metadata"
    assert docs[1].text == BODY2 and docs[2].text == BODY
    assert [e.path for e in errors] == [f"{path}#2", f"{path}#5", f"{path}#6"]
    assert errors[0].reason.startswith("line 2: invalid JSON")
    assert str(errors[0]).startswith(f"{path}#2: line 2: invalid JSON")
    assert "not a JSON object" in errors[1].reason
    assert "no text" in errors[2].reason


def test_ndjson_extension_is_jsonl(tmp_path):
    doc = one_doc(write(tmp_path, "x.ndjson", json.dumps({"text": BODY}) + "\n"))
    assert doc.id == "x-1"


def test_csv_rows_with_quoted_newlines_and_default_ids(tmp_path):
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["id", "title", "text", "published", "outlet", "url"])
    writer.writerow(["c1", "Shelling", f"{BODY}\n{BODY2}", "Feb 4, 2020", "Reuters", "u1"])
    writer.writerow(["", "", BODY2, "", "", ""])
    writer.writerow(["", "", "", "", "", ""])
    path = write(tmp_path, "table.csv", rows.getvalue())
    items = read_all(path)
    assert all(isinstance(i, Document) for i in items), items
    assert [d.id for d in items] == ["c1", "table-4"]
    assert [d.path for d in items] == [f"{path}#2", f"{path}#4"]
    assert items[0].text == f"{BODY}\n\n{BODY2}"
    assert items[0].published == dt.date(2020, 2, 4) and items[0].outlet == "Reuters"


def test_csv_with_content_alias_and_semicolons(tmp_path):
    doc = one_doc(write(tmp_path, "t.csv", f'id;content\nk9;"{BODY}"\n'))
    assert doc.id == "k9" and doc.text == BODY


def test_csv_without_text_column_gives_one_error(tmp_path):
    path = write(tmp_path, "bad.csv", "id,title\n1,Army advances\n2,Rebels retreat\n")
    error = one_error(path)
    assert error.path == str(path)
    assert "no text column" in error.reason


def test_unsupported_extension_and_missing_path(tmp_path):
    error = one_error(write(tmp_path, "notes.docx", b"whatever"))
    assert error.reason.startswith("unsupported file type")
    missing = tmp_path / "nope.txt"
    assert read_all(missing) == [IngestError(str(missing), "no such file or directory")]


# ----------------------------------------------------------------------------- folders

def test_folder_recursion_is_sorted_and_skips_hidden(tmp_path):
    write(tmp_path, "b.txt", BODY)
    write(tmp_path, "a/z.txt", BODY)
    write(tmp_path, "a/c/y.txt", BODY2)
    write(tmp_path, "a.txt", BODY2)
    write(tmp_path, ".hidden.txt", BODY)
    write(tmp_path, ".git/config.txt", BODY)
    write(tmp_path, "a/.cache/q.txt", BODY)
    first = [item.path for item in read_paths([tmp_path])]
    expected = [str(tmp_path / p) for p in ("a/c/y.txt", "a/z.txt", "a.txt", "b.txt")]
    assert first == expected
    assert [item.path for item in read_paths([tmp_path])] == first


def test_each_file_read_once_and_bad_file_does_not_stop_the_run(tmp_path):
    good = write(tmp_path, "good.txt", BODY)
    write(tmp_path, "bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    items = read_all(tmp_path, good)
    assert [type(i).__name__ for i in items] == ["IngestError", "Document"]


# ----------------------------------------------------------------------------- decoding

@pytest.mark.parametrize("data, kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (gzip.compress(BODY.encode()), "GZIP"),
])
def test_binary_renamed_txt_is_refused_by_type(tmp_path, data, kind):
    error = one_error(write(tmp_path, "article.txt", data))
    assert error.reason.startswith("not text: looks like")
    assert kind in error.reason


def test_zip_renamed_txt_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", BODY)
    error = one_error(write(tmp_path, "article.txt", buffer.getvalue()))
    assert "ZIP" in error.reason


def test_nul_bytes_are_refused(tmp_path):
    error = one_error(write(tmp_path, "blob.txt", b"abc\x00\x01\x02\xff\xfe\x00def\x00"))
    assert "NUL" in error.reason


def test_empty_file_is_an_error(tmp_path):
    assert "empty" in one_error(write(tmp_path, "empty.txt", b"")).reason
    assert "empty" in one_error(write(tmp_path, "blank.jsonl", b"\n  \n")).reason


ARABIC = ("قالت وكالة الأنباء الرسمية إن الجيش سيطر على البلدة يوم الأربعاء بعد معارك عنيفة "
          "مع الفصائل المسلحة في ريف المحافظة الجنوبي.")
RUSSIAN = ("Правительственные войска в среду взяли под контроль стратегический город после "
           "тяжелых боев с вооруженными группировками на юге провинции.")


@pytest.mark.parametrize("text, encoding, language", [
    (ARABIC, "cp1256", "ar"),
    (RUSSIAN, "cp1251", "ru"),
    (RUSSIAN, "utf-16", "ru"),  # Python writes a BOM for "utf-16"
    (BODY, "utf-16", "en"),
    (ARABIC, "utf-8-sig", "ar"),
])
def test_legacy_and_bom_encodings_decode(tmp_path, text, encoding, language):
    doc = one_doc(write(tmp_path, "article.txt", text, encoding=encoding))
    assert doc.text == text
    assert doc.language == language


def test_utf16_without_bom_decodes(tmp_path):
    doc = one_doc(write(tmp_path, "article.txt", BODY, encoding="utf-16-le"))
    assert doc.text == BODY


# ----------------------------------------------------------------------------- normalisation

def test_normalisation_newlines_spaces_blank_lines_nfc():
    decomposed = unicodedata.normalize("NFD", "Café in Zürich")
    raw = f"Title of report\r\n\r\n\r\n\r\n{decomposed} reopened.   \r\n{BODY}\u00a0\u00a0\r\n\n\n"
    doc = read_text(raw)
    assert doc.text == f"Title of report\n\nCafé in Zürich reopened.\n\n{BODY}"
    assert unicodedata.is_normalized("NFC", doc.text)


def test_hard_wrapped_paragraphs_are_unwrapped():
    wrapped = ("Government forces shelled the northern district on\n"
               "Tuesday, killing four civilians, a local monitoring\n"
               "group said on Wednesday morning.\n\n"
               "Thousands of residents fled towards the border during\n"
               "the night, aid agencies said, warning that camps were\n"
               "already full.\n")
    doc = read_text(wrapped)
    assert doc.text.split("\n\n") == [
        "Government forces shelled the northern district on Tuesday, killing four civilians, "
        "a local monitoring group said on Wednesday morning.",
        "Thousands of residents fled towards the border during the night, aid agencies said, "
        "warning that camps were already full."]


def test_content_hash_is_stable_and_covers_metadata():
    a = read_text(BODY, id="x")
    assert a.content_hash == read_text(BODY, id="y").content_hash
    assert a.content_hash != read_text(BODY, published=dt.date(2020, 1, 1)).content_hash
    assert a.content_hash != read_text(BODY, url="https://e.org").content_hash


def test_read_text_metadata_given_wins_and_is_marked_metadata():
    doc = read_text(f"Published: March 3, 2020\n{BODY}", id="stdin-1",
                    published="2020-03-05", outlet="Example", title="T")
    assert doc.published == dt.date(2020, 3, 5) and doc.published_how == "metadata"
    assert doc.outlet == "Example" and doc.id == "stdin-1"
    assert doc.text == BODY  # the metadata line is removed all the same


def test_short_text_has_no_language():
    assert read_text("Idlib, 2020").language == ""


# ----------------------------------------------------------------------------- metadata

def test_published_and_updated_line_picks_published():
    doc = read_text("Published: 09:12, March 3, 2021 | Updated: 14:40, May 1, 2022\n"
                    f"Army shells northern district\n{BODY}")
    assert doc.published == dt.date(2021, 3, 3)
    assert doc.published_how == "text"
    assert "Published" not in doc.text and "2022" not in doc.text
    assert doc.title == "Army shells northern district"


@pytest.mark.parametrize("line, expected", [
    ("Published on 3 March 2020", dt.date(2020, 3, 3)),
    ("Posted: Mar. 3, 2020 at 14:05 GMT", dt.date(2020, 3, 3)),
    ("First published Tue 3 Mar 2020 14.05 GMT", dt.date(2020, 3, 3)),
    ("Updated: 2023-06-06 | Published: 2020-03-03", dt.date(2020, 3, 3)),
])
def test_publication_line_variants(line, expected):
    doc = read_text(f"Army shells northern district\n{line}\n{BODY}")
    assert doc.published == expected and doc.published_how == "text"
    assert doc.text == f"Army shells northern district\n\n{BODY}"


def test_sentence_starting_with_posted_on_is_kept():
    sentence = "Posted on 3 March 2021, the video shows troops entering the town square."
    doc = read_text(f"Army shells northern district\n{sentence}\n{BODY}")
    assert sentence in doc.text and doc.published is None


def test_update_line_alone_is_not_a_publication_date():
    doc = read_text(f"Army shells northern district\nLast updated: June 6, 2023\n{BODY}")
    assert doc.published is None and doc.published_how == "unknown"
    assert "Last updated" not in doc.text


def test_byline_with_agency_and_date():
    doc = read_text("You are here\nArmy says it retakes key town\n"
                    "By AFP - Jan 29,2020 - Last updated at Jan 30,2020\n" + BODY)
    assert doc.outlet == "AFP"
    assert doc.published == dt.date(2020, 1, 29) and doc.published_how == "text"
    assert doc.title == "Army says it retakes key town"
    assert doc.text == f"Army says it retakes key town\n\n{BODY}"


@pytest.mark.parametrize("byline, outlet", [
    ("By Xinhua", "Xinhua"),
    ("By Jane Doe | Reuters", "Reuters"),
    ("By Jane Doe, Agence France-Presse", "AFP"),
    ("By Reuters Staff", "Reuters"),
    ("By Jane Doe", ""),
])
def test_byline_outlet_only_for_agencies(byline, outlet):
    doc = read_text(f"Army shells northern district\n{byline}\n{BODY}")
    assert doc.outlet == outlet
    assert byline not in doc.text


def test_sentence_starting_with_by_is_not_a_byline():
    text = f"Army shells northern district\nBy Wednesday, the army had entered the town.\n{BODY}"
    assert "By Wednesday" in read_text(text).text


def test_date_line_under_the_title():
    doc = read_text(f"Rebels claim victory in key town\n\nFebruary 27, 2020\n\n{BODY}")
    assert doc.published == dt.date(2020, 2, 27) and doc.published_how == "text"
    assert doc.text == f"Rebels claim victory in key town\n\n{BODY}"


@pytest.mark.parametrize("line, expected", [
    ("February 27, 2020", dt.date(2020, 2, 27)),
    ("27 February 2020", dt.date(2020, 2, 27)),
    ("2020-02-27", dt.date(2020, 2, 27)),
    ("Feb. 27, 2020", dt.date(2020, 2, 27)),
    ("Thursday, 27th Feb 2020, 10:57 GMT", dt.date(2020, 2, 27)),
    ("27.02.2020", dt.date(2020, 2, 27)),
    ("27/02/2020", dt.date(2020, 2, 27)),
    ("02/03/2020", None),  # day-month order unknowable
    ("The army entered the town on February 27, 2020", None),
    ("February 27, 2999", None),  # never a future date
])
def test_date_line_formats(line, expected):
    assert date_line(line) == expected


def test_parse_date_of_metadata_fields():
    assert parse_date("2020-02-06T10:57:00+00:00") == dt.date(2020, 2, 6)
    assert parse_date("10:57, February 6, 2020") == dt.date(2020, 2, 6)
    assert parse_date("not a date") is None


def test_date_far_down_the_text_is_not_a_publication_date():
    paragraphs = [f"Paragraph {i}. {BODY}" for i in range(10)] + ["February 27, 2020"]
    assert read_text("\n".join(paragraphs)).published is None


def test_dateline_gives_agency_code():
    doc = read_text(f"Army shells northern district\nCITYNAME, (XY) – {BODY}")
    assert doc.outlet == "XY"
    assert doc.text.endswith(f"CITYNAME, (XY) – {BODY}")  # the dateline stays: it is the lede
    assert read_text(f"BEIRUT (Reuters) - {BODY}").outlet == "Reuters"
    assert read_text(f"CITY - {BODY}").outlet == ""


def test_site_furniture_gives_outlet_as_fallback():
    text = f"1. Skip to content\n  2. Skip to more Example sites\n\nRebels advance\n\n{BODY}"
    doc = read_text(text)
    assert doc.outlet == "Example"
    assert "Skip to" not in doc.text
    assert read_text(f"By AP\n{text}").outlet == "AP"


# ----------------------------------------------------------------------------- title

def test_title_is_first_headline_like_line_and_stays_in_text():
    doc = read_text(f"Skip to main menu\nRebels retake strategic town (video)\n{BODY}")
    assert doc.title == "Rebels retake strategic town (video)"
    assert doc.text.startswith("Rebels retake strategic town (video)\n\n")


def test_no_title_when_first_line_is_a_sentence():
    assert read_text(f"{BODY}\n{BODY2}").title == ""
    assert read_text("Rebels retake strategic town").title == ""  # a headline alone is the text


# ----------------------------------------------------------------------------- furniture

def test_furniture_lines_removed_caption_sentences_kept():
    caption = ("Soldiers advance through a village in the north of the province on "
               "Feb 5, 2020.")
    raw = "\n".join([
        "Skip to content",
        "Army shells northern district",
        f"{caption} (PHOTO / AFP)",
        "This handout photo released on Tuesday shows soldiers entering the town (AFP photo)",
        "Image: picture-alliance/AP Photo/J. Doe",
        BODY,
        "Share this article",
        "READ MORE: Ministry says talks will resume next week",
        "Read also: Few options left for the negotiators",
        "ALSO READ: Watchdog says troops control most of the country",
        "|",
        "Advertisement",
        BODY2,
        "Follow us everywhere. For more news from us, follow our YouTube, Reddit, LinkedIn, "
        "Twitter and Facebook pages. Read our stories in AppStore or GooglePlay",
        "Do not miss the chance to subscribe to our newsletter.",
        "Subscribe",
        ">>Be a reporter: Write and send your article.<<",
        "Editorial team",
        "Source: Wire services, local media",
        "The point of view expressed in this article is the author's and does not necessarily "
        "reflect the site's editorial stance.",
        "abc/de (dpa, AP, Reuters)",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "With Reuters inputs",
        "Each day, Example sends out a selection of news and features. Sign up here.",
        "We use cookies to improve your experience.",
        "Copyright 2020 Example Media. All rights reserved.",
        "Follow us on Facebook, Twitter and Instagram to stay connected",
    ])
    doc = read_text(raw)
    assert doc.text.split("\n\n") == [
        "Army shells northern district",
        caption,
        "This handout photo released on Tuesday shows soldiers entering the town",
        BODY,
        BODY2,
    ]


def test_related_articles_list_is_cut_to_the_end():
    raw = "\n".join([
        "Army shells northern district", BODY, BODY2, "Related Articles",
        "CITY — The army on Tuesday recaptured most of the town, a semi-deserted",
        "CITY — Troops were poised Monday to enter the town of symbolic importance in the",
    ])
    doc = read_text(raw)
    assert doc.text == f"Army shells northern district\n\n{BODY}\n\n{BODY2}"


def test_navigation_menu_run_and_menu_bar_removed():
    raw = "\n".join(["Home", "World", "Middle East", "Opinion", "Home | World | Middle East",
                     "Army shells northern district", BODY, "Subheading of the piece", BODY2])
    doc = read_text(raw)
    assert doc.text.split("\n\n") == ["Army shells northern district", BODY,
                                      "Subheading of the piece", BODY2]


def test_text_of_only_furniture_is_an_error(tmp_path):
    error = one_error(write(tmp_path, "f.txt", "Skip to content\nSubscribe\nAdvertisement\n"))
    assert "no article text" in error.reason


# ----------------------------------------------------------------------------- seeds

def _gold() -> tuple[Path, dict]:
    seeds = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
    gold = seeds.parent / "gold" / "seeds.yaml"
    if not seeds.is_dir() or not gold.is_file():
        pytest.skip("../shared/seeds is not beside the repository")
    return seeds, yaml.safe_load(gold.read_text(encoding="utf-8"))


def test_seed_articles_dates_and_no_furniture():
    seeds, gold = _gold()
    items = list(read_paths([seeds]))
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert not errors
    docs = {d.id: d for d in items}
    expected = {entry["id"]: entry.get("published") for entry in gold["documents"]}
    assert set(docs) == set(expected)
    for doc_id, published in expected.items():
        doc = docs[doc_id]
        if published is None:
            assert doc.published is None, doc_id
            assert doc.published_how == "unknown"
        else:
            assert doc.published == published, doc_id
            assert doc.published_how == "text"
    [furniture_rule] = [rule for rule in gold["must_not"] if "furniture" in rule]
    banned = re.findall(r'"([^"]+)"', furniture_rule)
    assert {"Skip to content", "AppStore", "YouTube", "Follow us on Facebook"} <= set(banned)
    for doc in docs.values():
        assert doc.text and doc.title and doc.language == "en"
        assert doc.text.startswith(doc.title)
        for phrase in banned:
            assert phrase not in doc.text, (doc.id, phrase)
