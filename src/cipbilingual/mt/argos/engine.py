"""The local engine: an argos package's CTranslate2 model and SentencePiece model, driven directly
(argos's own translate() would run its sentence splitter, which downloads a model). Batched,
n-best re-ranked, repetition-guarded, forbidden variants suppressed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from cipbilingual.config import MTSettings
from cipbilingual.errors import EngineError
from cipbilingual.models import Origin
from cipbilingual.mt.argos.packages import InstalledPackage, find_zh_en
from cipbilingual.mt.base import Draft, DraftRequest, Progress
from cipbilingual.mt.pipeline import Hypothesis, draft_all
from cipbilingual.mt.protect import Protected, WordAlignment

MAX_PIECES = 200  # longer parts are cut (argos zh models were trained on sentences)
SPACE = "\u2581"  # SentencePiece's word-start mark


class ArgosBackend:
    """CTranslate2 + SentencePiece for one installed package, loaded on first use."""

    limit = MAX_PIECES

    def __init__(self, package: InstalledPackage, settings: MTSettings) -> None:
        self.package = package
        self.settings = settings
        self._lock = threading.Lock()
        self._translator: Any = None
        self._sp: Any = None

    def load(self) -> None:
        """Load the model and tokenizer; raises EngineError if the package is unusable."""
        with self._lock:
            if self._translator is not None:
                return
            import ctranslate2
            import sentencepiece

            from cipbilingual.mt.argos.packages import _settings

            folder = self.package.path
            if not (folder / "sentencepiece.model").is_file():
                raise EngineError(
                    f"{folder} has no sentencepiece.model; cipbilingual drives SentencePiece "
                    "packages only",
                    hint="install a current zh→en package (argos 1.9 or later)",
                )
            device = str(_settings().get_setting("ARGOS_DEVICE_TYPE", default="cpu"))
            try:
                self._sp = sentencepiece.SentencePieceProcessor(
                    model_file=str(folder / "sentencepiece.model")
                )
                self._translator = ctranslate2.Translator(
                    str(folder / "model"),
                    device=device,
                    compute_type=self.settings.compute_type,
                    intra_threads=max(0, self.settings.threads),
                    inter_threads=1,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise EngineError(
                    f"cannot load the argos model in {folder}: {str(exc).strip()[:200]}",
                    hint="reinstall it with 'cipbilingual mt install FILE.argosmodel'",
                ) from None

    def measure(self, text: str) -> int:
        self.load()
        # A piece covers at least one UTF-8 byte (byte fallback), so a short text needs no
        # tokenizing to know it fits; this bound is all the splitter needs.
        bound = len(text.encode("utf-8")) + 1
        return bound if bound <= self.limit else len(self._sp.encode(text))

    def offsets(self, text: str, pieces: Sequence[str]) -> list[int]:
        """The character offset in `text` of each of its SentencePiece `pieces`.

        Walks text and pieces together (the normaliser maps a character to one character, and
        byte-fallback pieces spell one character's UTF-8 bytes); where that does not add up, asks
        SentencePiece for the offsets, which is slower."""
        out: list[int] = []
        pos, size, remaining, start = 0, len(text), 0, 0
        for piece in pieces:
            if remaining:  # a continuation byte of the character at `start`
                out.append(start)
                remaining -= 1
                if not remaining:
                    pos = start + 1
                continue
            if piece[0] == SPACE:  # a word starts: past the whitespace SentencePiece folded
                while pos < size and text[pos].isspace():
                    pos += 1
                out.append(pos)
                pos += len(piece) - 1
            elif piece[0] == "<" and len(piece) == 6 and piece.startswith("<0x"):
                lead = int(piece[3:5], 16)
                start = pos
                out.append(start)
                remaining = 0 if lead < 0xC0 else 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
                if not remaining:
                    pos = start + 1
            else:
                out.append(pos)
                pos += len(piece)
        if remaining or pos != len(text.rstrip()):
            return self._proto_offsets(text)
        return out

    def _proto_offsets(self, text: str) -> list[int]:
        proto = self._sp.encode(text, return_type="proto")
        data = text.encode("utf-8")
        out: list[int] = []
        byte_pos = char_pos = 0
        for piece in proto.pieces:
            # The proto counts bytes; each stretch of bytes is decoded once to count characters.
            if piece.begin > byte_pos:
                char_pos += len(data[byte_pos : piece.begin].decode("utf-8", "ignore"))
                byte_pos = piece.begin
            surface = piece.surface
            out.append(char_pos + len(surface) - len(surface.lstrip()))
        return out

    def decode(self, hypotheses: list[list[str]]) -> list[str]:
        # One call per hypothesis: SentencePiece's batch call starts threads, slower here.
        return [self._sp.decode(h).replace(SPACE, " ").strip() for h in hypotheses]

    def suppressed(self, parts: Sequence[Protected]) -> list[list[str]]:
        """Token sequences of the forbidden variants of the terms in `parts`."""
        self.load()
        seen: dict[str, list[str]] = {}
        for part in parts:
            for slot in part.slots:
                for variant in slot.term.forbidden:
                    if variant.strip() and variant not in seen:
                        seen[variant] = self._sp.encode(variant, out_type=str)
        return [pieces for pieces in seen.values() if pieces]

    def generate(self, parts: Sequence[Protected]) -> list[list[Hypothesis]]:
        self.load()
        pieces: list[list[str]] = self._sp.encode(
            [p.text for p in parts], out_type=str, num_threads=1
        )
        out: list[list[Hypothesis]] = [[] for _ in parts]
        # One call for all parts: CTranslate2 sorts them by length into batches. A term said twice
        # in one sentence is a repeated n-gram that the repetition guard may block; the term is
        # then placed by alignment with a finding (see docs/mt.md).
        self._translate(parts, pieces, self.settings.no_repeat_ngram_size, out)
        return out

    def options(self, longest: int, ngram: int) -> dict[str, Any]:
        """The decoding options: n-best for re-ranking, the repetition guard, a length cap."""
        s = self.settings
        n_best = max(1, s.num_hypotheses)
        return {
            "max_batch_size": max(1, s.batch_size),
            "beam_size": max(s.beam_size, n_best),
            "num_hypotheses": n_best,
            "no_repeat_ngram_size": max(0, ngram),
            "repetition_penalty": s.repetition_penalty,
            "max_input_length": 0,  # parts are already cut to size; never truncate silently
            "max_decoding_length": min(1024, 2 * longest + 16),
            "replace_unknowns": True,
            "return_scores": True,
        }

    def _translate(
        self,
        parts: Sequence[Protected],
        pieces: Sequence[list[str]],
        ngram: int,
        out: Sequence[list[Hypothesis]],
    ) -> None:
        prefix = self.package.target_prefix
        want_attention = any(p.slots for p in parts)
        try:
            results = self._translator.translate_batch(
                list(pieces),
                target_prefix=[[prefix]] * len(pieces) if prefix else None,
                suppress_sequences=self.suppressed(parts) or None,
                return_attention=want_attention,
                **self.options(max(len(p) for p in pieces), ngram),
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"the argos model failed: {str(exc).strip()[:200]}") from None
        skip = 1 if prefix else 0
        for part, source, result, slot in zip(parts, pieces, results, out, strict=True):
            tokens = [h[skip:] if skip and h[:1] == [prefix] else h for h in result.hypotheses]
            texts = self.decode(tokens)
            scores = result.scores  # converted from C++ on every access: once
            for k, text in enumerate(texts):
                aligner = None
                if want_attention and part.slots:
                    aligner = _aligner(self, part.text, source, tokens[k], result, k, skip)
                slot.append(Hypothesis(text, float(scores[k]), aligner))


def _aligner(
    backend: ArgosBackend,
    text: str,
    source: Sequence[str],
    tokens: list[str],
    result: Any,
    k: int,
    skip: int,
) -> Callable[[], WordAlignment | None]:
    """A function computing, for each output word, the source offset its first piece attends to
    most (the model's alignment head); run only when a lost term must be placed."""

    def align() -> WordAlignment | None:
        words: list[list[str]] = []
        firsts: list[int] = []
        for i, tok in enumerate(tokens):
            if not words or tok.startswith(SPACE):
                words.append([])
                firsts.append(i)
            words[-1].append(tok)
        surfaces = backend.decode(words)
        starts = [first for first, text in zip(firsts, surfaces, strict=True) if text]
        if len(starts) != len(" ".join(surfaces).split()):
            return None
        offsets = backend.offsets(text, source)
        attention: list[list[float]] = result.attention[k]  # converted only now, when needed
        aligned: list[int | None] = []
        for i in starts:
            row = attention[i + skip] if i + skip < len(attention) else None
            if not row:
                aligned.append(None)
                continue
            j = max(range(len(row)), key=row.__getitem__)
            aligned.append(offsets[j] if j < len(offsets) else None)
        return aligned

    return align


class ArgosEngine:
    """Drafts with a local argos zh→en package. Raises EngineError."""

    name = "argos"

    def __init__(self, package: InstalledPackage, settings: MTSettings | None = None) -> None:
        self.package = package
        self.settings = settings or MTSettings()
        self.backend = ArgosBackend(package, self.settings)

    @classmethod
    def from_settings(cls, settings: MTSettings | None = None) -> ArgosEngine:
        """The engine for the newest installed zh→en package; raises EngineError if none."""
        return cls(find_zh_en(), settings)

    def describe(self) -> str:
        p, s = self.package, self.settings
        return (
            f"argos {p.code} {p.version} ({s.compute_type}, {s.threads} threads, "
            f"beam {s.beam_size}) in {p.path}"
        )

    def origin(self, score: float | None) -> Origin:
        return Origin(self.name, f"{self.package.code} {self.package.version}", score)

    def translate(
        self, requests: Sequence[DraftRequest], progress: Progress | None = None
    ) -> list[Draft | None]:
        """One Draft per request (None for an empty source), in order; raises EngineError."""
        return draft_all(
            requests,
            self.backend,
            self.origin,
            progress=progress,
            parts_per_call=max(1, self.settings.batch_size) * 16,
        )
