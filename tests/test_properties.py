"""Property tests (hypothesis): date resolution, number parsing, name normalisation, HTML
extraction and text normalisation never raise on any input and keep their promises; and the
ingest fuzz harness (fuzz/ingest_fuzz.py) runs without atheris on tricky inputs."""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.code import timex
from frontlines.code.numbers import number_at
from frontlines.geo.names import name_key, skeleton, spelling
from frontlines.ingest import dates, metadata
from frontlines.ingest.errors import IngestError
from frontlines.ingest.normalize import normalize, normalize_lines, paragraphs
from frontlines.ingest.readers import _parse_page, read_html
from frontlines.model import Document, TimeExpr
from frontlines.resources import load_yaml

ROOT = Path(__file__).resolve().parents[1]

# quick and reproducible enough for CI on a noisy machine; no example database in the repo
PROPERTY = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(PROPERTY, max_examples=60)

TODAY = dt.date.today()
LATEST = TODAY + dt.timedelta(days=1)  # ingest's bound: one day of slack for time zones
EARLIEST = dt.date(1990, 1, 1)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SMALL = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

publication_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


# ============================================================================ date resolution

TIME_WORDS = [
    "on", "late", "early", "last", "this", "since", "in", "from", "ago", "days", "day", "weeks",
    "week", "months", "month", "years", "year", "yesterday", "today", "tonight", "overnight",
    "last night", "this week", "last week", "earlier this month", "last month", "this month",
    "last weekend", "over the weekend", "recently", "in recent days", "the past few days",
    "a few", "several", "a couple of", "nearly", "more than", "morning", "evening", "night",
    "-", ",", "of", "the", "rebels", "said", "2020-02-30", "1999-12-31", "31st", "3rd",
] + MONTHS + [m[:3] + "." for m in MONTHS] + WEEKDAYS + SMALL

time_texts = st.lists(
    st.one_of(st.sampled_from(TIME_WORDS),
              st.integers(min_value=0, max_value=10**12).map(str),
              st.integers(min_value=1890, max_value=2110).map(str),
              st.text(max_size=8)),
    max_size=14).map(" ".join)


@PROPERTY
@given(text=st.one_of(time_texts, st.text(max_size=200)),
       published=st.one_of(st.none(), publication_dates))
def test_time_expressions_in_any_text_never_resolve_after_publication(text, published):
    for start, end, expr in timex.find(text):
        assert 0 <= start < end <= len(text)
        first, last, precision = timex.resolve(expr, published)
        if first is None:
            assert (last, precision) == (None, 0)
            continue
        assert first <= last and precision in (1, 2, 3)
        if published is not None:
            assert last <= published, (expr, published, first, last)
        assert timex.best_date(first, last, precision, expr) in (first, last)


@PROPERTY
@given(n=st.integers(min_value=0, max_value=10**15),
       unit=st.sampled_from(["days", "weeks", "months", "years"]), published=publication_dates)
def test_any_count_of_units_ago_resolves_to_the_past_or_to_nothing(n, unit, published):
    # "3000 years ago" and "99999999 weeks ago" once raised (a date before year 1) and stopped
    # the coding of the whole document
    [(_, _, expr)] = timex.find(f"the town fell {n} {unit} ago")
    first, last, precision = timex.resolve(expr, published)
    if first is not None:
        assert first <= last <= published
    else:
        assert precision == 0


@PROPERTY
@given(n=st.integers(min_value=1, max_value=5000), published=publication_dates)
def test_n_days_ago_is_that_many_days_before_publication(n, published):
    [(_, _, expr)] = timex.find(f"Rebels took the village {n} days ago, a monitor said.")
    assert timex.resolve(expr, published) == (published - dt.timedelta(days=n),) * 2 + (1,)


@PROPERTY
@given(n=st.integers(min_value=1, max_value=10), published=publication_dates)
def test_a_number_word_of_days_ago_is_that_many_days_before_publication(n, published):
    [(_, _, expr)] = timex.find(f"Rebels took the village {SMALL[n - 1]} days ago.")
    day = published - dt.timedelta(days=n)
    assert timex.resolve(expr, published) == (day, day, 1)


