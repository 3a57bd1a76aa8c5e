"""report.html: one self-contained page a person can read offline.

No external scripts, styles, fonts or images: the CSS (report.css, beside this file) is
inlined, the map and the control timeline are inline SVG, and the only script is a few lines
that open an event's row when the page is opened at its anchor. Every piece of text that
comes from an article (quotes, names, titles, notes, even ids) goes through ``esc``; colours
and CSS classes come from fixed tables here, never from the text.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from importlib import resources
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from frontlines.export.tables import document_published, events_by_document
from frontlines.model import Contradiction, ControlPeriod, Document, Event, Figure

#: ACLED's six event types, coloured after ACLED's own dashboard palette
EVENT_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
}
OTHER_COLOUR = "#7f7f7f"
CONTROLLER_COLOURS = {"government": "#c23b22", "opposition": "#2e8b57"}
#: for other controllers, in sorted order of their names
PALETTE = ("#1f77b4", "#9467bd", "#e6a700", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
           "#7f7f7f")
STATUSES = ("reported", "claimed", "contested", "denied")

MAP_WIDTH = 820
TIMELINE_WIDTH = 820
TIMELINE_LABEL = 190

_SCRIPT = (
    "function frOpen(){var t=document.getElementById(location.hash.slice(1));"
    "if(t&&t.tagName==='DETAILS'){t.open=true;}}"
    "window.addEventListener('hashchange',frOpen);frOpen();"
)


def esc(value: Any) -> str:
    """Text for HTML content or a quoted attribute: None is empty, everything escaped."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def _css() -> str:
    return resources.files("frontlines.export").joinpath("report.css").read_text(encoding="utf-8")


