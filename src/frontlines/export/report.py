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

from frontlines.export.basemap import basemap
from frontlines.export.tables import document_published, events_by_document
from frontlines.model import Contradiction, ControlPeriod, Document, Event, Figure

#: a symbol per ACLED event type (the map's shapes; the table shows the same)
EVENT_SYMBOLS = {
    "Battles": "circle",
    "Explosions/Remote violence": "burst",
    "Violence against civilians": "triangle",
    "Protests": "square",
    "Riots": "diamond",
    "Strategic developments": "ring",
}
#: a colour per side: the ACLED inter code of the event's actor1 (government and opposition as in
#: the control timeline)
SIDE_COLOURS = {
    1: ("#c23b22", "State forces"),
    2: ("#2e8b57", "Rebel groups"),
    3: ("#8e44ad", "Political militias"),
    4: ("#b5651d", "Identity militias"),
    5: ("#e67e22", "Rioters"),
    6: ("#1f9bb4", "Protesters"),
    7: ("#6d6d6d", "Civilians"),
    8: ("#1f5fb4", "External/other forces"),
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

_SCRIPT = """
function frOpen(){var t=document.getElementById(location.hash.slice(1));
  if(t&&t.tagName==='DETAILS'){t.open=true;}}
window.addEventListener('hashchange',frOpen);frOpen();
(function(){
  var from=document.getElementById('f-from'),to=document.getElementById('f-to'),
      clear=document.getElementById('f-clear'),count=document.getElementById('f-count'),
      tl=document.getElementById('tl'),brush=document.getElementById('tl-brush');
  if(!from||!to){return;}
  var items=document.querySelectorAll('[data-date]');
  var t0=tl?Date.parse(tl.getAttribute('data-start')):0,t1=tl?Date.parse(tl.getAttribute('data-end')):0;
  var x0=tl?+tl.getAttribute('data-x0'):0,x1=tl?+tl.getAttribute('data-x1'):0;
  function day(x){var t=t0+(t1-t0)*Math.min(1,Math.max(0,(x-x0)/(x1-x0)));
    return new Date(t).toISOString().slice(0,10);}
  function xof(d){return x0+(x1-x0)*(Date.parse(d)-t0)/((t1-t0)||1);}
  function apply(){
    var a=from.value,b=to.value,shown=0,all=0,on=!!(a||b);
    items.forEach(function(el){
      if(!el.classList.contains('ev')&&el.tagName!=='a'){return;}
      var d=el.getAttribute('data-date'),ok=!on||(d&&(!a||d>=a)&&(!b||d<=b));
      el.style.display=ok?'':'none';
      if(el.classList.contains('ev')){all++;if(ok){shown++;}}
    });
    count.textContent=on?shown+' of '+all+' events, '+(a||'the first')+' to '+(b||'the last'):'all '+all+' events';
    if(brush&&tl){if(on){var l=xof(a||tl.getAttribute('data-start')),r=xof(b||tl.getAttribute('data-end'));
      brush.setAttribute('x',Math.min(l,r));brush.setAttribute('width',Math.max(2,Math.abs(r-l)));
      brush.style.display='';}else{brush.style.display='none';}}
  }
  from.addEventListener('change',apply);to.addEventListener('change',apply);
  clear.addEventListener('click',function(){from.value='';to.value='';apply();});
  if(tl){
    var start=null;
    function px(ev){var r=tl.getBoundingClientRect();return (ev.clientX-r.left)*(tl.viewBox.baseVal.width/r.width);}
    tl.addEventListener('pointerdown',function(ev){start=px(ev);tl.setPointerCapture(ev.pointerId);});
    tl.addEventListener('pointermove',function(ev){if(start===null){return;}var x=px(ev);
      brush.setAttribute('x',Math.min(start,x));brush.setAttribute('width',Math.abs(x-start));brush.style.display='';});
    tl.addEventListener('pointerup',function(ev){if(start===null){return;}var x=px(ev);
      if(Math.abs(x-start)<3){from.value='';to.value='';}
      else{from.value=day(Math.min(start,x));to.value=day(Math.max(start,x));}
      start=null;apply();});
  }
  apply();
})();
"""


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


def _side_colour(inter: int) -> str:
    return SIDE_COLOURS[inter][0] if inter in SIDE_COLOURS else OTHER_COLOUR


def _symbol(event_type: str, cx: float, cy: float, r: float, colour: str, title: str = "") -> str:
    """The event type's shape at (cx, cy), about r across from its centre, in the side's colour,
    with ``title`` (escaped text) as its tooltip."""
    shape = EVENT_SYMBOLS.get(event_type, "circle")
    f = _fmt_float
    tip = f"<title>{title}</title>" if title else ""
    if shape == "circle":
        return f'<circle class="dot" cx="{f(cx)}" cy="{f(cy)}" r="{f(r)}" fill="{colour}">{tip}</circle>'
    if shape == "ring":
        return (f'<circle class="dot ring" cx="{f(cx)}" cy="{f(cy)}" r="{f(r * 0.8)}" fill="#fff" '
                f'style="stroke:{colour}">{tip}</circle>')
    if shape == "square":
        points = [(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)]
    elif shape == "diamond":
        points = [(0, -1.15), (1.15, 0), (0, 1.15), (-1.15, 0)]
    elif shape == "triangle":
        points = [(0, -1.2), (1.1, 0.8), (-1.1, 0.8)]
    else:  # burst: an eight-pointed star
        points = [(math.cos(k * math.pi / 8 - math.pi / 2) * (1.5 if k % 2 == 0 else 0.8),
                   math.sin(k * math.pi / 8 - math.pi / 2) * (1.5 if k % 2 == 0 else 0.8)) for k in range(16)]
    d = " ".join(f"{f(cx + px * r)},{f(cy + py * r)}" for px, py in points)
    return f'<polygon class="dot" points="{d}" fill="{colour}">{tip}</polygon>'


def _icon(event_type: str, colour: str = "#55606a") -> str:
    """A small inline picture of the event type's symbol (legend and table)."""
    return (f'<svg class="icon" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            f'{_symbol(event_type, 7, 7, 5, colour)}</svg>')


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


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


TIMELINE_HEIGHT = 74


def _event_timeline(events: Sequence[Event]) -> str:
    """Events per day (per week over a long span) as bars, with the date filter the map and
    the event list obey: drag across the bars, or type the dates."""
    form = ('<div class="filter"><label>From <input type="date" id="f-from"></label> '
            '<label>to <input type="date" id="f-to"></label> <button type="button" id="f-clear">Show all'
            '</button> <span id="f-count" class="muted small"></span></div>')
    dates = sorted(e.event_date for e in events if e.event_date)
    if not dates:
        return form
    start, end = dates[0] - dt.timedelta(1), dates[-1] + dt.timedelta(1)
    days = (end - start).days
    bucket = 1 if days <= 120 else 7
    counts: dict[int, int] = {}
    for d in dates:
        k = (d - start).days // bucket
        counts[k] = counts.get(k, 0) + 1
    x0, x1, base = 10.0, TIMELINE_WIDTH - 10.0, TIMELINE_HEIGHT - 18
    per_day = (x1 - x0) / max(days, 1)
    tallest = max(counts.values())
    out = [f'<svg id="tl" class="timeline" viewBox="0 0 {TIMELINE_WIDTH} {TIMELINE_HEIGHT}" '
           f'width="{TIMELINE_WIDTH}" height="{TIMELINE_HEIGHT}" data-start="{start.isoformat()}" '
           f'data-end="{end.isoformat()}" data-x0="{x0}" data-x1="{x1}" role="img" '
           'aria-label="Events over time: drag across to show only those dates" '
           'xmlns="http://www.w3.org/2000/svg">',
           f'<line class="axis" x1="{x0}" y1="{base}" x2="{x1}" y2="{base}"/>']
    for k, n in sorted(counts.items()):
        h = max(3.0, (base - 6) * n / tallest)
        first = start + dt.timedelta(k * bucket)
        label = first.isoformat() if bucket == 1 else f"week of {first.isoformat()}"
        out.append(f'<rect class="bar" x="{_fmt_float(x0 + k * bucket * per_day)}" y="{_fmt_float(base - h)}" '
                   f'width="{_fmt_float(max(2.0, bucket * per_day - 1))}" height="{_fmt_float(h)}">'
                   f"<title>{label}: {n} event{'s' if n != 1 else ''}</title></rect>")
    for tick in _ticks(start, end):
        at = x0 + (tick - start).days * per_day
        tx = _fmt_float(at)
        edge = " start" if at < x0 + 40 else (" end" if at > x1 - 40 else "")  # (labels stay inside)
        out.append(f'<line class="tick" x1="{tx}" y1="{base}" x2="{tx}" y2="{base + 4}"/>'
                   f'<text class="ticklabel{edge}" x="{tx}" y="{base + 14}">{tick.isoformat()}</text>')
    out.append(f'<rect id="tl-brush" class="brush" x="0" y="0" width="0" height="{base}" style="display:none"/>')
    out.append("</svg>")
    return form + "".join(out)


def _map(events: Sequence[Event], anchors: _Anchors, control: Sequence[ControlPeriod] = ()) -> str:
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

    vis_lon0, vis_lon1 = lon0 - ox / (kx * scale), lon0 + (width - ox) / (kx * scale)
    vis_lat1, vis_lat0 = lat1 + oy / scale, lat1 - (height - oy) / scale
    # countries and their first-level divisions under everything else
    out.append(basemap((vis_lon0, vis_lat0, vis_lon1, vis_lat1), lambda lon, lat: (x(lon), y(lat))))
    # graticule over the whole visible area
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
                f'<a href="#{anchors.event[e.event_id_cnty]}" data-date="{_iso(e.event_date)}">'
                + _symbol(e.event_type, px, py, radius, _side_colour(e.inter1), _tooltip(e)) + "</a>"
            )
        names = labels.setdefault((lat, lon), [])
        for e in group:
            if e.location and e.location not in names:
                names.append(e.location)
    # who holds each place now: the open period of its control timeline, under its name
    holder: dict[tuple[float, float], ControlPeriod] = {}
    for c in control:
        if c.until is None and c.latitude is not None and c.longitude is not None:
            holder[(round(c.latitude, 5), round(c.longitude, 5))] = c
    colours = _controller_colours(control)
    for (lat, lon), names in labels.items():
        if not names:
            continue
        group_size = len(at_point[(lat, lon)])
        offset = 10 + (0 if group_size == 1 else 6 + 1.5 * group_size)
        out.append(f'<text class="place" x="{_fmt_float(x(lon) + offset)}" '
                   f'y="{_fmt_float(y(lat) + 4)}">{esc(" / ".join(names))}</text>')
        held = holder.get((lat, lon))
        if held is not None:
            since = f" since {held.since.isoformat()}" if held.since else ""
            status = f" ({esc(held.status)})" if held.status != "reported" else ""
            out.append(f'<text class="held" x="{_fmt_float(x(lon) + offset)}" y="{_fmt_float(y(lat) + 17)}" '
                       f'style="fill:{colours[held.controller]}">held by {esc(held.controller)}{since}{status}</text>')
    out.append("</svg>")

    types = sorted({e.event_type for e in located},
                   key=lambda t: (list(EVENT_SYMBOLS).index(t) if t in EVENT_SYMBOLS else 99, t))
    sides = sorted({e.inter1 if e.inter1 in SIDE_COLOURS else 0 for e in located}, key=lambda i: (i == 0, i))
    legend = ('<span class="legendhead">Event type:</span>'
              + "".join(f"<span>{_icon(t)}{esc(t or 'untyped')}</span>" for t in types)
              + '</div><div class="legend"><span class="legendhead">Side (actor 1):</span>'
              + "".join(f'<span><span class="sw" style="background:{_side_colour(i)}"></span>'
                        f"{SIDE_COLOURS[i][1] if i in SIDE_COLOURS else 'Unknown'}</span>" for i in sides))
    return (f'<div class="legend">{legend}</div>' + "".join(out)
            + '<p class="muted small">Equirectangular projection fitted to the events; a shape per '
              "event type, a colour per side of its actor 1; size grows with fatalities; click a "
              "symbol for its evidence. Borders of "
              "countries and their first-level divisions: Natural Earth.</p>" + note)


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
        type_cell = f"{_icon(e.event_type, _side_colour(e.inter1))}{esc(e.event_type)}"
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
        rows.append(f'<details class="ev" id="{anchors.event[e.event_id_cnty]}" data-date="{_iso(e.event_date)}">'
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
    table = ('<table class="plain control"><thead><tr><th>Place</th><th>Controller</th><th>Since</th>'
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
                  figures: Sequence[Figure], inferred: dict | None = None, notice: str = "") -> str:
    """The report as one HTML string. Inputs are expected in output order (write_outputs sorts);
    ``notice`` is a line shown above everything (the served page says what it leaves out)."""
    anchors = _Anchors(events, documents)
    body = [
        _header(documents, events, contradictions, control, figures),
        "<main>",
        f'<p class="notice">{esc(notice)}</p>' if notice else "",
        '<section id="map"><h2>Map</h2>', _event_timeline(events), _map(events, anchors, control), "</section>",
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
