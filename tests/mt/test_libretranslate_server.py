"""The LibreTranslate engine against a real LibreTranslate server (PyPI `libretranslate` in its
own venv, see scripts/libretranslate-venv.sh), started here on 127.0.0.1 with the tiny genuine
package; it reaches nothing off this machine. Without the venv these tests fail and name the
command that builds it (scripts/dev-setup)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from cipbilingual.config import MTSettings, Settings
from cipbilingual.errors import EngineError
from cipbilingual.mt.base import DraftRequest
from cipbilingual.mt.libretranslate import LibreTranslateBackend, LibreTranslateEngine
from cipbilingual.mt.protect import protect, rendering
from cipbilingual.mt.registry import engine_for
from cipbilingual.mt.rerank import cjk_count
from tests.mt.glossary_fixture import ARTICLES, article_requests, match_terms, seed_terms
from tests.mt.lt_server import (
    BATCH_LIMIT,
    CHAR_LIMIT,
    GOOD_KEY,
    SLOW_KEY,
    Server,
    start_server,
    venv_problem,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    problem = venv_problem()
    if problem:
        pytest.fail(problem)
    try:
        running = start_server(tmp_path_factory.mktemp("libretranslate"))
    except (RuntimeError, OSError) as exc:
        pytest.fail(f"the LibreTranslate server did not start: {exc}")
    yield running
    running.stop()


def engine(server: Server, key: str = "", **kw: object) -> LibreTranslateEngine:
    return LibreTranslateEngine(LibreTranslateBackend(server.url, key, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name[:20])
def test_drafts_a_sample_article(server: Server, article: Path) -> None:
    requests = article_requests(article)
    progress: list[int] = []
    lt = engine(server, GOOD_KEY)
    drafts = lt.translate(requests, progress=progress.append)
    assert sum(progress) == len(requests) == len(drafts)
    assert lt.backend.batch_size == BATCH_LIMIT  # learned from the server's refusal of 32
    for request, d in zip(requests, drafts, strict=True):
        assert d is not None and d.text.strip()
        assert cjk_count(d.text) == 0
        assert d.origin.engine == "libretranslate" and d.origin.detail == server.url
        for match in request.terms:
            assert rendering(match.term) in d.text
        assert not d.text.endswith("。")
        if request.source.endswith("。"):
            assert d.text.endswith("."), d.text
        for f in d.findings:
            if f.check == "mt-term-placed":
                assert "by position" in f.message


def test_final_punctuation_is_what_the_source_asks_for(server: Server) -> None:
    sources = ["今天天气很好。", "他在北京工作！", "我们明天去上海吗？"]
    drafts = engine(server).translate([DraftRequest(f"p{i}.s1", s) for i, s in enumerate(sources)])
    assert [d.text[-1] for d in drafts if d] == [".", "!", "?"]


def test_alternatives_feed_the_re_ranking(server: Server) -> None:
    backend = LibreTranslateBackend(server.url, alternatives=3)
    request = article_requests(ARTICLES[1])[2]
    parts = [protect(request.source, request.terms)[0]]
    [hyps] = backend.generate(parts)
    assert len(hyps) >= 2
    assert all(h.score is None for h in hyps)


def test_empty_and_huge_segments(server: Server) -> None:
    huge = ("中以常州创新园召开2020年中以合作重点工作计划研讨会，" * 120)[:3000] + "。"
    requests = [
        DraftRequest("p1.s1", ""),
        DraftRequest("p2.s1", huge, terms=match_terms(huge, seed_terms())),
    ]
    lt = engine(server)
    drafts = lt.translate(requests)
    assert lt.backend.limit == CHAR_LIMIT  # read from the server; longer texts are refused
    assert drafts[0] is None
    assert drafts[1] is not None and cjk_count(drafts[1].text) == 0
    assert "mt-long-segment" in [f.check for f in drafts[1].findings]
    assert drafts[1].text.count("China-Israel Changzhou Innovation Park (CIP)") > 100


def test_a_wrong_key_is_refused_with_a_clear_message(server: Server) -> None:
    with pytest.raises(EngineError) as err:
        engine(server, "not-a-key").translate([DraftRequest("p1.s1", "今天天气很好。")])
    assert "refused the API key" in err.value.message and "403" in err.value.message
    assert "API_KEY" in err.value.hint


def test_rate_limit_is_retried_with_backoff_then_reported(server: Server) -> None:
    waits: list[float] = []
    slow = engine(server, SLOW_KEY, retries=2, backoff=0.01, sleep=waits.append)
    first = slow.translate([DraftRequest("p1.s1", "今天天气很好。")])
    assert first[0] is not None
    with pytest.raises(EngineError) as err:
        slow.translate([DraftRequest("p1.s2", "他在北京工作。")])
    assert "429" in err.value.message and "rate-limiting" in err.value.message
    assert waits[-2:] == [0.01, 0.02]


def test_configured_by_environment(
    server: Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CIPBILINGUAL_LIBRETRANSLATE_URL", server.url + "/")
    monkeypatch.setenv("CIPBILINGUAL_LIBRETRANSLATE_API_KEY", GOOD_KEY)
    settings = Settings(
        path=tmp_path / "cipbilingual.toml", mt=MTSettings(libretranslate_url="http://127.0.0.1:9")
    )
    lt = engine_for("libretranslate", settings, tmp_path)
    assert server.url in lt.describe() and "with an API key" in lt.describe()
    [d] = lt.translate([DraftRequest("p1.s1", "今天天气很好。")])
    assert d is not None and d.text
    monkeypatch.delenv("CIPBILINGUAL_LIBRETRANSLATE_URL")
    settings = dataclasses.replace(settings, mt=MTSettings(libretranslate_url=server.url))
    assert (
        engine_for("libretranslate", settings, tmp_path)
        .describe()
        .startswith(f"LibreTranslate at {server.url}")
    )
