"""``frontlines serve``: the store as a web API, and the report page fed from it live.

    >>> app = create_app("frontlines-out/frontlines.sqlite", token="s3cret")
    >>> # uvicorn.run(app) -- or `frontlines serve --db ...`

Reads need no token. Ingest (POST /api/documents) needs the token given here (the CLI reads
it from $FRONTLINES_TOKEN or --token-file) as ``Authorization: Bearer TOKEN``; with no token
configured, ingest is off. The API is documented at /docs (Swagger UI served from the
swagger-ui-bundle-v2 package, so it works offline) and /openapi.json.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from typing import Any, Literal

from fastapi import Body, FastAPI, Header, HTTPException, Query
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from frontlines.export.report import render_report
from frontlines.export.tables import (EVENT_COLUMNS, contradiction_sort_key, control_sort_key, csv_text,
                                      document_published, event_json, event_sort_key, event_values,
                                      figure_sort_key)
from frontlines.ingest import IngestError, read_rows
from frontlines.model import (contradiction_from_plain, control_from_plain, document_from_plain,
                              event_from_plain, figure_from_plain)
from frontlines.store import Store

MAX_PAGE = 1000
MAX_BODY = 32 * 2**20  # bytes a request body may have (articles posted at once)
PAGE_EVENTS = 2000  # events on the served page unless asked otherwise: the latest
MAX_PAGE_EVENTS = 20000
PAGES_KEPT = 8  # rendered pages kept, for different filters
TOKEN_ENV = "FRONTLINES_TOKEN"


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise HTTPException(422, "bbox is west,south,east,north in degrees, e.g. 36.0,35.0,37.5,36.5")
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, "bbox: longitudes within -180..180, latitudes within -90..90, south <= north")
    return west, south, east, north


class BodyLimit:
    """ASGI middleware: a request whose body is longer than ``limit`` bytes gets 413, whether it
    says its length (Content-Length) or streams it in chunks. The body is read here first, up
    to the limit, so the app never sees any of one that is too long."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def _refuse(self, send) -> None:
        body = json.dumps({"detail": f"request body over {self.limit:,} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(send)
        messages, size = [], 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break  # (the client went away)
            size += len(message.get("body", b""))
            if size > self.limit:
                return await self._refuse(send)
            if not message.get("more_body"):
                break
        pending = iter(messages)

        async def replay():
            return next(pending, None) or await receive()

        await self.app(scope, replay, send)


def create_app(db: str | None = None, token: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The app over the store at ``db`` (an SQLite path or SQLAlchemy URL); request bodies are
    refused over ``max_body`` bytes."""
    store = Store(db)
    ingesting = threading.Lock()  # one ingest at a time: each re-fuses the whole store
    page: dict[str, str] = {}  # rendered pages, under the digest of what each shows

    app = FastAPI(title="frontlines", version="1", docs_url=None, redoc_url=None, description=(
        "Fused, ACLED-coded conflict events with their evidence, the control timeline and the "
        "contradictions between sources. Reads need no token; POST /api/documents does."))
    app.state.store = store
    app.add_middleware(BodyLimit, limit=max_body)
    # the API's docs page with Swagger UI from the swagger-ui-bundle-v2 package, not from a CDN:
    # it works offline like the rest
    app.mount("/docs-static", StaticFiles(directory=swagger_ui_path), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url="/openapi.json", title="frontlines API",
                                   swagger_js_url="/docs-static/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-static/swagger-ui.css",
                                   swagger_favicon_url="/docs-static/favicon-32x32.png")

    @app.get("/api/events", summary="Events, filtered and a page at a time")
    def events(start: dt.date | None = Query(None, description="first event_date (inclusive)"),
               end: dt.date | None = Query(None, description="last event_date (inclusive)"),
               event_type: str | None = None, sub_event_type: str | None = None,
               place: str | None = Query(None, description="part of the location, admin1-3 or country"),
               actor: str | None = Query(None, description="part of actor1, actor2 or an associate's name"),
               bbox: str | None = Query(None, description="west,south,east,north in degrees"),
               claim_status: Literal["reported", "claimed", "contested", "denied"] | None = None,
               limit: int = Query(100, ge=0, le=MAX_PAGE), offset: int = Query(0, ge=0),
               format: Literal["json", "csv"] = "json"):
        filters = dict(start=start.isoformat() if start else None, end=end.isoformat() if end else None,
                       event_type=event_type, sub_event_type=sub_event_type, place=place, actor=actor,
                       bbox=_bbox(bbox), claim_status=claim_status, limit=limit, offset=offset)
        if format == "csv":
            total, found = store.query_events(**filters)
            rows = (event_values(event_from_plain(e)) for e in found)
            return PlainTextResponse(csv_text(EVENT_COLUMNS, rows), media_type="text/csv; charset=utf-8",
                                     headers={"X-Total-Count": str(total)})
        # the events as stored (without evidence: /api/events/{id} has it), sent as they are
        total, texts = store.query_event_summaries(**filters)
        head = json.dumps({"total": total, "limit": limit, "offset": offset})
        return Response(f'{head[:-1]}, "events": [{",".join(texts)}]}}', media_type="application/json")

    @app.get("/api/events/{event_id:path}", summary="One event with its evidence")
    def event(event_id: str):
        found = store.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return event_json(event_from_plain(found))

    @app.get("/api/control", summary="Periods of control of each place")
    def control(place: str | None = Query(None, description="part of the location's name")):
        periods = store.load_fused("control")["control"]
        if place:
            periods = [p for p in periods if place.casefold() in p["location"].casefold()]
        return periods

    @app.get("/api/contradictions", summary="Disagreements between sources, both sides quoted")
    def contradictions(topic: str | None = None):
        found = store.load_fused("contradictions")["contradictions"]
        return [c for c in found if not topic or c["topic"] == topic]

    @app.get("/api/documents", summary="Stored documents, or those whose words match q")
    def documents(q: str | None = Query(None, description="words the title or text must all contain"),
                  limit: int | None = Query(None, ge=1, description="at most this many (a search: 20 by default)"),
                  offset: int = Query(0, ge=0)):
        inferred = {i["document"]: i["published"] for i in store.load_fused("inferred")["inferred"]}
        if q is not None:
            found = store.search_documents(q, limit=(limit or 20) + offset)[offset:]
        else:
            found = store.document_list()
            found = found[offset:offset + limit] if limit else found[offset:]
        for d in found:
            if not d["published"] and d["id"] in inferred:
                d["published"], d["published_how"] = inferred[d["id"]], "inferred"
        return found

    @app.get("/api/documents/{doc_id:path}", summary="One document, with its text")
    def document(doc_id: str):
        found = store.document(doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        inferred = {i["document"]: i["published"] for i in store.load_fused("inferred")["inferred"]}
        published, how = document_published(found, inferred)
        return {"id": found.id, "title": found.title, "outlet": found.outlet, "published": published,
                "published_how": how, "language": found.language, "url": found.url, "text": found.text}

    @app.post("/api/documents", summary="Ingest articles (needs the token)")
    def ingest(items: Any = Body(..., description="an article, or a list of them: {id, text, title, outlet, "
                                                   "published, url}, the fields of a JSONL row"),
               authorization: str | None = Header(None)):
        if not token:
            raise HTTPException(403, f"ingest is off: start the server with ${TOKEN_ENV} or --token-file")
        scheme, _, given = (authorization or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, "a valid token is needed: Authorization: Bearer TOKEN",
                                headers={"WWW-Authenticate": "Bearer"})
        from frontlines.pipeline import Result, update_store

        rows = items if isinstance(items, list) else [items]
        result = Result()
        docs = []
        for item in read_rows(rows, "api"):
            (result.errors if isinstance(item, IngestError) else docs).append(item)
        if docs:
            with ingesting:
                _, fused = update_store(store, docs, result)
        if not result.coded and not result.unchanged:
            raise HTTPException(422, [str(e) for e in result.errors] or "no article given")
        return {"coded": result.coded, "unchanged": result.unchanged, "errors": [str(e) for e in result.errors],
                "events": len(fused.events)}

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)  # (no icon: browsers ask all the same)

    @app.get("/", response_class=HTMLResponse, summary="The report page, from the store as it is now")
    def report(start: dt.date | None = None, end: dt.date | None = None, event_type: str | None = None,
               sub_event_type: str | None = None, place: str | None = None, actor: str | None = None,
               claim_status: Literal["reported", "claimed", "contested", "denied"] | None = None,
               limit: int = Query(PAGE_EVENTS, ge=1, le=MAX_PAGE_EVENTS,
                                  description="at most this many events, the latest")):
        listed = store.document_list()
        filters = dict(start=start.isoformat() if start else None, end=end.isoformat() if end else None,
                       event_type=event_type, sub_event_type=sub_event_type, place=place, actor=actor,
                       claim_status=claim_status)
        digest = hashlib.sha256(json.dumps([store.fused_digest(), listed, filters, limit], default=str)
                                .encode()).hexdigest()
        cached = page.get(digest)
        if cached is not None:
            return cached
        docs = [document_from_plain(d | {"text": ""}) for d in listed]
        fused = store.load_fused("contradictions", "control", "figures", "inferred")
        # the latest dated events, then undated ones if there is room (they sort last)
        dated = store.query_events(**filters, dated=True, limit=0)[0]
        undated = store.query_events(**filters, dated=False, limit=0)[0]
        found = store.query_events(**filters, dated=True, limit=limit, offset=max(0, dated - limit))[1]
        if len(found) < limit:
            found += store.query_events(**filters, dated=False, limit=limit - len(found))[1]
        events = sorted(map(event_from_plain, found), key=event_sort_key)
        notice = ""
        if len(events) < dated + undated:  # a big store: the page shows the latest events, and says so
            shown = {d for e in events for d in e.documents}
            docs = [d for d in docs if d.id in shown]
            notice = (f"Showing the latest {len(events):,} of {dated + undated:,} events, and their documents: "
                      "narrow them with ?start=&end=&place=&actor=&sub_event_type= or raise ?limit=.")
        html = render_report(
            documents=docs, events=events,
            contradictions=sorted(map(contradiction_from_plain, fused["contradictions"]), key=contradiction_sort_key),
            control=sorted(map(control_from_plain, fused["control"]), key=control_sort_key),
            figures=sorted(map(figure_from_plain, fused["figures"]), key=figure_sort_key),
            inferred={i["document"]: i["published"] for i in fused["inferred"]}, notice=notice)
        if len(page) >= PAGES_KEPT:
            page.pop(next(iter(page)))  # (the oldest)
        page[digest] = html
        return html

    return app


__all__ = ["create_app", "TOKEN_ENV", "MAX_BODY", "BodyLimit"]
