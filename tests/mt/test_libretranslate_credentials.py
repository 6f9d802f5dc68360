"""A LibreTranslate address with credentials in it (http://user:key@host, as a reverse proxy
with basic authentication wants): the credentials go in an Authorization header and appear in no
message, no origin recorded in a catalog, no description. The server here is hand-made because
it stands for the proxy, which a LibreTranslate server is not."""

from __future__ import annotations

import base64
import http.server
import json
import threading
from collections.abc import Iterator

import pytest

from cipbilingual.errors import EngineError
from cipbilingual.mt.base import DraftRequest
from cipbilingual.mt.libretranslate import LibreTranslateBackend, LibreTranslateEngine

SECRET = "s3cret-KEY"


class Proxy:
    """Answers /translate only when the basic-auth header carries desk:SECRET."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, status: int, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._answer(404, {"error": "no such page"})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                outer.seen.append(self.headers.get("Authorization", ""))
                wanted = "Basic " + base64.b64encode(f"desk:{SECRET}".encode()).decode()
                if self.headers.get("Authorization") != wanted:
                    self._answer(403, {"error": "Invalid API key"})
                    return
                texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
                self._answer(200, {"translatedText": ["It is fine."] * len(texts)})

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    server = Proxy()
    yield server
    server.close()


def test_credentials_go_in_a_header_and_nowhere_else(proxy: Proxy) -> None:
    engine = LibreTranslateEngine(
        LibreTranslateBackend(f"http://desk:{SECRET}@127.0.0.1:{proxy.port}/", retries=0)
    )
    [draft] = engine.translate([DraftRequest("p1.s1", "今天天气很好。")])
    assert draft is not None and draft.text == "It is fine."
    assert proxy.seen and all(h.startswith("Basic ") for h in proxy.seen)
    for shown in (engine.describe(), draft.origin.detail, engine.backend.url):
        assert SECRET not in shown and "desk" not in shown
    assert draft.origin.detail == f"http://127.0.0.1:{proxy.port}"


def test_a_refusal_names_the_server_without_its_credentials(proxy: Proxy) -> None:
    engine = LibreTranslateEngine(
        LibreTranslateBackend(f"http://desk:wrong-{SECRET}@127.0.0.1:{proxy.port}", retries=0)
    )
    with pytest.raises(EngineError) as err:
        engine.translate([DraftRequest("p1.s1", "今天天气很好。")])
    assert "refused" in err.value.message
    assert SECRET not in err.value.message and "desk" not in err.value.message


@pytest.mark.parametrize(
    "url", [f"ftp://desk:{SECRET}@127.0.0.1/", f"desk:{SECRET}@127.0.0.1", f"http://desk:{SECRET}@"]
)
def test_a_bad_address_is_refused_without_its_credentials(url: str) -> None:
    with pytest.raises(EngineError) as err:
        LibreTranslateBackend(url)
    assert SECRET not in err.value.message and "desk:" not in err.value.message
