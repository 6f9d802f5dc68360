"""The local engine: an argos package's CTranslate2 model and SentencePiece model, driven directly
(argos's own translate() would run its sentence splitter, which downloads a model). Batched,
n-best re-ranked, repetition-guarded, forbidden variants suppressed."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass
class _Encoded:
    pieces: list[str]
    offsets: list[int] | None  # character offset in the part's text of each piece, if needed


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
        return len(self._sp.encode(text))

    def _encode(self, part: Protected) -> _Encoded:
        if not part.slots:
            return _Encoded(self._sp.encode(part.text, out_type=str), None)
        proto = self._sp.encode(part.text, return_type="proto")
        char_at: list[int] = []
        for i, ch in enumerate(part.text):
            char_at.extend([i] * len(ch.encode("utf-8")))
        char_at.append(len(part.text))
        pieces: list[str] = []
        offsets: list[int] = []
        for piece in proto.pieces:
            pieces.append(piece.piece)
            pos = char_at[min(piece.begin, len(char_at) - 1)]
            end = char_at[min(piece.end, len(char_at) - 1)]
            while pos < end and part.text[pos].isspace():
                pos += 1
            offsets.append(pos)
        return _Encoded(pieces, offsets)

    def _decode(self, tokens: list[str]) -> str:
        text: str = self._sp.decode(tokens)
        return text.replace(SPACE, " ").strip()

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
        encoded = [self._encode(p) for p in parts]
        out: list[list[Hypothesis]] = [[] for _ in parts]
        # A term said twice in one sentence is a repeated n-gram: those parts go without the
        # n-gram block (their loops are still caught by find_loop and the n-best ranking).
        free = [i for i, p in enumerate(parts) if p.repeats_a_term]
        guarded = [i for i, p in enumerate(parts) if not p.repeats_a_term]
        for group, ngram in ((guarded, self.settings.no_repeat_ngram_size), (free, 0)):
            if group:
                self._translate(
                    [parts[i] for i in group],
                    [encoded[i] for i in group],
                    ngram,
                    [out[i] for i in group],
                )
        return out

    def _translate(
        self,
        parts: Sequence[Protected],
        encoded: Sequence[_Encoded],
        ngram: int,
        out: Sequence[list[Hypothesis]],
    ) -> None:
        s = self.settings
        n_best = max(1, s.num_hypotheses)
        prefix = self.package.target_prefix
        longest = max(len(e.pieces) for e in encoded)
        want_attention = any(p.slots for p in parts)
        try:
            results = self._translator.translate_batch(
                [e.pieces for e in encoded],
                target_prefix=[[prefix]] * len(encoded) if prefix else None,
                max_batch_size=max(1, s.batch_size),
                beam_size=max(s.beam_size, n_best),
                num_hypotheses=n_best,
                no_repeat_ngram_size=max(0, ngram),
                repetition_penalty=s.repetition_penalty,
                suppress_sequences=self.suppressed(parts) or None,
                max_input_length=0,  # parts are already cut to size; never truncate silently
                max_decoding_length=min(1024, 2 * longest + 16),
                replace_unknowns=True,
                return_scores=True,
                return_attention=want_attention,
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"the argos model failed: {str(exc).strip()[:200]}") from None
        for part, enc, result, slot in zip(parts, encoded, results, out, strict=True):
            for k, tokens in enumerate(result.hypotheses):
                if prefix and tokens and tokens[0] == prefix:
                    tokens = tokens[1:]
                attention = result.attention[k] if want_attention and part.slots else None
                skip = 1 if prefix else 0
                slot.append(
                    Hypothesis(
                        self._decode(tokens),
                        float(result.scores[k]),
                        _aligner(self, tokens, attention, enc.offsets, skip)
                        if attention is not None and enc.offsets is not None
                        else None,
                    )
                )


def _aligner(
    backend: ArgosBackend,
    tokens: list[str],
    attention: list[list[float]],
    offsets: list[int],
    skip: int,
) -> Any:
    """A function computing, for each output word, the source offset its first piece attends to
    most: the attention of the model's alignment head, computed only when a term must be placed."""

    def align() -> WordAlignment | None:
        words: list[int] = []  # index of each word's first piece
        for i, tok in enumerate(tokens):
            if not words or tok.startswith(SPACE):
                words.append(i)
        starts = [
            i
            for n, i in enumerate(words)
            if backend._decode(tokens[i : (words[n + 1] if n + 1 < len(words) else None)])
        ]
        if len(starts) != len(backend._decode(tokens).split()):
            return None
        result: list[int | None] = []
        for i in starts:
            row = attention[i + skip] if i + skip < len(attention) else None
            if not row:
                result.append(None)
                continue
            j = max(range(len(row)), key=row.__getitem__)
            result.append(offsets[j] if j < len(offsets) else None)
        return result

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
            parts_per_call=max(1, self.settings.batch_size) * 4,
        )
