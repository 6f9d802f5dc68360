"""MT drafting throughput on a generated 500-segment article with the tiny genuine argos package:
the argos engine (terms protected, n-best re-ranked) beside argos's own translate() called once
per segment, and beside a bare CTranslate2 translate_batch over the same SentencePiece pieces."""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import Figure, median_time

REPO = Path(__file__).resolve().parent.parent
SEGMENTS = 500


def _article(rng: random.Random) -> list[str]:
    """500 distinct Chinese sentences built from the corpus's clauses, with numbers and terms."""
    from tests.mt.glossary_fixture import ARTICLES, sentences

    clauses: list[str] = []
    for path in ARTICLES:
        for sentence in sentences(path.read_text(encoding="utf-8")):
            clauses += [c for c in sentence.rstrip("。！？").split("，") if len(c) > 3]
    out: set[str] = set()
    while len(out) < SEGMENTS:
        parts = rng.sample(clauses, rng.randint(1, 3))
        if rng.random() < 0.3:
            parts.append(f"投资{rng.randint(2, 90)}亿元")
        out.add("，".join(parts) + "。")
    return sorted(out, key=lambda s: rng.random())


def _argos_translation(package_dir: Path) -> tuple[Any, str]:
    """argos's own translation object for the package, as its translate() builds it."""
    from argostranslate import package, translate

    pkg = package.Package(package_dir)
    zh, en = translate.Language("zh", "Chinese"), translate.Language("en", "English")
    translation = translate.CachedTranslation(translate.PackageTranslation(zh, en, pkg))
    how = "with its MiniSBD splitter" if (package_dir / "minisbd").is_dir() else "no splitter"
    return translation, how


def run(quick: bool) -> list[Figure]:
    sys.path.insert(0, str(REPO))
    tmp = Path(tempfile.mkdtemp(prefix="cipbilingual-bench-mt-"))
    if "argostranslate.settings" not in sys.modules:  # argos creates its folders on import
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(tmp / var.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(tmp / "packages")

    import ctranslate2
    import sentencepiece
    from tests.mt.glossary_fixture import match_terms, seed_terms
    from tests.mt.tiny_argos import build_tiny_package

    from cipbilingual.config import MTSettings
    from cipbilingual.mt.argos import ArgosEngine, install_archive
    from cipbilingual.mt.base import DraftRequest
    from cipbilingual.mt.protect import protect

    try:
        import onnx  # noqa: F401  (argos's translate() needs a sentence splitter offline)

        sbd = True
    except ImportError:
        sbd = False
    installed = install_archive(build_tiny_package(tmp / "build", sbd=sbd)).package
    settings = MTSettings()
    terms = seed_terms()
    sources = _article(random.Random(7))
    requests = [
        DraftRequest(f"p{i}.s1", s, terms=match_terms(s, terms)) for i, s in enumerate(sources, 1)
    ]
    engine = ArgosEngine(installed, settings)
    engine.translate(requests[:8])  # load the model outside the timing

    sp = sentencepiece.SentencePieceProcessor(
        model_file=str(installed.path / "sentencepiece.model")
    )
    pieces = [sp.encode(protect(r.source, r.terms)[0].text, out_type=str) for r in requests]
    translator = ctranslate2.Translator(
        str(installed.path / "model"),
        device="cpu",
        compute_type=settings.compute_type,
        intra_threads=settings.threads,
        inter_threads=1,
    )
    # The same decoding options as the engine (beam, n-best, repetition guard, length cap), so
    # the ratio is the engine's own cost: protection, splitting, re-ranking, restoring.
    options = engine.backend.options(max(map(len, pieces)), settings.no_repeat_ngram_size)
    translator.translate_batch(pieces[:8], **options)

    translation, how = _argos_translation(installed.path)
    translation.translate(sources[0])

    def per_segment() -> None:
        for source in sources:
            translation.translate(source)

    # Interleaved, so that a noisy neighbour slows all three alike.
    ours: list[float] = []
    bare: list[float] = []
    argos: list[float] = []
    for i in range(2 if quick else 7):
        ours.append(median_time(lambda: engine.translate(requests), 1))
        bare.append(median_time(lambda: translator.translate_batch(pieces, **options), 1))
        if i < (1 if quick else 3):
            argos.append(median_time(per_segment, 1))

    n = len(requests)
    t_ours, t_bare, t_argos = (statistics.median(t) for t in (ours, bare, argos))
    note = (
        f"argos engine drafting a generated {n}-segment article with "
        f"{sum(len(r.terms) for r in requests)} glossary terms, tiny random-weight package"
    )
    return [
        Figure(
            "mt.throughput",
            n / t_ours,
            "seg/s",
            f"argos translate() once per segment ({how})",
            n / t_argos,
            "seg/s",
            t_argos / t_ours,
            "≥ 3×",
            note,
        ),
        Figure(
            "mt.overhead",
            n / t_ours,
            "seg/s",
            "bare CTranslate2 translate_batch, same pieces and options",
            n / t_bare,
            "seg/s",
            t_bare / t_ours,
            "≥ 0.9×",
            note,
        ),
    ]