def _safe_url(url: str) -> str | None:
    """An article's URL if it is plain http(s); anything else (javascript:, data:) is not linked."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _fmt_float(x: float) -> str:
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def _event_colour(event_type: str) -> str:
    return EVENT_COLOURS.get(event_type, OTHER_COLOUR)


def _status_class(status: str) -> str:
    return status if status in STATUSES else "other"


def _badge(status: str) -> str:
    return f'<span class="badge {_status_class(status)}">{esc(status)}</span>'


def _join(values: Iterable[Any], sep: str = "; ") -> str:
    return sep.join(esc(v) for v in values if v not in (None, ""))


class _Anchors:
    """Stable, safe element ids for events and documents (by position, never from text)."""

    def __init__(self, events: Sequence[Event], documents: Sequence[Document]):
        self.event = {e.event_id_cnty: f"ev-{i}" for i, e in enumerate(events)}
        self.document = {d.id: f"doc-{i}" for i, d in enumerate(documents)}

    def event_link(self, event_id: str) -> str:
        anchor = self.event.get(event_id)
        return f'<a href="#{anchor}">{esc(event_id)}</a>' if anchor else esc(event_id)

    def document_link(self, doc_id: str) -> str:
        anchor = self.document.get(doc_id)
        return f'<a href="#{anchor}">{esc(doc_id)}</a>' if anchor else esc(doc_id)

    def document_links(self, doc_ids: Iterable[str]) -> str:
        return ", ".join(self.document_link(d) for d in doc_ids)


# -- header ----------------------------------------------------------------------------

def _header(documents, events, contradictions, control, figures) -> str:
    dates = sorted(e.event_date for e in events if e.event_date)
    span = f"{dates[0].isoformat()} to {dates[-1].isoformat()}" if dates else "no dated events"
    places = {(c.location, c.geonameid) for c in control}
    by_status: dict[str, int] = {}
    for e in events:
        by_status[e.claim_status] = by_status.get(e.claim_status, 0) + 1
    status_text = ", ".join(f"{n} {esc(s)}" for s, n in sorted(by_status.items()))
    counts = [
        (len(events), "events", "#events"),
        (len(documents), "documents", "#documents"),
        (len(contradictions), "contradictions", "#contradictions"),
        (len(control), f"control periods in {len(places)} place{'s' if len(places) != 1 else ''}",
         "#control"),
        (len(figures), "figures", "#figures"),
    ]
    items = "".join(f'<li><a href="{href}"><b>{n}</b></a>{label}</li>' for n, label, href in counts)
    return (
        '<header class="top"><div>'
        "<h1>frontlines report</h1>"
        f'<div class="muted">Events dated {span}'
        + (f" &middot; {status_text}" if status_text else "")
        + "</div>"
        f'<ul class="counts">{items}</ul>'
        '<nav class="small"><a href="#map">Map</a><a href="#events">Events</a>'
        '<a href="#control">Control timeline</a><a href="#contradictions">Contradictions</a>'
        '<a href="#figures">Figures</a><a href="#documents">Documents</a></nav>'
        "</div></header>"
    )


# -- map -------------------------------------------------------------------------------

_GRID_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 45, 90)


def _grid_step(span: float) -> float:
    for step in _GRID_STEPS:
        if span / step <= 7:
            return step
    return _GRID_STEPS[-1]


def _degrees(value: float, step: float, positive: str, negative: str) -> str:
    decimals = 0 if step >= 1 else (1 if step >= 0.1 else 2)
    hemisphere = positive if value >= 0 else negative
    return f"{abs(value):.{decimals}f}\u00b0{hemisphere}"


def _tooltip(e: Event) -> str:
    parts = [
        e.event_date.isoformat() if e.event_date else "undated",
        f"{e.sub_event_type or e.event_type}",
        e.location,
        " vs ".join(a for a in (e.actor1, e.actor2) if a),
        f"{e.fatalities} fatalities" if e.fatalities else "",
        e.claim_status,
    ]
    return esc(" \u00b7 ".join(p for p in parts if p))


def _map(events: Sequence[Event], anchors: _Anchors) -> str:
    located = [e for e in events if e.latitude is not None and e.longitude is not None
               and math.isfinite(e.latitude) and math.isfinite(e.longitude)]
    missing = len(events) - len(located)
    note = (f'<p class="muted small">{missing} event{"s" if missing != 1 else ""} without '
            "coordinates not shown.</p>") if missing else ""
    if not located:
        return '<p class="muted">No event has coordinates.</p>' + note

    lats = [e.latitude for e in located]
    lons = [e.longitude for e in located]
    mid_lat, mid_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    # the bounding box with a margin of 20% each side (and at least ~10 km across)
    half_lat = max(max(lats) - min(lats), 0.1) * 0.7
    half_lon = max(max(lons) - min(lons), 0.1) * 0.7
    kx = max(math.cos(math.radians(mid_lat)), 0.2)  # equirectangular, true at the middle
    proj_w, proj_h = 2 * half_lon * kx, 2 * half_lat
    width = MAP_WIDTH
    height = int(min(max(width * proj_h / proj_w, 320), 600))
    scale = min(width / proj_w, height / proj_h)
    ox = (width - proj_w * scale) / 2
    oy = (height - proj_h * scale) / 2
    lon0, lat1 = mid_lon - half_lon, mid_lat + half_lat

    def x(lon: float) -> float:
        return ox + (lon - lon0) * kx * scale

    def y(lat: float) -> float:
        return oy + (lat1 - lat) * scale

    out = [f'<svg class="map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           'role="img" aria-label="Map of the events" xmlns="http://www.w3.org/2000/svg">']

    # graticule over the whole visible area
    vis_lon0, vis_lon1 = lon0 - ox / (kx * scale), lon0 + (width - ox) / (kx * scale)
    vis_lat1, vis_lat0 = lat1 + oy / scale, lat1 - (height - oy) / scale
    step = _grid_step(max(vis_lon1 - vis_lon0, vis_lat1 - vis_lat0))
    k = math.ceil(vis_lon0 / step)
    while k * step <= vis_lon1:
        lon = round(k * step, 6)
        gx = _fmt_float(x(lon))
        out.append(f'<line class="grid" x1="{gx}" y1="0" x2="{gx}" y2="{height}"/>'
                   f'<text class="gridlabel" x="{gx}" y="{height - 4}" dx="3">'
                   f"{_degrees(lon, step, 'E', 'W')}</text>")
        k += 1
    k = math.ceil(vis_lat0 / step)
    while k * step <= vis_lat1:
        lat = round(k * step, 6)
        gy = _fmt_float(y(lat))
        out.append(f'<line class="grid" x1="0" y1="{gy}" x2="{width}" y2="{gy}"/>'
                   f'<text class="gridlabel" x="3" y="{gy}" dy="-3">'
                   f"{_degrees(lat, step, 'N', 'S')}</text>")
        k += 1

    # events at the same point are set on a small ring around it, in order
    at_point: dict[tuple[float, float], list[Event]] = {}
    for e in located:
        at_point.setdefault((round(e.latitude, 5), round(e.longitude, 5)), []).append(e)
    labels: dict[tuple[float, float], list[str]] = {}
    for (lat, lon), group in at_point.items():
        cx, cy = x(lon), y(lat)
        ring = 0 if len(group) == 1 else 6 + 1.5 * len(group)
        for i, e in enumerate(group):
            angle = 2 * math.pi * i / len(group) - math.pi / 2
            px, py = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
            radius = 5 + min(math.sqrt(max(e.fatalities or 0, 0)), 7)
            out.append(
                f'<a href="#{anchors.event[e.event_id_cnty]}">'
                f'<circle class="dot" cx="{_fmt_float(px)}" cy="{_fmt_float(py)}" '
                f'r="{_fmt_float(radius)}" fill="{_event_colour(e.event_type)}">'
                f"<title>{_tooltip(e)}</title></circle></a>"
            )
        names = labels.setdefault((lat, lon), [])
        for e in group:
            if e.location and e.location not in names:
                names.append(e.location)
    for (lat, lon), names in labels.items():
        if not names:
            continue
        group_size = len(at_point[(lat, lon)])
        offset = 10 + (0 if group_size == 1 else 6 + 1.5 * group_size)
        out.append(f'<text class="place" x="{_fmt_float(x(lon) + offset)}" '
                   f'y="{_fmt_float(y(lat) + 4)}">{esc(" / ".join(names))}</text>')
    out.append("</svg>")

    present = sorted({e.event_type for e in located},
                     key=lambda t: (t not in EVENT_COLOURS, list(EVENT_COLOURS).index(t)
                                    if t in EVENT_COLOURS else 0, t))
    legend = "".join(f'<span><span class="sw" style="background:{_event_colour(t)}"></span>'
                     f"{esc(t or 'untyped')}</span>" for t in present)
    return (f'<div class="legend">{legend}</div>' + "".join(out)
            + '<p class="muted small">Equirectangular projection fitted to the events; '
              "circle size grows with fatalities; click a circle for its evidence.</p>" + note)


# -- events ----------------------------------------------------------------------------

_EVENT_HEAD = ("Date", "Type", "Sub-event type", "Actor 1", "Actor 2", "Location",
               "Fatalities", "Status", "Sources")


def _event_details(e: Event, anchors: _Anchors) -> str:
    facts: list[tuple[str, str]] = [("event_id_cnty", esc(e.event_id_cnty))]
    if e.time_precision:
        facts.append(("time_precision", esc(e.time_precision)))
    if e.actor1 or e.inter1:
        facts.append(("actor1", f"{esc(e.actor1)} (inter1 {esc(e.inter1 or '')})"
                      + (f"; with {esc(e.assoc_actor_1)}" if e.assoc_actor_1 else "")))
    if e.actor2 or e.inter2:
        facts.append(("actor2", f"{esc(e.actor2)} (inter2 {esc(e.inter2 or '')})"
                      + (f"; with {esc(e.assoc_actor_2)}" if e.assoc_actor_2 else "")))
    if e.civilian_targeting:
        facts.append(("civilian_targeting", esc(e.civilian_targeting)))
    where = ", ".join(esc(p) for p in (e.location, e.admin3, e.admin2, e.admin1, e.country) if p)
    if e.latitude is not None and e.longitude is not None:
        where += f" ({e.latitude:.5f}, {e.longitude:.5f})"
    if e.geo_precision:
        where += f", geo_precision {esc(e.geo_precision)}"
    if where:
        facts.append(("where", where))
    if e.source:
        facts.append(("source", esc(e.source)))
    facts.append(("confidence", f"{e.confidence:.2f}"))
    if e.tags:
        facts.append(("tags", esc(e.tags)))
    if e.notes:
        facts.append(("notes", esc(e.notes)))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)

    quotes = []
    for ev in e.evidence:
        cite = [f"{anchors.document_link(ev.document)}, sentence {esc(ev.sentence)}, "
                f"characters {esc(ev.start)}\u2013{esc(ev.end)}"]
        if ev.claimant:
            cite.append(f"claimant: {esc(ev.claimant)}")
        cite.append(_badge(ev.stance))
        quotes.append(f"<li><blockquote>{esc(ev.quote)}</blockquote>"
                      f'<p class="cite">{" &middot; ".join(cite)}</p></li>')
    evidence = (f'<ol class="evidence">{"".join(quotes)}</ol>' if quotes
                else '<p class="muted small">No evidence recorded.</p>')
    return f'<div class="evbody"><dl>{dl}</dl>{evidence}</div>'


def _events(events: Sequence[Event], anchors: _Anchors) -> str:
    if not events:
        return '<p class="muted">No events.</p>'
    rows = ['<div class="evtable"><div class="evrow evhead">'
            + "".join(f'<span class="num">{h}</span>' if h == "Fatalities" else f"<span>{h}</span>"
                      for h in _EVENT_HEAD)
            + "</div>"]
    for e in events:
        type_cell = (f'<span class="sw" style="background:{_event_colour(e.event_type)}"></span>'
                     f"{esc(e.event_type)}")
        sources = esc(e.source)
        if e.documents:
            links = anchors.document_links(e.documents)
            sources = f"{sources}<br><span class=\"small\">{links}</span>" if sources else links
        cells = [
            esc(e.event_date.isoformat() if e.event_date else "undated"),
            type_cell,
            esc(e.sub_event_type),
            esc(e.actor1),
            esc(e.actor2),
            esc(e.location),
            esc(e.fatalities),
            _badge(e.claim_status),
            sources,
        ]
        summary = "".join(f'<span class="num">{c}</span>' if i == 6 else f"<span>{c}</span>"
                          for i, c in enumerate(cells))
        rows.append(f'<details class="ev" id="{anchors.event[e.event_id_cnty]}">'
                    f'<summary class="evrow">{summary}</summary>'
                    f"{_event_details(e, anchors)}</details>")
    rows.append("</div>")
    return "".join(rows)


# -- control timeline ------------------------------------------------------------------

def _controller_colours(control: Sequence[ControlPeriod]) -> dict[str, str]:
    colours = dict(CONTROLLER_COLOURS)
    others = sorted({c.controller for c in control} - set(colours))
    for i, name in enumerate(others):
        colours[name] = PALETTE[i % len(PALETTE)]
    return colours


def _ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    days = (end - start).days
    if days <= 16:
        step_days = 1 if days <= 8 else 2
        return [start + dt.timedelta(d) for d in range(0, days + 1, step_days)]
    if days <= 120:
        first = start + dt.timedelta((7 - start.weekday()) % 7)  # Mondays
        weeks = [first + dt.timedelta(7 * w) for w in range(0, days // 7 + 1)]
        weeks = [w for w in weeks if w <= end]
        every = max(1, math.ceil(len(weeks) / 10))
        return weeks[::every]
    months = []
    year, month = start.year, start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = dt.date(year, month, 1)
        if day > end:
            break
        months.append(day)
    every = max(1, math.ceil(len(months) / 10))
    return months[::every]


def _control(control: Sequence[ControlPeriod], events: Sequence[Event], anchors: _Anchors) -> str:
    if not control:
        return '<p class="muted">No control periods.</p>'
    colours = _controller_colours(control)
    places: dict[tuple[str, int | None], list[ControlPeriod]] = {}
    for c in control:
        places.setdefault((c.location, c.geonameid), []).append(c)

    dates = [d for c in control for d in (c.since, c.until, c.since_latest) if d]
    parts: list[str] = []
    if dates:
        start, end = min(dates), max(dates)
        dated_events = [e.event_date for e in events if e.event_date]
        if dated_events:  # show open periods running to the last news
            end = max(end, max(dated_events))
        if start == end:
            start, end = start - dt.timedelta(1), end + dt.timedelta(1)
        pad = max(1, (end - start).days // 30)
        # room after the last date for periods still open ("held since ... and still")
        tail = max(pad, (end - start).days // 8) if any(c.until is None for c in control) else pad
        start, end = start - dt.timedelta(pad), end + dt.timedelta(tail)
        track_w = TIMELINE_WIDTH - TIMELINE_LABEL - 10
        per_day = track_w / (end - start).days

        def tx(d: dt.date) -> float:
            return TIMELINE_LABEL + (d - start).days * per_day

        row_h, top = 26, 8
        height = top + row_h * len(places) + 24
        svg = [f'<svg class="timeline" viewBox="0 0 {TIMELINE_WIDTH} {height}" '
               f'width="{TIMELINE_WIDTH}" height="{height}" role="img" '
               'aria-label="Who controlled each place, over time" '
               'xmlns="http://www.w3.org/2000/svg"><defs>']
        for i, (name, colour) in enumerate(sorted(colours.items())):
            svg.append(f'<pattern id="hatch-{i}" patternUnits="userSpaceOnUse" width="6" height="6" '
                       f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{colour}" '
                       f'fill-opacity="0.25"/><rect width="3" height="6" fill="{colour}"/></pattern>')
        svg.append("</defs>")
        hatch = {name: f"hatch-{i}" for i, (name, _) in enumerate(sorted(colours.items()))}
        for d in _ticks(start, end):
            gx = _fmt_float(tx(d))
            anchor = "end" if tx(d) > TIMELINE_WIDTH - 32 else "middle"
            svg.append(f'<line class="tick" x1="{gx}" y1="{top - 4}" x2="{gx}" '
                       f'y2="{height - 18}"/><text class="axis" x="{gx}" y="{height - 6}" '
                       f'text-anchor="{anchor}">{d.isoformat()}</text>')
        for row, ((location, _gid), periods) in enumerate(places.items()):
            ry = top + row * row_h
            svg.append(f'<text class="rowlabel" x="{TIMELINE_LABEL - 8}" y="{ry + 16}" '
                       f'text-anchor="end">{esc(location)}</text>')
            for c in periods:
                x0 = tx(c.since) if c.since else tx(start)
                x1 = tx(c.until) if c.until else tx(end)
                w = max(x1 - x0, 3)
                colour = colours[c.controller]
                status = _status_class(c.status)
                if status == "contested":
                    fill = f'fill="url(#{hatch[c.controller]})"'
                elif status == "denied":
                    fill = f'fill="{colour}" fill-opacity="0.15"'
                elif status == "claimed":
                    fill = f'fill="{colour}" fill-opacity="0.6"'
                else:
                    fill = f'fill="{colour}"'
                since = c.since.isoformat() if c.since else "?"
                until = c.until.isoformat() if c.until else "open"
                tip = f"{c.location}: {c.controller}, {since} \u2013 {until} ({c.status})"
                if c.since_latest and c.since and c.since_latest != c.since:
                    tip += f"; changed between {since} and {c.since_latest.isoformat()}"
                if c.documents:
                    tip += "; documents " + ", ".join(c.documents)
                svg.append(f'<rect class="period {status}" x="{_fmt_float(x0)}" y="{ry + 4}" '
                           f'width="{_fmt_float(w)}" height="{row_h - 10}" {fill}>'
                           f"<title>{esc(tip)}</title></rect>")
                if c.since_latest and c.since and c.since_latest > c.since:
                    ux = tx(min(c.since_latest, c.until or c.since_latest))
                    svg.append(f'<rect x="{_fmt_float(x0)}" y="{ry + 4}" '
                               f'width="{_fmt_float(max(ux - x0, 0))}" height="{row_h - 10}" '
                               'fill="#fff" fill-opacity="0.45" pointer-events="none"/>')
                if not c.until:
                    svg.append(f'<text class="openend" x="{_fmt_float(x0 + w - 2)}" '
                               f'y="{ry + 15}" text-anchor="end">\u2192</text>')
        svg.append("</svg>")
        parts.append("".join(svg))

    legend = []
    for name, colour in sorted(colours.items()):
        if any(c.controller == name for c in control):
            legend.append(f'<span><span class="sw sq" style="background:{colour}"></span>'
                          f"{esc(name)}</span>")
    legend.append('<span><span class="sw sq" style="background:repeating-linear-gradient('
                  '45deg,#555 0 3px,#ddd 3px 6px)"></span>contested (hatched)</span>')
    legend.append('<span><span class="sw sq" style="background:#999;opacity:.6"></span>'
                  "claimed (lighter)</span>")
    legend.append('<span><span class="sw sq" style="background:#eee;border-style:dashed">'
                  "</span>denied (dashed)</span>")
    legend.append('<span class="muted">\u2192 still held at the last report; pale start: '
                  "when within the window the change happened is unknown</span>")

    rows = []
    for c in control:
        rows.append(
            "<tr>"
            f"<td>{esc(c.location)}</td>"
            f'<td><span class="sw sq" style="background:{colours[c.controller]}"></span>'
            f"{esc(c.controller)}</td>"
            f"<td>{esc(c.since.isoformat() if c.since else '')}"
            + (f" \u2013 {esc(c.since_latest.isoformat())}" if c.since_latest
               and c.since_latest != c.since else "")
            + f"</td><td>{esc(c.until.isoformat() if c.until else '')}</td>"
            f"<td>{_badge(c.status)}</td>"
            f"<td>{', '.join(anchors.event_link(x) for x in c.events)}</td>"
            f"<td>{anchors.document_links(c.documents)}</td>"
            "</tr>"
        )
    table = ('<table class="plain"><thead><tr><th>Place</th><th>Controller</th><th>Since</th>'
             "<th>Until</th><th>Status</th><th>Events</th><th>Documents</th></tr></thead>"
             f"<tbody>{''.join(rows)}</tbody></table>")
    return f'<div class="legend">{"".join(legend)}</div>' + "".join(parts) + table


# -- contradictions, figures, documents -------------------------------------------------

def _contradictions(contradictions: Sequence[Contradiction], anchors: _Anchors) -> str:
    if not contradictions:
        return '<p class="muted">No contradictions between sources.</p>'
    out = []
    for c in contradictions:
        sides = []
        for tag, claim, claimant, docs, quote in (
            ("a", c.claim_a, c.claimant_a, c.documents_a, c.quote_a),
            ("b", c.claim_b, c.claimant_b, c.documents_b, c.quote_b),
        ):
            who = [f"claimant: {esc(claimant)}" if claimant else "claimant not named"]
            if docs:
                who.append(anchors.document_links(docs))
            sides.append(f'<div class="side {tag}"><p class="claim">{esc(claim)}</p>'
                         f'<p class="cite">{" &middot; ".join(who)}</p>'
                         + (f"<blockquote>{esc(quote)}</blockquote>" if quote else "")
                         + "</div>")
        event = f" &middot; event {anchors.event_link(c.event_id_cnty)}" if c.event_id_cnty else ""
        out.append(f'<article class="contra"><h3>{esc(c.topic)}{event}</h3>'
                   f'<div class="sides">{"".join(sides)}</div></article>')
    return "".join(out)


def _thousands(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _figures(figures: Sequence[Figure], anchors: _Anchors) -> str:
    if not figures:
        return '<p class="muted">No figures.</p>'
    rows = []
    for f in figures:
        period = " \u2013 ".join(p for p in (f.since, f.until) if p)
        rows.append(
            f'<tr><td>{esc(f.kind)}</td><td class="num">{esc(_thousands(f.value))}</td>'
            f"<td>{esc(f.unit)}</td><td>{esc(f.who)}</td><td>{esc(f.place)}</td>"
            f"<td>{esc(period)}</td><td>{esc(f.claimant)}</td>"
            f"<td>{anchors.document_link(f.document) if f.document else ''}</td>"
            f"<td>{esc(f.quote)}</td></tr>"
        )
    return ('<table class="plain"><thead><tr><th>Kind</th><th>Value</th><th>Unit</th>'
            "<th>Who</th><th>Place</th><th>Period</th><th>Claimant</th><th>Document</th>"
            f"<th>Quote</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _documents(documents: Sequence[Document], events: Sequence[Event],
               inferred: dict | None, anchors: _Anchors) -> str:
    if not documents:
        return '<p class="muted">No documents.</p>'
    reported = events_by_document(events)
    rows = []
    for d in documents:
        published, how = document_published(d, inferred)
        url = _safe_url(d.url) if d.url else None
        title = esc(d.title or "(untitled)")
        if url:
            title = f'<a href="{esc(url)}" rel="noreferrer noopener">{title}</a>'
        rows.append(
            f'<tr id="{anchors.document[d.id]}"><td>{esc(d.id)}</td><td>{title}</td>'
            f"<td>{esc(d.outlet)}</td><td>{esc(published or '')}"
            f' <span class="muted">({esc(how)})</span></td><td>{esc(d.language)}</td>'
            f"<td>{', '.join(anchors.event_link(x) for x in reported.get(d.id, []))}</td></tr>"
        )
    return ('<table class="plain"><thead><tr><th>Document</th><th>Title</th><th>Outlet</th>'
            "<th>Published</th><th>Language</th><th>Events</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


# -- the page --------------------------------------------------------------------------

def render_report(*, documents: Sequence[Document], events: Sequence[Event],
                  contradictions: Sequence[Contradiction], control: Sequence[ControlPeriod],
                  figures: Sequence[Figure], inferred: dict | None = None) -> str:
    """The report as one HTML string. Inputs are expected in output order (write_outputs sorts)."""
    anchors = _Anchors(events, documents)
    body = [
        _header(documents, events, contradictions, control, figures),
        "<main>",
        '<section id="map"><h2>Map</h2>', _map(events, anchors), "</section>",
        '<section id="events"><h2>Events</h2>'
        '<p class="muted small">Click a row for its evidence: the quotes, their documents and '
        "who the text says claimed them.</p>", _events(events, anchors), "</section>",
        '<section id="control"><h2>Control timeline</h2>', _control(control, events, anchors),
        "</section>",
        '<section id="contradictions"><h2>Contradictions</h2>',
        _contradictions(contradictions, anchors), "</section>",
        '<section id="figures"><h2>Figures</h2>', _figures(figures, anchors), "</section>",
        '<section id="documents"><h2>Documents</h2>',
        _documents(documents, events, inferred, anchors), "</section>",
        '<footer>Made by frontlines from the documents listed above. Event coding follows '
        "ACLED's codebook; every event links to the text it came from.</footer>",
        "</main>",
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>frontlines report</title>\n"
        f"<style>\n{_css()}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