@PROPERTY
@given(weekday=st.integers(min_value=0, max_value=6), published=publication_dates,
       part=st.sampled_from(["", " morning", " night"]))
def test_a_weekday_is_the_latest_such_day_on_or_before_publication(weekday, published, part):
    [(_, _, expr)] = timex.find(f"Fighters attacked the post on {WEEKDAYS[weekday]}{part}.")
    first, last, precision = timex.resolve(expr, published)
    assert first == last and precision == 1
    assert first.weekday() == weekday and 0 <= (published - first).days <= 6


@PROPERTY
@given(published=publication_dates)
def test_last_month_is_the_whole_calendar_month_before_publication(published):
    [(_, _, expr)] = timex.find("The army shelled the area last month.")
    first, last, precision = timex.resolve(expr, published)
    assert precision == 3 and first.day == 1
    assert last + dt.timedelta(days=1) == published.replace(day=1)


@PROPERTY
@given(day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
       published=publication_dates)
def test_a_date_without_its_year_is_the_latest_such_day_not_after_publication(day, published):
    [(_, _, expr)] = timex.find(f"Troops entered the city on {MONTHS[day.month - 1]} {day.day}.")
    first, last, precision = timex.resolve(expr, published)
    if first is None:  # February 29 in a year that has none
        assert (day.month, day.day) == (2, 29)
        return
    assert first == last and precision == 1 and (first.month, first.day) == (day.month, day.day)
    assert first <= published and first.year in (published.year, published.year - 1)


def _date_formats(day: dt.date) -> list[str]:
    month = MONTHS[day.month - 1]
    out = [f"{month} {day.day}, {day.year}", f"{month[:3]}. {day.day}, {day.year}",
           f"{month[:3]} {day.day},{day.year}", f"{day.day} {month} {day.year}",
           f"{day.day}th of {month[:3]} {day.year}", day.isoformat(),
           f"{day.isoformat()}T09:12:00Z", f"{day.year}/{day.month:02d}/{day.day:02d}",
           f"{day.day:02d}.{day.month:02d}.{day.year}", f"09:12, {month} {day.day}, {day.year}"]
    if day.day > 12 or day.day == day.month:  # a slashed date only when its order is plain
        out.append(f"{day.day:02d}/{day.month:02d}/{day.year}")
    return out


@PROPERTY
@given(day=st.dates(min_value=EARLIEST, max_value=TODAY), which=st.integers(min_value=0))
def test_a_publication_date_written_any_usual_way_parses_to_itself(day, which):
    formats = _date_formats(day)
    written = formats[which % len(formats)]
    assert dates.parse_date(written) == day, written
    assert dates.parse_date(written, fallback=False) == day, written


@PROPERTY
@given(day=st.dates(min_value=TODAY + dt.timedelta(days=2), max_value=dt.date(2099, 12, 31)))
def test_a_date_in_the_future_is_never_a_publication_date(day):
    # "04.12.2026" (the 4th of December) once came back as April 12 from dateparser's fallback
    for written in _date_formats(day):
        assert dates.parse_date(written) is None, written


@PROPERTY
@given(day=st.dates(min_value=EARLIEST, max_value=TODAY).filter(lambda d: d.day <= 12 and d.day != d.month))
def test_a_slashed_date_whose_order_is_unsure_is_not_read(day):
    assert dates.parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}") is None
    assert dates.parse_date(f"{day.month:02d}/{day.day:02d}/{day.year}") is None


@PROPERTY
@given(text=st.one_of(time_texts, st.text(max_size=120)))
def test_parse_date_of_any_text_is_none_or_a_plausible_publication_date(text):
    for value in (dates.parse_date(text), dates.parse_date(text, fallback=False),
                  dates.date_line(text)):
        assert value is None or EARLIEST <= value <= LATEST


