"""Shared fixtures: the seed data beside the repository, and one coded run of it per session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold" / "seeds.yaml").is_file():
        pytest.skip("../shared (seed articles and gold coding) is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seeds_run(shared, tmp_path_factory):
    """The main job on the seed articles, once for the whole session."""
    import frontlines

    out = tmp_path_factory.mktemp("seeds-out")
    result = frontlines.run([shared / "seeds"], out=out)
    return out, result


@pytest.fixture(scope="session")
def extract():
    """frontlines.extract with a fixed publication date unless given."""
    import frontlines

    def run(text: str, published: str | dt.date = "2021-03-11", **kw):
        return frontlines.extract(text, published=published, **kw)

    return run


@pytest.fixture
def extras(tmp_path, monkeypatch):
    """GeoNames files loaded by a test stay in its own folder; the shared index is rebuilt around it."""
    from frontlines.geo.gazetteer import Gazetteer

    monkeypatch.setenv("FRONTLINES_GAZETTEER_EXTRA", str(tmp_path / "extra.pickle"))
    Gazetteer.reset()
    yield tmp_path
    Gazetteer.reset()


@pytest.fixture
def serve_app():
    """Serves apps over HTTP with uvicorn, each on a free port of 127.0.0.1 in a thread of its
    own: ``port = serve_app(app)``; every server is stopped when the test ends."""
    import threading
    import time

    import uvicorn

    running = []

    def start(app) -> int:
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        running.append((server, thread))
        deadline = time.monotonic() + 20
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "the test server did not start"
        return server.servers[0].sockets[0].getsockname()[1]

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=20)
