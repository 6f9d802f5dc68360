"""Build a genuine, tiny argos package (zh→en by default) with random weights, for tests and
benchmarks: real CTranslate2 model, real SentencePiece model, real metadata, zipped as argos does.

Its English is gibberish made of ASCII words; assert properties, never sentences. Adapted from the
project's argos notes; needs numpy, sentencepiece and ctranslate2 (argos's own dependencies), and
`onnx` only for the optional rule-based sentence splitter that a LibreTranslate server needs.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
SBD_ENDERS = "。！？!?"


def corpus_lines() -> list[str]:
    """Chinese and English lines of the test corpus, to train the SentencePiece model on."""
    lines: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    # A few more so every ASCII letter and digit has a piece of its own.
    lines += [" ".join("abcdefghijklmnopqrstuvwxyz"), " ".join("0123456789")]
    return [line.strip() for line in lines if line.strip()]


def train_sentencepiece(lines: list[str], vocab_size: int = 800) -> bytes:
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buf,
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,  # a small corpus may not fill the vocabulary
        character_coverage=1.0,  # keep every CJK character seen
        byte_fallback=True,  # unseen characters become byte pieces, never <unk>
        num_threads=1,
        minloglevel=2,
    )
    return buf.getvalue()


def _converter(vocab: list[str], seed: int, eos_bias: float) -> Any:
    """A CTranslate2 converter whose 'checkpoint' is a seeded numpy RNG."""
    import numpy as np
    from ctranslate2.converters import Converter
    from ctranslate2.specs import transformer_spec

    class RandomTransformer(Converter):  # type: ignore[misc]
        def _load(self) -> Any:
            rng = np.random.default_rng(seed)
            d, ffn, size = 64, 128, len(vocab)

            def w(*shape: int) -> Any:
                return (rng.standard_normal(shape) / np.sqrt(shape[-1])).astype(np.float32)

            def norm(layer_norm: Any) -> None:
                layer_norm.gamma = np.ones(d, np.float32)
                layer_norm.beta = np.zeros(d, np.float32)

            spec = transformer_spec.TransformerSpec.from_config(2, 4)
            enc, dec = spec.encoder, spec.decoder
            enc.embeddings[0].weight = w(size, d)
            dec.embeddings.weight = w(size, d)
            dec.projection.weight = w(size, d)
            # Only ASCII-word pieces may be generated (English-looking gibberish, never a CJK or
            # byte piece), and </s> is favoured so that random outputs stay sentence-sized.
            allowed = [p.lstrip("\u2581").isascii() and p.lstrip("\u2581").isalpha() for p in vocab]
            bias = np.where(np.array(allowed), 0.0, -1e4).astype(np.float32)
            bias[vocab.index("</s>")] = eos_bias
            dec.projection.bias = bias
            norm(enc.layer_norm)
            norm(dec.layer_norm)
            for layer in [*enc.layer, *dec.layer]:
                norm(layer.self_attention.layer_norm)
                layer.self_attention.linear[0].weight = w(3 * d, d)
                layer.self_attention.linear[1].weight = w(d, d)
                norm(layer.ffn.layer_norm)
                layer.ffn.linear_0.weight = w(ffn, d)
                layer.ffn.linear_1.weight = w(d, ffn)
            for layer in dec.layer:
                norm(layer.attention.layer_norm)
                layer.attention.linear[0].weight = w(d, d)
                layer.attention.linear[1].weight = w(2 * d, d)
                layer.attention.linear[2].weight = w(d, d)
            spec.register_source_vocabulary(vocab)
            spec.register_target_vocabulary(vocab)
            return spec

    return RandomTransformer()


def build_rule_sbd_onnx(path: Path) -> Path:
    """A 1 KB MiniSBD-format ONNX sentence splitter: every character ends a token, 。！？!? also
    end a sentence. argos (and a LibreTranslate server) use it instead of downloading one."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    id2unit = ["<PAD>", "<UNK>", *SBD_ENDERS]
    table = np.zeros((len(id2unit), 5), np.float32)  # the 5 classes of a stanza tokenizer
    table[0, 0] = 1.0
    table[1, 1] = 1.0
    table[2:, 2] = 1.0
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "units"], ["logits"], axis=0)],
        "rule_sbd",
        [
            helper.make_tensor_value_info("units", TensorProto.INT64, ["B", "T"]),
            helper.make_tensor_value_info("features", TensorProto.FLOAT, ["B", "T", "F"]),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["B", "T", 5])],
        initializer=[numpy_helper.from_array(table, "table")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    config = {
        "skip_newline": False,
        "max_seqlen": 1000,
        "no_ssplit": False,
        "batch_size": 32,
        "feat_funcs": [],
        "use_dictionary": False,
        "num_dict_feat": 0,
    }
    vocab = {
        "lang": "zh-hans",
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_id2unit": id2unit,
        "_unit2id": {u: i for i, u in enumerate(id2unit)},
    }
    helper.set_model_props(
        model,
        {
            "lang_code": "zh-hans",
            "config": json.dumps(config),
            "vocab": json.dumps(vocab),
            "lexicon": "null",
        },
    )
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))
    return path


LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


def build_tiny_package(
    out_dir: Path,
    *,
    from_code: str = "zh",
    to_code: str = "en",
    version: str = "0.1",
    sbd: bool = False,
    seed: int = 0,
    eos_bias: float = 2.0,
) -> Path:
    """Write `<out_dir>/translate-<from>_<to>-<version>.argosmodel` and return its path.
    `sbd=True` adds the rule-based splitter as minisbd/<from>.onnx (needs `onnx`)."""
    import sentencepiece as spm

    folder = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / folder
        pkg.mkdir()
        sp_bytes = train_sentencepiece(corpus_lines())
        (pkg / "sentencepiece.model").write_bytes(sp_bytes)
        sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
        vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        _converter(vocab, seed, eos_bias).convert(str(pkg / "model"))
        if sbd:
            build_rule_sbd_onnx(pkg / "minisbd" / f"{from_code}.onnx")
        metadata = {
            "code": f"translate-{from_code}_{to_code}",
            "package_version": version,
            "argos_version": "1.9.0",
            "from_code": from_code,
            "from_name": LANGUAGE_NAMES.get(from_code, from_code),
            "to_code": to_code,
            "to_name": LANGUAGE_NAMES.get(to_code, to_code),
            "type": "translate",
            "links": [],
        }
        (pkg / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (pkg / "README.md").write_text("Random-weight test fixture. Its output is gibberish.\n")
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{folder}.argosmodel"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(pkg.rglob("*")):
                archive.write(path, path.relative_to(tmp))
    return target


def install_unpacked(archive: Path, packages_dir: Path) -> Path:
    """Unzip an .argosmodel into an argos packages folder, as argospm would (no validation)."""
    packages_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(packages_dir)
        top = zf.namelist()[0].split("/")[0]
    return packages_dir / top


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, dirs_exist_ok=True)