@PROPERTY
@given(published=st.dates(min_value=EARLIEST, max_value=TODAY), later=st.integers(0, 2000))
def test_a_publication_line_gives_the_publication_never_the_update(published, later):
    updated = min(TODAY, published + dt.timedelta(days=later))
    line = (f"Published: 09:12, {MONTHS[published.month - 1]} {published.day}, {published.year}"
            f" | Updated: {updated.isoformat()}")
    assert metadata.publication_line(line) == (True, published)
    head = metadata.scan_head(["Army retakes the hill", line, "Troops retook the hill."])
    assert head.published == published and head.drop == {1}


# ============================================================================ number parsing

def english(n: int) -> list[str]:
    """n in English words, as tokens: 312000 -> three hundred and twelve thousand."""
    names = {**{w: i + 1 for i, w in enumerate(SMALL)}, "eleven": 11, "twelve": 12,
             "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
             "eighteen": 18, "nineteen": 19}
    by_value = {v: w for w, v in names.items()}
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def below_hundred(k: int) -> str:
        if k in by_value:
            return by_value[k]
        return tens[k // 10] + ("-" + by_value[k % 10] if k % 10 else "")

    words: list[str] = []
    for name, scale in (("billion", 10**9), ("million", 10**6), ("thousand", 10**3), ("", 1)):
        group, n = divmod(n, scale)
        if not group:
            continue
        hundreds, rest = divmod(group, 100)
        if hundreds:
            words += [below_hundred(hundreds), "hundred"] + (["and"] if rest else [])
        if rest:
            words.append(below_hundred(rest))
        if name:
            words.append(name)
    return words


def split_hyphens(words: list[str]) -> list[str]:
    """As spaCy tokenizes "twenty-five": twenty, -, five."""
    out: list[str] = []
    for w in words:
        a, sep, b = w.partition("-")
        out += [a, "-", b] if sep else [w]
    return out


NUMBER_TOKENS = (SMALL + ["eleven", "twelve", "twenty", "ninety", "twenty-one", "hundred",
                          "thousand", "million", "billion", "dozen", "a", "an", "and", "-", ",",
                          "k", "1,200", "3.5", "007", "people", "hundreds", "dozens"])
tokens = st.lists(st.one_of(st.sampled_from(NUMBER_TOKENS), st.text(max_size=6),
                            st.integers(min_value=0).map(str)), max_size=12)


@PROPERTY
@given(words=tokens, start=st.integers(min_value=0, max_value=12))
def test_number_parsing_never_raises_and_reads_forward(words, start):
    value, end = number_at(words, start)
    if value is None:
        assert end == start
    else:
        assert isinstance(value, int) and value >= 0 and start < end <= len(words)


@PROPERTY
@given(n=st.integers(min_value=0, max_value=10**12 - 1))
def test_digits_with_or_without_thousands_separators_parse_to_their_value(n):
    assert number_at([f"{n:,}", "people"]) == (n, 1)
    assert number_at([str(n), "people"]) == (n, 1)


@PROPERTY
@given(n=st.integers(min_value=1, max_value=10**12 - 1), hyphens=st.booleans())
def test_numbers_written_in_english_words_parse_to_their_value(n, hyphens):
    words = english(n)
    if hyphens:
        words = split_hyphens(words)
    assert number_at(words + ["civilians", "were", "killed"]) == (n, len(words)), words


@PROPERTY
@given(n=st.integers(min_value=1, max_value=999), scale=st.sampled_from(
    [("thousand", 1_000), ("million", 1_000_000), ("billion", 1_000_000_000)]),
    digits=st.booleans())
def test_a_count_and_a_scale_word_multiply(n, scale, digits):
    count = [str(n)] if digits else split_hyphens(english(n))
    assert number_at(count + [scale[0], "displaced"]) == (n * scale[1], len(count) + 1)


@PROPERTY
@given(n=st.integers(min_value=1, max_value=10**9), hyphens=st.booleans())
def test_the_figures_reader_reads_the_whole_number_from_the_tokens(n, hyphens):
    # the coder's own entry point, on spaCy tokens: "three thousand" once read as 3
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from frontlines.code.events import _number
    from frontlines.code.figures import _value

    words = english(n)
    if hyphens:
        words = split_hyphens(words)
    doc = Doc(Vocab(), words=["Some"] + words + ["people", "fled"])
    assert _value(doc[1]) == (n, len(words))
    assert _number(doc[1]) == n


def test_numbers_in_words_reach_the_coded_figures_and_fatalities(extract):
    result = extract("Militants attacked the town of Djibo in Burkina Faso on Monday, killing "
                     "three hundred civilians, officials said. Two thousand people fled the "
                     "town, the UN said.")
    assert sorted((f.kind, f.value) for f in result.figures) == [("displaced", 2000), ("killed", 300)]
    assert [e.fatalities for e in result.events] == [300]


# ============================================================================ name normalisation

@PROPERTY
@given(name=st.text(max_size=40))
def test_name_key_of_any_text_is_its_own_key(name):
    key = name_key(name)
    assert name_key(key) == key
    assert key == key.strip() and "  " not in key
    assert skeleton(key) == skeleton(name)
    assert spelling(key) == spelling(name)


letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)
place_names = st.lists(letters, min_size=1, max_size=4)


