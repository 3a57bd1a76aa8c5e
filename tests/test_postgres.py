"""The store, the main job and the API on PostgreSQL.

Runs when $FRONTLINES_TEST_POSTGRES names a database the tests may wipe (an SQLAlchemy URL such
as postgresql+psycopg://frontlines:frontlines@127.0.0.1:5432/frontlines_test); .ci/run starts
Debian's PostgreSQL and sets it. Skipped otherwise.
"""

from __future__ import annotations

import json
import os

import pytest

URL = os.environ.get("FRONTLINES_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="set $FRONTLINES_TEST_POSTGRES to a database the tests may wipe")


@pytest.fixture
def pg():
    """The test database, emptied of frontlines's tables."""
    from sqlalchemy import create_engine

    from frontlines.store import schema

    engine = create_engine(URL)
    schema.metadata.drop_all(engine)
    engine.dispose()
    return URL


def test_the_store_round_trips_and_queries_on_postgresql(pg):
    from test_store import FUSED, _event, make_doc, make_figures, make_mentions

    from frontlines.store import Store

    with Store(pg) as store:
        assert store.add_document(make_doc(), make_mentions(), make_figures()) is True
        assert store.add_document(make_doc(), make_mentions(), make_figures()) is False
        assert [m.index for m in store.mentions()] == [0, 1] and len(store.figures()) == 2
        assert store.save_fused(FUSED, blocks=[("b", "d", "[]")]) is True
        assert store.load_fused() == FUSED and store.fusion_blocks() == [("b", "d", "[]")]
        assert store.save_fused(FUSED) is False
        events = [_event(n) for n in range(1, 6)]
        events[1] = _event(2, location="Bamako", latitude=12.65, longitude=-8.0, claim_status="contested")
        store.save_fused({"events": events})
        ids = lambda page: [e["event_id_cnty"] for e in page[1]]
        assert ids(store.query_events(place="BAMA")) == ["XYZ2"]
        assert ids(store.query_events(start="2021-03-03", end="2021-03-04")) == ["XYZ3", "XYZ4"]
        assert ids(store.query_events(bbox=(-10.0, 10.0, -5.0, 14.0), claim_status="contested")) == ["XYZ2"]
        assert ids(store.query_events(limit=2, offset=3)) == ["XYZ4", "XYZ5"]
        assert store.event("XYZ2")["location"] == "Bamako"


def test_documents_are_searched_with_tsvector_on_postgresql(pg):
    from test_store import make_doc

    from frontlines.store import Store

    with Store(pg) as store:
        store.add_document(make_doc(), [], [])
        store.add_document(make_doc("Rebels shelled the market of Kidal, residents said.", doc_id="doc-b",
                                    content_hash="hash-b"), [], [])
        found = store.search_documents("kidal MARKET")
        assert [r["id"] for r in found] == ["doc-b"] and "«Kidal»" in found[0]["snippet"]
        assert store.search_documents("'unbalanced & (") == []


def test_the_main_job_and_the_api_work_on_postgresql(pg, tmp_path):
    from fastapi.testclient import TestClient

    import frontlines
    from frontlines.serve import create_app

    (tmp_path / "in").mkdir()
    rows = [{"id": "gao", "published": "2021-03-09", "outlet": "Sahel Wire",
             "text": "Soldiers clashed with militants near Gao on Sunday, killing four, the army said."},
            {"id": "menaka", "published": "2021-03-10", "outlet": "Desert Post",
             "text": "Rebel fighters seized the town of Menaka on Tuesday after heavy fighting, residents said."}]
    (tmp_path / "in" / "a.jsonl").write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    first = frontlines.run([tmp_path / "in"], out=tmp_path / "out", db=pg)
    with open(tmp_path / "in" / "a.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(rows[1]) + "\n")
    second = frontlines.run([tmp_path / "in"], out=tmp_path / "out", db=pg)
    assert (second.coded, second.unchanged, second.blocks_fused, second.blocks_reused) == (1, 1, 1, first.blocks_fused)
    client = TestClient(create_app(pg))
    listed = client.get("/api/events").json()
    assert listed["total"] == len(second.events) == 2
    assert [e["location"] for e in client.get("/api/events", params={"actor": "rebel"}).json()["events"]] == ["Menaka"]
    assert [d["id"] for d in client.get("/api/documents", params={"q": "militants"}).json()] == ["gao"]
    assert "Menaka" in client.get("/").text
