"""How big report.html is and how long Chromium takes to open it.

    python benchmarks/report_open.py [REPORT.html] [--rounds N]

Without a path, runs frontlines on ../shared/seeds into a temporary folder first. Opens the
report N times (default 10), each in a fresh page of Debian's chromium driven by Playwright,
and prints the file's size and, from navigation start (the browser's own clock), the time to
the load event and to the first contentful paint: fastest, median and slowest.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("report", nargs="?", type=Path)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args()
    report = args.report
    if report is None:
        import frontlines

        out = Path(tempfile.mkdtemp(prefix="fl-report-"))
        frontlines.run([ROOT.parent / "shared" / "seeds"], out=out)
        report = out / "report.html"
    size = report.stat().st_size
    print(f"{report}: {size:,} bytes ({size / 2**20:.2f} MiB)")

    from playwright.sync_api import sync_playwright

    loads, paints = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        browser.new_page().goto(report.resolve().as_uri())  # (a first, untimed start of the renderer)
        for _ in range(args.rounds):
            page = browser.new_page()
            page.goto(report.resolve().as_uri(), wait_until="load")
            timing = page.evaluate("""() => {
                const nav = performance.getEntriesByType('navigation')[0];
                const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                return [nav.loadEventEnd, fcp ? fcp.startTime : null];
            }""")
            loads.append(timing[0])
            if timing[1] is not None:
                paints.append(timing[1])
            page.close()
        browser.close()

    def line(name, ms):
        return f"{name:24} fastest {min(ms):6.0f} ms  median {statistics.median(ms):6.0f} ms  slowest {max(ms):6.0f} ms"

    print(line("load event", loads))
    if paints:
        print(line("first contentful paint", paints))


if __name__ == "__main__":
    main()