@PROPERTY
@given(words=place_names, marks=st.lists(st.sampled_from("\u0301\u0300\u0302\u0308\u0327\u0323"),
                                         min_size=1, max_size=6), data=st.data())
def test_case_accents_and_separators_do_not_change_a_name_key(words, marks, data):
    name = " ".join(words)
    accented = "".join(c + (data.draw(st.sampled_from(marks)) if c.isalpha() else "")
                       for c in name)
    separated = data.draw(st.sampled_from(["-", " - ", "_", "  ", ". "])).join(words)
    key = name_key(name)
    assert name_key(name.upper()) == key
    assert name_key(accented) == key, accented
    assert name_key(separated) == key, separated


@PROPERTY
@given(data=st.data(), words=place_names)
def test_every_variant_of_a_transliterated_word_gives_one_key(data, words):
    groups = load_yaml("transliteration.yaml")["word_variants"]
    group = data.draw(st.sampled_from(groups))
    a, b = data.draw(st.sampled_from(group)), data.draw(st.sampled_from(group))
    assert name_key(" ".join([a] + words)) == name_key(" ".join([b] + words)), (a, b)


ARTICLES = frozenset(load_yaml("transliteration.yaml")["articles"])


@PROPERTY
@given(article=st.sampled_from(sorted(ARTICLES)),
       words=st.lists(letters.filter(lambda w: w not in ARTICLES), min_size=1, max_size=4),
       joiner=st.sampled_from(["-", " ", "\u2011"]))
def test_the_arabic_article_does_not_change_a_name_key(article, words, joiner):
    with_article = " ".join(words[:-1] + [article + joiner + words[-1]])
    assert name_key(with_article) == name_key(" ".join(words)), with_article


# ============================================================================ normalisation

@PROPERTY
@given(text=st.one_of(st.text(max_size=300), st.lists(st.sampled_from(
    ["\r\n", "\n", "\n\n", "\r", " ", "\t", "\u00a0", "\u200b", "\u2028", "e", "\u0301", "word",
     "Word.", "\x0c", "\ufeff", "a line that goes on for a while"]), max_size=40).map("".join)))
def test_normalisation_never_raises_and_is_idempotent(text):
    clean = normalize(text)
    assert normalize(clean) == clean
    assert normalize_lines(normalize_lines(text)) == normalize_lines(text)
    assert "\r" not in clean and "\n\n\n" not in clean and "\t" not in clean
    assert all(line == line.strip() for line in clean.split("\n"))
    assert "\n\n".join(paragraphs(clean)) == clean


# ============================================================================ HTML extraction

VOCABULARY = ["troops", "village", "fighting", "river", "market", "convoy", "road", "district",
              "water", "bridge", "council", "families", "shelter", "winter", "supplies", "aid",
              "hospital", "crossing", "residents", "the", "of", "and", "near", "after", "fish",
              "&", "<", "5>4", "\"quoted\"", "O'Neil", "caf\u00e9", "\u0633\u0631\u0627\u0642\u0628"]
