"""Generate src/cipbilingual/store/_unitables.py from the libunistring that GNU gettext uses.

GNU msgcat wraps strings with libunistring's `ulc_width_linebreaks` (UAX #14 line breaking with
display widths). To reproduce its output byte for byte, the store needs the same character
widths and line-breaking behaviour. This script measures both from the installed libunistring
through ctypes (no table is copied from anywhere):

- widths: `uc_width(c, "UTF-8")` for every code point;
- line-breaking classes: every code point is probed in two-character contexts against a set of
  representative characters (with and without a space between); code points that behave
  identically everywhere form one class. The representative set grows until the partition is
  stable, so every distinct behaviour has a representative;
- the pair table: for two classes A and B, "A B" breaks (direct), else "A SP B" breaks
  (indirect), else no break.

Usage (developers only; needs numpy, libunistring.so.2 and the `tables` extra):
    pip install -e '.[tables]' && python tools/gen_unitables.py [--check]
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import sys
import unicodedata
from pathlib import Path

import numpy as np
import uniseg.linebreak as ulb

OUT = Path(__file__).resolve().parent.parent / "src" / "cipbilingual" / "store" / "_unitables.py"
MAX = 0x110000
POSSIBLE, MANDATORY = 2, 3
LF, SP = 0x0A, 0x20

# Characters whose class the wrapping algorithm must know by name (special rules).
NAMED = {
    "SP": 0x20,
    "BK": 0x0B,
    "CR": 0x0D,
    "LF": 0x0A,
    "ZW": 0x200B,
    "CM": 0x0300,
    "ZWJ": 0x200D,
    "RI": 0x1F1E6,
    "HL": 0x05D0,
    "HY": 0x2D,
    "BA": 0x2010,
    "AL": 0x61,
}


def _lib() -> ctypes.CDLL:
    name = ctypes.util.find_library("unistring") or "libunistring.so.2"
    lib = ctypes.CDLL(name)
    lib.u32_possible_linebreaks_v2.argtypes = [
        ctypes.c_void_p,
        ctypes.c_size_t,
        ctypes.c_char_p,
        ctypes.c_void_p,
    ]
    lib.u32_possible_linebreaks_v2.restype = None
    lib.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    lib.uc_width.restype = ctypes.c_int
    return lib


def _codepoints() -> np.ndarray:
    all_cp = np.arange(MAX, dtype=np.uint32)
    return all_cp[(all_cp < 0xD800) | (all_cp > 0xDFFF)]


def _breaks(lib: ctypes.CDLL, seq: np.ndarray) -> np.ndarray:
    seq = np.ascontiguousarray(seq, dtype=np.uint32)
    out = np.zeros(seq.size, dtype=np.int8)
    lib.u32_possible_linebreaks_v2(seq.ctypes.data, seq.size, b"UTF-8", out.ctypes.data)
    return out


def _template(reps: list[int]) -> tuple[list[int], list[int], list[int]]:
    """Probe sequence with -1 where the probed character goes, and the positions to read."""
    seq: list[int] = []
    read: list[int] = []

    def probe(*chars: int, at: list[int]) -> None:
        start = len(seq)
        seq.append(LF)
        seq.extend(chars)
        read.extend(start + 1 + k for k in at)

    c = -1
    for r in reps:
        probe(r, c, at=[1])
        probe(r, SP, c, at=[2])
        probe(c, r, at=[1])
        probe(c, SP, r, at=[2])
    probe(c, at=[0])
    probe(SP, c, at=[1])
    probe(c, c, c, c, at=[1, 2, 3])
    probe(NAMED["HL"], c, NAMED["AL"], at=[1, 2])
    probe(c, NAMED["HY"], NAMED["AL"], at=[1, 2])
    probe(NAMED["AL"], NAMED["ZWJ"], c, at=[2])
    probe(NAMED["AL"], c, NAMED["AL"], at=[1, 2])
    probe(NAMED["AL"], SP, c, NAMED["AL"], at=[2, 3])
    holes = [i for i, v in enumerate(seq) if v == -1]
    return seq, holes, read


def _signatures(lib: ctypes.CDLL, cps: np.ndarray, reps: list[int]) -> np.ndarray:
    seq, holes, read = _template(reps)
    base = np.array([0 if v == -1 else v for v in seq], dtype=np.uint32)
    sigs = np.empty((cps.size, len(read)), dtype=np.int8)
    batch = 8192
    for lo in range(0, cps.size, batch):
        chunk = cps[lo : lo + batch]
        block = np.tile(base, (chunk.size, 1))
        block[:, holes] = chunk[:, None]
        res = _breaks(lib, block.ravel()).reshape(chunk.size, len(seq))
        sigs[lo : lo + chunk.size] = res[:, read]
    return sigs


def _partition(sigs: np.ndarray) -> np.ndarray:
    rows = np.ascontiguousarray(sigs).view(np.dtype((np.void, sigs.shape[1]))).ravel()
    _, inverse = np.unique(rows, return_inverse=True)
    return inverse.ravel()


def _seed() -> list[int]:
    seen: dict[tuple[str, bool], int] = {}
    for cp in range(MAX):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        key = (str(ulb.line_break(ch)), unicodedata.east_asian_width(ch) in "WFH")
        seen.setdefault(key, cp)
    return sorted(set(seen.values()) | set(NAMED.values()))


def classify(lib: ctypes.CDLL) -> tuple[np.ndarray, np.ndarray, list[int]]:
    cps = _codepoints()
    reps = _seed()
    groups = -1
    while True:
        labels = _partition(_signatures(lib, cps, reps))
        count = int(labels.max()) + 1
        print(f"{len(reps)} representatives -> {count} classes", file=sys.stderr)
        firsts = [int(cps[np.argmax(labels == g)]) for g in range(count)]
        if count == groups and set(firsts) <= set(reps):
            return cps, labels, firsts
        groups = count
        reps = sorted(set(reps) | set(firsts))


def pair_table(lib: ctypes.CDLL, reps: list[int]) -> list[str]:
    rows = []
    for a in reps:
        seq: list[int] = []
        direct: list[int] = []
        indirect: list[int] = []
        for b in reps:
            direct.append(len(seq) + 2)
            seq += [LF, a, b]
            indirect.append(len(seq) + 3)
            seq += [LF, a, SP, b]
        res = _breaks(lib, np.array(seq, dtype=np.uint32))
        row = ""
        for d, i in zip(direct, indirect, strict=True):
            row += "D" if res[d] == POSSIBLE else ("I" if res[i] == POSSIBLE else "P")
        rows.append(row)
    return rows


def widths(lib: ctypes.CDLL) -> dict[int, list[tuple[int, int]]]:
    out: dict[int, list[tuple[int, int]]] = {0: [], 2: []}
    current, start = 1, 0
    for cp in range(MAX + 1):
        w = 1 if cp == MAX else lib.uc_width(cp, b"UTF-8")
        w = 0 if w < 0 else w  # control characters: ignored by the width pass
        if 0xD800 <= cp <= 0xDFFF:
            w = 1
        if w != current:
            if current != 1:
                out[current].append((start, cp - 1))
            current, start = w, cp
    return out


def ranges(cps: np.ndarray, labels: np.ndarray) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for cp, label in zip(cps.tolist(), labels.tolist(), strict=True):
        if out and out[-1][2] == label and out[-1][1] == cp - 1:
            out[-1] = (out[-1][0], cp, label)
        elif out and out[-1][2] == label and out[-1][1] == 0xD7FF and cp == 0xE000:
            out[-1] = (out[-1][0], cp, label)  # bridge the surrogate gap
        else:
            out.append((cp, cp, label))
    return out


def render(lib: ctypes.CDLL) -> str:
    cps, labels, firsts = classify(lib)
    # Renumber classes so that the class of each named character has a stable, readable name.
    order = sorted(range(len(firsts)), key=lambda g: firsts[g])
    renum = {old: new for new, old in enumerate(order)}
    labels = np.array([renum[x] for x in range(len(order))])[labels]
    reps = [firsts[g] for g in order]
    names = []
    for cp in reps:
        ch = chr(cp)
        tag = str(ulb.line_break(ch)) + ("w" if unicodedata.east_asian_width(ch) in "WFH" else "")
        names.append(f"{tag}:U+{cp:04X}")
    named = {}
    for key, cp in NAMED.items():
        idx = int(np.searchsorted(cps, cp))
        named[key] = int(labels[idx])
    table = pair_table(lib, reps)
    wid = widths(lib)
    rng = ranges(cps, labels)
    lines = [  # the generated module is already in `ruff format` style
        '"""Unicode tables for GNU-identical wrapping, measured from libunistring 1.0 '
        "(gettext 0.21).",
        "",
        "Generated by tools/gen_unitables.py; do not edit. See docs/po-format.md.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "CLASS_NAMES: tuple[str, ...] = (",
    ]
    lines += [f'    "{name}",' for name in names]
    lines += [")", ""]
    for key in NAMED:
        lines.append(f"{key} = {named[key]}")
    lines += [
        "",
        "# PAIR[a][b]: 'D' break between a and b, 'I' only when spaces separate them, 'P' never.",
        "PAIR: tuple[str, ...] = (",
    ]
    lines += [f'    "{row}",' for row in table]
    lines += [")", ""]
    lines.append("# (first code point, last code point, class), sorted, covering every code point.")
    lines.append("CLASS_RANGES: tuple[tuple[int, int, int], ...] = (")
    lines += [f"    ({a}, {b}, {c})," for a, b, c in rng]
    lines += [")", ""]
    for w, name in ((0, "ZERO_WIDTH"), (2, "DOUBLE_WIDTH")):
        lines.append(f"{name}: tuple[tuple[int, int], ...] = (")
        lines += [f"    ({a}, {b})," for a, b in wid[w]]
        lines += [")", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file would change")
    args = parser.parse_args()
    text = render(_lib())
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else "out of date", file=sys.stderr)
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
