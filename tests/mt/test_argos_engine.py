"""The argos engine against the tiny genuine package: real CTranslate2 and SentencePiece, random
weights, gibberish English. Assert properties, never sentences."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from cipbilingual.config import MTSettings, Settings
from cipbilingual.errors import EngineError
from cipbilingual.models import Term
from cipbilingual.mt.argos import ArgosEngine
from cipbilingual.mt.base import DraftRequest
from cipbilingual.mt.protect import rendering
from cipbilingual.mt.registry import engine_for
from cipbilingual.mt.rerank import cjk_count
from tests.mt.glossary_fixture import ARTICLES, article_requests, match_terms, seed_terms
from tests.mt.tiny_argos import build_tiny_package


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name[:20])
def test_drafts_a_sample_article(installed_tiny: Path, article: Path) -> None:
    requests = article_requests(article)
    assert sum(len(r.terms) for r in requests) > 3
    progress: list[int] = []
    drafts = ArgosEngine.from_settings().translate(requests, progress=progress.append)
    assert len(drafts) == len(requests) and sum(progress) == len(requests)
    for request, d in zip(requests, drafts, strict=True):
        assert d is not None
        assert isinstance(d.text, str) and d.text.strip()
        assert cjk_count(d.text) == 0
        assert d.origin.engine == "argos" and d.origin.detail == "translate-zh_en 0.1"
        assert d.origin.score is not None and 0 < d.origin.score <= 1
        for match in request.terms:
            english = rendering(match.term)
            wanted = sum(1 for m in request.terms if rendering(m.term) == english)
            assert d.text.count(english) >= wanted, (english, d.text)
            assert "WFOE" not in d.text
        placed = [f for f in d.findings if f.check == "mt-term-placed"]
        # Random weights copy nothing: every term was placed, and each one is named.
        assert len(placed) == len(request.terms)
        for match in request.terms:
            assert any(match.term.source in f.message for f in placed)
        assert all(f.segment == request.segment_id for f in d.findings)


def test_empty_and_huge_segments(installed_tiny: Path) -> None:
    terms = seed_terms()
    huge = ("中以常州创新园召开2020年中以合作重点工作计划研讨会，" * 120)[:3000] + "。"
    requests = [
        DraftRequest("p1.s1", ""),
        DraftRequest("p1.s2", "   "),
        DraftRequest("p2.s1", huge, terms=match_terms(huge, terms)),
        DraftRequest("p3.s1", "会" * 3000),
    ]
    drafts = ArgosEngine.from_settings().translate(requests)
    assert drafts[0] is None and drafts[1] is None
    for d in drafts[2:]:
        assert d is not None and d.text and cjk_count(d.text) == 0
        assert "mt-long-segment" in [f.check for f in d.findings]
    assert drafts[2] is not None
    cip = [m for m in requests[2].terms if m.term.abbreviation == "CIP"]
    assert len(cip) > 100
    assert drafts[2].text.count("China-Israel Changzhou Innovation Park (CIP)") == len(cip)


def test_n_best_are_re_ranked(installed_tiny: Path) -> None:
    engine = ArgosEngine.from_settings(MTSettings(num_hypotheses=4, beam_size=4))
    request = article_requests(ARTICLES[1])[2]
    protected = engine.backend
    from cipbilingual.mt.protect import protect

    parts = [protect(request.source, request.terms)[0]]
    hyps = protected.generate(parts)[0]
    assert len(hyps) == 4
    assert all(h.score is not None for h in hyps)
    assert hyps[0].aligner is not None and hyps[0].aligner() is not None


def test_forbidden_variants_are_suppressed_at_decoding(installed_tiny: Path) -> None:
    term = Term(
        "外商独资企业",
        "wholly foreign-owned enterprise",
        abbreviation="WOFE",
        forbidden=("WFOE", "wholly foreign owned enterprise"),
    )
    source = "园区累计运营外商独资企业达90家。"
    engine = ArgosEngine.from_settings()
    from cipbilingual.mt.protect import protect

    protected, _ = protect(source, match_terms(source, [term]))
    sequences = engine.backend.suppressed([protected])
    assert len(sequences) == 2 and all(seq for seq in sequences)
    [d] = engine.translate([DraftRequest("p1.s1", source, terms=match_terms(source, [term]))])
    assert d is not None and "WFOE" not in d.text


def test_repetition_guard(tmp_path: Path, argos_packages: Path) -> None:
    from cipbilingual.mt.argos import install_archive

    # A package that never ends a sentence: every output runs to the length cap, and a random
    # model then loops, as argos zh models are known to.
    install_archive(build_tiny_package(tmp_path, eos_bias=-1e4))
    requests = [
        DraftRequest("p1.s1", "今天天气很好。"),
        DraftRequest("p1.s2", "中以常州创新园召开2020年中以合作重点工作计划研讨会。"),
    ]
    free = ArgosEngine.from_settings(MTSettings(no_repeat_ngram_size=0)).translate(requests)
    guarded = ArgosEngine.from_settings(MTSettings(no_repeat_ngram_size=1)).translate(requests)
    assert any("mt-repetition" in [f.check for f in d.findings] for d in free if d)
    assert all("mt-repetition" not in [f.check for f in d.findings] for d in guarded if d)
    for d, r in zip(free, requests, strict=True):
        assert d is not None and len(d.text.split()) <= 2 * len(r.source) + 16


def test_threads_and_compute_type_are_configurable(installed_tiny: Path) -> None:
    engine = ArgosEngine.from_settings(MTSettings(threads=1, compute_type="float32"))
    assert "float32, 1 threads" in engine.describe()
    [d] = engine.translate([DraftRequest("p1.s1", "今天天气很好。")])
    assert d is not None and d.text
    broken = ArgosEngine.from_settings(MTSettings(compute_type="no-such-type"))
    with pytest.raises(EngineError, match="cannot load the argos model"):
        broken.translate([DraftRequest("p1.s1", "今天天气很好。")])


def test_no_model_installed(argos_packages: Path, tmp_path: Path) -> None:
    settings = Settings(path=tmp_path / "cipbilingual.toml")
    with pytest.raises(EngineError) as err:
        engine_for("argos", settings, tmp_path)
    assert "mt install" in err.value.hint


def test_registry(installed_tiny: Path, tmp_path: Path) -> None:
    settings = Settings(path=tmp_path / "cipbilingual.toml")
    assert engine_for(None, settings, tmp_path).name == "argos"
    with pytest.raises(EngineError, match="unknown MT engine"):
        engine_for("deepl", settings, tmp_path)
    with pytest.raises(EngineError, match="no LibreTranslate server"):
        engine_for("libretranslate", settings, tmp_path)
    lt = dataclasses.replace(settings, mt=MTSettings(libretranslate_url="http://127.0.0.1:9"))
    assert engine_for("libretranslate", lt, tmp_path).name == "libretranslate"
    assert engine_for("tm", settings, tmp_path).name == "tm"


def test_importing_the_engines_loads_no_model_library() -> None:
    code = (
        "import sys\n"
        "import cipbilingual.mt.registry, cipbilingual.mt.argos, cipbilingual.mt.libretranslate\n"
        "import cipbilingual.mt.pipeline, cipbilingual.workflow.drafting\n"
        "import cipbilingual.cli.draft, cipbilingual.cli.mt\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'argostranslate', 'ctranslate2', 'sentencepiece', 'numpy', 'textual'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