sentences = st.lists(st.sampled_from(VOCABULARY), min_size=8, max_size=16).map(
    lambda ws: " ".join(ws).capitalize() + ".")
#: elements whose text a browser never shows as the page's text
SCRIPTS = ["script", "style"]
FRAMES = ["iframe", "noscript", "template"]


def hidden(tags: list[str]):
    return st.tuples(st.sampled_from(tags), st.integers(0, 10**6),
                     st.sampled_from(["", "<p>", "</p>", "document.write('<p>", "{color:red}"]))


def _page(paras: list[str], hides: list[tuple[str, int, str]], order: list[bool]) -> str:
    """A page with the paragraphs and the hidden elements interleaved as ``order`` says."""
    body, hi, pi = [], iter(hides), iter(paras)
    for take_hidden in order:
        item = next(hi, None) if take_hidden else next(pi, None)
        if item is None:
            continue
        if take_hidden:
            tag, n, extra = item
            body.append(f"<{tag}>hiddenmarker{n} {extra} hiddenmarker{n}</{tag}>")
        else:
            body.append(f"<p>{html.escape(item)}</p>")
    body += [f"<p>{html.escape(p)}</p>" for p in pi]
    body += [f"<{tag}>hiddenmarker{n} {extra}</{tag}>" for tag, n, extra in hi]
    return ("<html><head><title>Aid reaches the valley</title><style>hiddenmarker0 {}</style>"
            "<script>var hiddenmarker1 = 1;</script></head><body><article>"
            + "".join(body) + "</article></body></html>")


def _extracted(page: str) -> Document:
    [doc] = read_html(page, Path("page.html"), "page.html")
    assert isinstance(doc, Document)
    return doc


@FEW
@given(paras=st.lists(sentences, min_size=2, max_size=5),
       hides=st.lists(hidden(SCRIPTS + FRAMES), min_size=1, max_size=5),
       order=st.lists(st.booleans(), max_size=12))
def test_html_extraction_keeps_the_paragraphs_and_never_scripts_styles_frames_or_templates(paras, hides, order):
    doc = _extracted(_page(paras, hides, order))
    assert "hiddenmarker" not in doc.text and "hiddenmarker" not in doc.title
    assert doc.title == "Aid reaches the valley"
    for para in paras:
        assert para in doc.text, (para, doc.text)


@PROPERTY
@given(paras=st.lists(sentences, min_size=1, max_size=5),
       hides=st.lists(hidden(SCRIPTS + FRAMES), min_size=1, max_size=5),
       order=st.lists(st.booleans(), max_size=12))
def test_the_tag_stripper_keeps_the_paragraphs_and_never_scripts_styles_or_frames(paras, hides, order):
    parsed = _parse_page(_page(paras, hides, order))  # read_html's fallback
    assert "hiddenmarker" not in parsed.text
    assert parsed.title == "Aid reaches the valley"
    for para in paras:
        assert para in parsed.text.split("\n")


HTML_PIECES = ["<", ">", "</", "/>", "p", "div", "script", "style", "iframe", "title", "meta",
               "<!--", "-->", "<![CDATA[", "]]>", "&", "&#", "&#x", "amp;", ";", "\"", "'", "=",
               " ", "\n", "content", "property", "article:published_time", "2020-02-27",
               "datePublished", "{", "}", ":", "Troops took the hill on Monday.", "By Reuters",
               "Published: March 3, 2021"]


@PROPERTY
@given(page=st.one_of(st.text(max_size=300),
                      st.lists(st.sampled_from(HTML_PIECES), max_size=60).map("".join)))
def test_html_reader_and_its_tag_stripper_never_raise(page):
    parsed = _parse_page(page)
    assert isinstance(parsed.text, str) and isinstance(parsed.title, str)
    for item in read_html(page, Path("x.html"), "x.html"):
        assert isinstance(item, (Document, IngestError))
        if isinstance(item, Document):
            assert item.text.strip()
            assert item.published is None or EARLIEST <= item.published <= LATEST


