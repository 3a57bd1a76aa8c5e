"""The web API and its page, through httpx (FastAPI's TestClient).

Articles written for these tests (towns in Mali and Syria, invented outlets).
"""

from __future__ import annotations

import json

import pytest

pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

import frontlines  # noqa: E402
from frontlines.export.tables import EVENT_COLUMNS  # noqa: E402
from frontlines.serve import create_app  # noqa: E402

TOKEN = "test-token-5f1c"
ARTICLES = [
    {"id": "gao", "published": "2021-03-09", "outlet": "Sahel Wire",
     "text": "Soldiers clashed with militants near Gao on Sunday, killing four, the army said."},
    {"id": "menaka", "published": "2021-03-10", "outlet": "Desert Post",
     "text": "Rebel fighters seized the town of Menaka on Tuesday after heavy fighting, residents said."},
    {"id": "xss", "published": "2021-03-12", "outlet": "Bad <b>Outlet</b>",
     "title": "<script>alert('t')</script> Protest",
     "text": "Hundreds of people protested in Bamako on Thursday against rising prices, holding up "
             "a banner that read <img src=x onerror=alert(1)>, witnesses said."},
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    (folder / "in").mkdir()
    (folder / "in" / "articles.jsonl").write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    frontlines.run([folder / "in"], out=folder / "out")
    return folder / "out" / "frontlines.sqlite"


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(str(store_path), token=TOKEN))


def test_events_are_listed_filtered_and_paged(client):
    everything = client.get("/api/events").json()
    assert everything["total"] == len(everything["events"]) >= 3
    kinds = {e["sub_event_type"]: e for e in everything["events"]}
    assert {"Armed clash", "Non-state actor overtakes territory", "Peaceful protest"} <= set(kinds)
    assert "evidence" not in everything["events"][0]  # (one event's evidence: /api/events/{id})
    only = lambda **params: [e["location"] for e in client.get("/api/events", params=params).json()["events"]]
    assert only(sub_event_type="Peaceful protest") == ["Bamako"]
    assert only(event_type="Battles", place="gao") == ["Gao"]
    assert only(start="2021-03-09", end="2021-03-09") == ["Menaka"]
    assert only(actor="rebel") == ["Menaka"]
    assert only(bbox="-9,12,-7,13.5") == ["Bamako"]  # west,south,east,north
    assert only(claim_status="denied") == []
    page = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert (page["total"], page["limit"], page["offset"]) == (everything["total"], 1, 1)
    assert page["events"] == everything["events"][1:2]


