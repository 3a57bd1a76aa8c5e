"""The report and the served page in a real browser: Debian's chromium, driven by Playwright's
Python client (no browser download: Playwright is pointed at the system's chromium).

Skipped when Playwright or chromium is missing; .ci/run installs both. A screenshot of the seed
report is written to test-artifacts/ (or $FRONTLINES_ARTIFACTS) for people to look at.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api")

import frontlines  # noqa: E402

CHROMIUM = os.environ.get("FRONTLINES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("FRONTLINES_ARTIFACTS") or Path(__file__).resolve().parents[1] / "test-artifacts")

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def open_page(browser, url: str):
    """The page at url, with every request it made and every console error or page error."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests, problems = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, requests, problems


def shown(page) -> int:
    return page.locator("svg.map a[data-date]:visible").count()


def test_the_seed_report_loads_offline_without_errors_and_shows_events_and_control(browser, seeds_run):
    out, result = seeds_run
    url = (out / "report.html").resolve().as_uri()
    page, requests, problems = open_page(browser, url)
    assert requests == [url]  # nothing outside its own file: no script, font, style or tile
    assert problems == []
    located = [e for e in result.events if e.latitude is not None]
    assert shown(page) == len(located) > 0
    assert page.locator("svg.map path.country").count() >= 1  # the offline base map
    # every place of the control timeline has its history drawn, and its holder named on the map
    control_text = page.locator("#control").inner_text()
    for period in result.control:
        assert period.location in control_text
    held = page.locator("svg.map text.held").all_text_contents()
    for period in result.control:
        if period.until is None:
            assert any(t.startswith(f"held by {period.controller} since {period.since}") for t in held), held
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-seeds.png"), full_page=True)
    assert (ARTIFACTS / "report-seeds.png").stat().st_size > 10_000
    page.close()


def test_the_date_filter_and_the_timeline_brush_change_what_is_shown(browser, seeds_run):
    out, result = seeds_run
    page, _, problems = open_page(browser, (out / "report.html").resolve().as_uri())
    dated = sorted(e.event_date.isoformat() for e in result.events if e.latitude is not None and e.event_date)
    everything = shown(page)
    middle = dated[len(dated) // 2]
    page.fill("#f-from", middle)
    page.dispatch_event("#f-from", "change")
    assert shown(page) == sum(d >= middle for d in dated) < everything
    rows = page.locator("details.ev:visible").count()
    assert page.locator("#f-count").inner_text().startswith(f"{rows} of {len(result.events)} events")
    page.click("#f-clear")
    assert shown(page) == everything
    # a drag across the left third of the timeline keeps the dates under it
    box = page.locator("#tl").bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 3, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    start, end = page.input_value("#f-from"), page.input_value("#f-to")
    assert start and end and start < end
    assert shown(page) == sum(start <= d <= end for d in dated) < everything
    assert page.locator("#tl-brush").is_visible()
    assert problems == []
    page.close()


ARTICLE = {"id": "hostile", "published": "2021-03-12", "outlet": "Test Wire",
           "title": "<script>window.__pwned = 1</script> Market shelled",
           "text": "Rebels shelled the market of Gao on Thursday, killing three people, according to a "
                   "sign reading <img src=x onerror=\"window.__pwned = 2\"> near the stalls, officials said."}


def test_markup_in_an_article_is_shown_as_text_in_the_report_and_in_the_app(browser, tmp_path, serve_app):
    from frontlines.serve import create_app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    frontlines.run([tmp_path / "in"], out=tmp_path / "out")
    port = serve_app(create_app(str(tmp_path / "out" / "frontlines.sqlite")))
    for url in ((tmp_path / "out" / "report.html").resolve().as_uri(), f"http://127.0.0.1:{port}/"):
        page, requests, problems = open_page(browser, url)
        assert page.evaluate("window.__pwned === undefined"), url  # neither ran
        text = page.locator("body").inner_text()
        assert "<script>window.__pwned = 1</script>" in text, url  # the title, as text
        assert 'onerror="window.__pwned = 2"' in text, url  # the quote, as text
        assert page.locator("img").count() == 0 and problems == []
        assert requests[0] == url and all(r.startswith(url) for r in requests)  # its own file, or server
        page.close()
    # the API's docs page works offline too: every request goes to the server itself
    page, requests, problems = open_page(browser, f"http://127.0.0.1:{port}/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=10_000)  # the routes, drawn by its script
    assert all(r.startswith(f"http://127.0.0.1:{port}/") for r in requests), requests
    assert problems == []
    page.close()