# ============================================================================ the fuzz harness

@pytest.fixture(scope="module")
def harness():
    spec = importlib.util.spec_from_file_location("ingest_fuzz", ROOT / "fuzz" / "ingest_fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TRICKY = [
    b"",
    *(bytes([i]) for i in range(5)),  # each format, no body: refused as an empty file
    b"\x00It happened 3000 years ago, or 99999999 weeks ago.",
    b"\x00e\xe2\x80\x8b\xcc\x81 accented after an invisible space",
    b"\x04text\n" + b"9" * 400 + b" people were killed\n",
    b'\x03{"text": "\\ud800 lone surrogate", "published": "31/31/2020"}\n[1]\n"x"\n',
    b"\x03" + b'[{"text": "Posted as an array of rows on Monday."}]',
    b"\x02" + b"<script>" * 500 + b"<p>after</p>",
    b"\x02<meta property='article:published_time' content='2999-01-01'><p>Future page.</p>",
    b"\x01---\n---\n# \n",
    b"\x00\xef\xbb\xbf\xff\xfe",  # a UTF-8 BOM, then no UTF-8
    b"\x00" + "\ufeffTroops entered on Sunday.".encode("utf-16-le"),
    b"\x00Published: 09:12, March 3, 2021 | Updated: 14:40, May 1, 2022\nBy Reuters\n",
]


@pytest.mark.parametrize("data", TRICKY, ids=range(len(TRICKY)))
def test_the_fuzz_harness_runs_tricky_inputs_without_a_crash(harness, data):
    assert harness.one_input(data) is None


def test_the_fuzz_harness_runs_its_seed_inputs(harness):
    seeds = harness.seed_inputs()
    assert len(seeds) >= 10 and {data[0] for data in seeds.values()} == set(range(5))
    for data in seeds.values():
        harness.one_input(data)


def test_the_fuzz_harness_reports_a_broken_invariant_or_a_reader_exception(harness, monkeypatch):
    doc = harness.READERS[".txt"]("Troops entered the town on Sunday.", Path("a.txt"), "a.txt")
    [doc] = list(doc)
    from frontlines.model import replace

    with pytest.raises(AssertionError):
        harness._check_item(replace(doc, published=dt.date(2999, 1, 1), published_how="text"))
    with pytest.raises(AssertionError):
        harness._check_item(replace(doc, content_hash="0" * 64))

    def broken(text, path, display):
        raise ValueError("a reader bug")
        yield

    monkeypatch.setitem(harness.READERS, ".txt", broken)
    with pytest.raises(ValueError, match="a reader bug"):
        harness.one_input(b"\x00Some text")


def test_the_fuzz_runner_reads_the_executions_from_libfuzzers_output():
    spec = importlib.util.spec_from_file_location("fuzz_run", ROOT / "fuzz" / "run.py")
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    log = ("#2048\tpulse  cov: 10 ft: 20 corp: 5/1b exec/s: 600 rss: 200Mb\n"
           "Done 11648 runs in 61 second(s)\nstat::number_of_executed_units: 11648\n")
    assert runner.executions(log) == 11648
    assert runner.executions("#2048\tpulse  cov: 10\n#4096\tpulse  cov: 12\n") == 4096
    assert runner.executions("") == 0


def test_a_scale_word_alone_is_no_number_and_no_date_resolves_to_the_calendar_s_first_millennium():
    assert number_at(["million", "people"]) == (None, 0)  # "half a million": not 1,000,000
    assert number_at(["a", "million", "people"]) == (1_000_000, 2)
    published = dt.date(2020, 6, 1)
    assert timex.resolve(TimeExpr("ago", "2019 years ago", (2019, "year")), published) == (None, None, 0)
    assert timex.resolve(TimeExpr("ago", "3 years ago", (3, "year")), published)[2] == 3
