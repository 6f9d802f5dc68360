"""The LibreTranslate engine's handling of failures a real server cannot be made to produce on
demand (500s, garbage, a hung server, a 429 that clears, a server allowing no alternatives): these
tests, and only these, use a hand-made HTTP server on 127.0.0.1. Everything a real server can do
is tested against one in test_libretranslate_server.py. A closed port stands for a server down."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from cipbilingual.errors import EngineError
from cipbilingual.mt.base import DraftRequest
from cipbilingual.mt.libretranslate import (
    LibreTranslateBackend,
    LibreTranslateEngine,
    undo_punctuation,
)

Handler = Callable[[dict[str, Any], int], tuple[int, bytes, dict[str, str]]]


class Scripted:
    """A server that answers POST /translate with whatever `handler` says; 404 elsewhere."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.calls = 0
        outer = self

        class Quiet(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self.send_response(404)
                self.end_headers()

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.calls += 1
                status, data, headers = outer.handler(json.loads(body), outer.calls)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
        self.httpd.daemon_threads = True  # do not wait for a deliberately hung answer
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def scripted() -> Iterator[Callable[[Handler], Scripted]]:
    servers: list[Scripted] = []

    def make(handler: Handler) -> Scripted:
        servers.append(Scripted(handler))
        return servers[-1]

    yield make
    for s in servers:
        s.close()


def ok(payload: dict[str, Any]) -> tuple[int, bytes, dict[str, str]]:
    q = payload["q"]
    texts = q if isinstance(q, list) else [q]
    return (
        200,
        json.dumps({"translatedText": [f"text {i}。" for i in range(len(texts))]}).encode(),
        {},
    )


def run(url: str, **kw: Any) -> list[Any]:
    engine = LibreTranslateEngine(LibreTranslateBackend(url, sleep=lambda s: None, **kw))
    return engine.translate([DraftRequest("p1.s1", "今天天气很好。")])


def test_server_error_is_retried_then_reported(scripted: Callable[[Handler], Scripted]) -> None:
    s = scripted(lambda p, n: (500, b'{"error": "Cannot translate text: boom"}', {}))
    with pytest.raises(EngineError) as err:
        run(s.url, retries=2)
    assert s.calls == 3
    assert "failed (500: Cannot translate text: boom (after 3 tries))" in err.value.message


def test_a_429_that_clears_is_retried_honouring_retry_after(
    scripted: Callable[[Handler], Scripted],
) -> None:
    def handler(p: dict[str, Any], n: int) -> tuple[int, bytes, dict[str, str]]:
        return (429, b'{"error": "Slowdown"}', {"Retry-After": "2"}) if n == 1 else ok(p)

    s = scripted(handler)
    waits: list[float] = []
    engine = LibreTranslateEngine(LibreTranslateBackend(s.url, sleep=waits.append))
    [d] = engine.translate([DraftRequest("p1.s1", "今天天气很好。")])
    assert d is not None and d.text == "text 0."
    assert waits == [2.0]


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Gateway</html>",
        b'{"translated": "x"}',
        b'{"translatedText": ["a", "b"]}',
        b'{"translatedText": [1]}',
    ],
    ids=["html", "wrong-key", "wrong-count", "not-text"],
)
def test_garbage_is_reported_not_drafted(
    scripted: Callable[[Handler], Scripted], body: bytes
) -> None:
    s = scripted(lambda p, n: (200, body, {}))
    with pytest.raises(EngineError) as err:
        run(s.url)
    assert f"LibreTranslate at {s.url} answered something that is not" in err.value.message
    assert "\n" not in err.value.message


def test_a_hung_server_times_out(scripted: Callable[[Handler], Scripted]) -> None:
    def slow(p: dict[str, Any], n: int) -> tuple[int, bytes, dict[str, str]]:
        time.sleep(1.5)
        return ok(p)

    s = scripted(slow)
    started = time.perf_counter()
    with pytest.raises(EngineError) as err:
        run(s.url, timeout=0.3, retries=1)
    assert time.perf_counter() - started < 3
    assert "no answer within 0.3 s" in err.value.message and "2 tries" in err.value.message


def test_a_server_that_is_down() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(EngineError) as err:
        run(f"http://127.0.0.1:{port}", retries=1)
    assert f"cannot reach LibreTranslate at http://127.0.0.1:{port}" in err.value.message
    assert "CIPBILINGUAL_LIBRETRANSLATE_URL" in err.value.hint


def test_no_alternatives_allowed_falls_back_to_none(
    scripted: Callable[[Handler], Scripted],
) -> None:
    def handler(p: dict[str, Any], n: int) -> tuple[int, bytes, dict[str, str]]:
        if p.get("alternatives"):
            return 400, b'{"error": "Invalid request: alternatives parameter must be <= 0"}', {}
        return ok(p)

    s = scripted(handler)
    [d] = run(s.url, alternatives=3)
    assert d is not None and d.text == "text 0."


def test_bad_request_is_not_retried(scripted: Callable[[Handler], Scripted]) -> None:
    s = scripted(lambda p, n: (400, b'{"error": "zh is not supported"}', {}))
    with pytest.raises(EngineError, match=r"refused the request \(400: zh is not supported\)"):
        run(s.url)
    assert s.calls == 1


def test_not_an_address() -> None:
    with pytest.raises(EngineError, match="not an http"):
        LibreTranslateBackend("ftp://example")


@pytest.mark.parametrize(
    ("source", "server_text", "wanted"),
    [
        ("今天天气很好。", "The weather is nice today。", "The weather is nice today."),
        ("他在工作！", "He is working", "He is working!"),
        ("你去吗？", "Are you going", "Are you going?"),
        ("他说：“好。”", 'He said, "Good."', 'He said, "Good."'),
        ("他说：“好。”", 'He said, "Good"', 'He said, "Good."'),
        ("第一部分，", "first part", "first part,"),
        ("标题", "Headline", "Headline"),
    ],
)
def test_undo_punctuation(source: str, server_text: str, wanted: str) -> None:
    assert undo_punctuation(source, server_text) == wanted


def test_no_english_at_all_gives_no_draft(scripted: Callable[[Handler], Scripted]) -> None:
    s = scripted(lambda p, n: (200, json.dumps({"translatedText": [""]}).encode(), {}))
    assert run(s.url) == [None]