def test_events_come_as_csv_with_acled_columns(client):
    r = client.get("/api/events", params={"format": "csv", "place": "Menaka"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    header, row, *rest = r.text.splitlines()
    assert header.split(",") == list(EVENT_COLUMNS) and "Menaka" in row and rest == []
    assert r.headers["x-total-count"] == "1"


def test_bad_filters_are_refused_with_a_reason(client):
    assert client.get("/api/events", params={"start": "last week"}).status_code == 422
    r = client.get("/api/events", params={"bbox": "1,2,3"})
    assert r.status_code == 422 and "west,south,east,north" in r.json()["detail"]
    assert client.get("/api/events", params={"limit": 5000}).status_code == 422
    assert client.get("/api/events", params={"claim_status": "rumoured"}).status_code == 422


def test_one_event_comes_with_its_evidence_and_documents(client):
    listed = client.get("/api/events", params={"place": "Menaka"}).json()["events"][0]
    one = client.get(f"/api/events/{listed['event_id_cnty']}").json()
    assert one["location"] == "Menaka" and one["documents"] == ["menaka"]
    assert one["evidence"][0]["document"] == "menaka" and "seized the town of Menaka" in one["evidence"][0]["quote"]
    assert client.get("/api/events/NOPE000").status_code == 404


def test_control_contradictions_and_documents(client):
    periods = client.get("/api/control", params={"place": "menaka"}).json()
    assert [(p["location"], p["controller"], p["since"]) for p in periods] == [("Menaka", "opposition", "2021-03-09")]
    assert client.get("/api/contradictions").json() == []
    docs = client.get("/api/documents").json()
    assert [d["id"] for d in docs] == ["gao", "menaka", "xss"] and "text" not in docs[0]
    full = client.get("/api/documents/gao").json()
    assert full["published"] == "2021-03-09" and full["text"].startswith("Soldiers clashed")
    assert client.get("/api/documents/none").status_code == 404


def test_documents_are_searched_by_their_words(client):
    found = client.get("/api/documents", params={"q": "rising PRICES"}).json()
    assert [d["id"] for d in found] == ["xss"] and "«prices»" in found[0]["snippet"]
    assert client.get("/api/documents", params={"q": "zeppelin"}).json() == []


def test_ingest_needs_the_token_and_then_updates_the_events(store_path, tmp_path):
    import shutil

    copy = tmp_path / "copy.sqlite"
    shutil.copy(store_path, copy)
    client = TestClient(create_app(str(copy), token=TOKEN))
    article = {"id": "kidal", "published": "2021-03-15", "outlet": "Sahel Wire",
               "text": "Militants attacked an army convoy near Kidal on Sunday, killing two soldiers, officials said."}
    assert client.post("/api/documents", json=article).status_code == 401
    assert client.post("/api/documents", json=article, headers={"Authorization": "Bearer wrong"}).status_code == 401
    before = client.get("/api/events").json()["total"]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/documents", json=[article, {"id": "empty"}], headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["coded"] == 1 and len(body["errors"]) == 1 and "no text" in body["errors"][0]
    assert client.get("/api/events").json()["total"] == before + 1
    assert [e["location"] for e in client.get("/api/events", params={"place": "kidal"}).json()["events"]] == ["Kidal"]
    assert "kidal" in client.get("/").text  # the page shows the store as it is now
    again = client.post("/api/documents", json=article, headers=auth).json()
    assert (again["coded"], again["unchanged"]) == (0, 1)
    assert client.post("/api/documents", json=[{"title": "no text"}], headers=auth).status_code == 422
    # articles without an id are named after their content: one posted after another adds to it
    for text in ("Gunmen attacked a bus near Mopti on Monday, killing five passengers, police said.",
                 "Militants burned a school near Segou on Monday, residents said."):
        assert client.post("/api/documents", json={"text": text, "published": "2021-03-16"}, headers=auth).json()["coded"] == 1
    assert len([d for d in client.get("/api/documents").json() if d["id"].startswith("api-")]) == 2
    # any case of the scheme; a bare token is no bearer token
    lower = {"Authorization": f"bearer {TOKEN}"}
    renamed = dict(article, id="notes/kidal", title="Convoy attacked")  # (an id with a slash)
    assert client.post("/api/documents", json=renamed, headers=lower).status_code == 200
    assert client.get("/api/documents/notes/kidal").json()["title"] == "Convoy attacked"
    assert client.post("/api/documents", json=article, headers={"Authorization": TOKEN}).status_code == 401
    assert "Convoy attacked" in client.get("/").text  # a new title shows on the page at once
    renamed["title"] = "Convoy ambushed"
    client.post("/api/documents", json=renamed, headers=auth)
    page = client.get("/").text
    assert "Convoy ambushed" in page and "Convoy attacked" not in page
    # a lone surrogate (a broken JSON escape) is replaced, not a server error
    r = client.post("/api/documents", content='{"id": "odd", "text": "Rebels shelled Gao on Monday \\ud800."}',
                    headers=auth | {"Content-Type": "application/json"})
    assert r.status_code == 200 and "\ufffd" in client.get("/api/documents/odd").json()["text"]
    # a server started without a token takes no articles
    closed = TestClient(create_app(str(copy)))
    r = closed.post("/api/documents", json=article, headers=auth)
    assert r.status_code == 403 and "FRONTLINES_TOKEN" in r.json()["detail"]


def test_the_page_escapes_article_text(client):
    page = client.get("/").text
    assert page.startswith("<!DOCTYPE html>") and "Menaka" in page
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page  # the quote, as text
    assert "Bad &lt;b&gt;Outlet&lt;/b&gt;" in page and "<b>Outlet" not in page


def test_the_api_is_described_by_openapi(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/control", "/api/contradictions",
            "/api/documents", "/api/documents/{doc_id}"} <= set(paths)
    assert "post" in paths["/api/documents"]
    docs = client.get("/docs").text  # Swagger UI from the package, not from a CDN
    assert "/docs-static/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200


def test_the_page_of_a_big_store_shows_the_latest_events_and_says_so(client):
    total = client.get("/api/events").json()["total"]
    page = client.get("/", params={"limit": 1}).text
    assert f"Showing the latest 1 of {total} events" in page and page.count('<details class="ev"') == 1
    assert "Bamako" in page.split("<main>")[1].split('id="control"')[0]  # the latest: the 12 March protest
    only = client.get("/", params={"place": "gao"}).text
    assert only.count('<details class="ev"') == 1 and "Showing the latest" not in only
    assert client.get("/", params={"limit": 0}).status_code == 422


def test_the_page_shows_the_latest_dated_events_before_undated_ones(tmp_path):
    from test_store import _event

    from frontlines.store import Store

    events = [_event(n) for n in range(1, 6)] + [_event(n, event_date=None) for n in range(6, 9)]
    with Store(tmp_path / "s.sqlite") as store:
        store.save_fused({"events": events})
    page = TestClient(create_app(str(tmp_path / "s.sqlite"))).get("/", params={"limit": 2}).text
    shown = [e["event_id_cnty"] for e in events if f">{e['event_id_cnty']}<" in page]
    assert shown == ["XYZ4", "XYZ5"] and "Showing the latest 2 of 8 events" in page


def test_a_request_body_over_the_limit_is_refused_declared_or_streamed(store_path, tmp_path):
    import shutil

    copy = tmp_path / "copy.sqlite"
    shutil.copy(store_path, copy)
    client = TestClient(create_app(str(copy), token=TOKEN, max_body=2_000))
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    big = json.dumps({"id": "big", "text": "Rebels shelled Gao on Monday. " * 200})
    r = client.post("/api/documents", content=big, headers=auth)
    assert r.status_code == 413 and "over 2,000 bytes" in r.json()["detail"]

    def chunks():  # (no Content-Length: the body streams in pieces)
        for k in range(0, len(big), 500):
            yield big[k:k + 500].encode()

    assert client.post("/api/documents", content=chunks(), headers=auth).status_code == 413
    assert client.get("/api/documents/big").status_code == 404  # nothing of it was stored
    small = json.dumps({"id": "small", "text": "Rebels shelled Gao on Monday, residents said."})
    assert client.post("/api/documents", content=small, headers=auth).status_code == 200


def test_every_route_that_writes_needs_the_token_compared_in_constant_time(store_path, tmp_path, monkeypatch):
    import hmac
    import shutil

    from fastapi.routing import APIRoute

    from frontlines import serve

    copy = tmp_path / "copy.sqlite"
    shutil.copy(store_path, copy)
    app = create_app(str(copy), token=TOKEN)
    writes = sorted((r.path, m) for r in app.routes if isinstance(r, APIRoute)
                    for m in r.methods if m not in ("GET", "HEAD"))
    assert writes == [("/api/documents", "POST")]  # (a new write route must be added here, and guarded)
    client = TestClient(app)
    compared, real = [], hmac.compare_digest

    def compare(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(serve.hmac, "compare_digest", compare)
    article = {"id": "mopti", "text": "Gunmen attacked a bus near Mopti on Monday, killing five passengers."}
    for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": f"Basic {TOKEN}"},
                    {"Authorization": f"Bearer {TOKEN[:-1]}"}, {"Authorization": f"Bearer {TOKEN}x"}):
        assert client.post("/api/documents", json=article, headers=headers).status_code == 401, headers
    assert (TOKEN[:-1].encode(), TOKEN.encode()) in compared  # the token was checked by compare_digest
    assert client.get("/api/documents/mopti").status_code == 404  # nothing was stored
    closed = TestClient(create_app(str(copy), token=None))  # no token set: ingest is off for everyone
    assert closed.post("/api/documents", json=article, headers={"Authorization": "Bearer "}).status_code == 403


def test_no_route_serves_a_file_outside_its_folder_whatever_the_path(store_path, serve_app):
    import socket

    port = serve_app(create_app(str(store_path), token=TOKEN))

    def raw_get(path: str) -> tuple[int, bytes]:  # (as sent, with no client cleaning up the path)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        return int(head.split()[1]), body

    status, body = raw_get("/docs-static/swagger-ui.css")
    assert status == 200 and b".swagger-ui" in body  # (the folder it does serve)
    for path in ("/docs-static/../../../../../../etc/passwd", "/docs-static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
                 "/docs-static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/docs-static//etc/passwd",
                 "/docs-static/..\\..\\..\\..\\etc\\passwd", "/api/documents/../../../etc/passwd",
                 "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/../../../etc/passwd", "//etc/passwd",
                 f"/docs-static/{'../' * 12}{store_path}", "/api/documents/" + str(store_path)):
        status, body = raw_get(path)
        assert status in (400, 404), (path, status)
        assert b"root:" not in body and b"SQLite format" not in body, path


def test_sql_in_filters_ids_and_searches_is_taken_as_plain_text(client):
    before = client.get("/api/events").json()["total"]
    assert before > 0
    for value in ("' OR 1=1 --", "x%' OR '1'='1", "\"; DROP TABLE events; --", "%", "_", "gao') UNION SELECT 1 --"):
        r = client.get("/api/events", params={"place": value})
        assert r.status_code == 200 and r.json()["total"] == 0, value
        assert client.get("/api/events", params={"actor": value}).json()["total"] == 0, value
        assert client.get(f"/api/events/{value}").status_code == 404, value
        assert client.get(f"/api/documents/{value}").status_code == 404, value
        r = client.get("/api/documents", params={"q": value})
        assert r.status_code == 200, value
    assert [d["id"] for d in client.get("/api/documents", params={"q": "' OR gao --"}).json()] == []
    assert client.get("/api/events").json()["total"] == before  # no table lost, no row changed
    assert [d["id"] for d in client.get("/api/documents", params={"q": "Menaka"}).json()] == ["menaka"]


def test_no_cors_headers_are_sent_to_another_origin(client):
    origin = {"Origin": "http://elsewhere.example"}
    r = client.get("/api/events", headers=origin)
    assert r.status_code == 200 and not any(k.lower().startswith("access-control-") for k in r.headers)
    r = client.options("/api/documents", headers=origin | {"Access-Control-Request-Method": "POST",
                                                           "Access-Control-Request-Headers": "authorization"})
    assert r.status_code in (400, 405) and not any(k.lower().startswith("access-control-") for k in r.headers)


def test_the_server_listens_on_127_0_0_1_unless_told_otherwise():
    from frontlines.cli import _parser

    assert _parser().parse_args(["serve"]).host == "127.0.0.1"
    assert _parser().parse_args(["serve", "--host", "0.0.0.0"]).host == "0.0.0.0"
