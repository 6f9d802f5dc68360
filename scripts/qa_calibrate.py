"""How loud is each QA check on published translations? Run the checks over a parallel corpus and
print, per check, how many pairs it flags, and the percentiles of the length ratio (English
characters per Chinese character) from which the `length` bounds are derived.

    python scripts/qa_calibrate.py PAIRS.csv [--glossary GLOSSARY.po] [--show CHECK]
    python scripts/qa_calibrate.py ZH.txt EN.txt

PAIRS.csv has the Chinese in its first column and the English in its second (a header row is
skipped when its first cell has no Chinese); ZH.txt and EN.txt are aligned line by line. Nothing
is written. docs/qa.md records what this printed for the WMT18-20 zh->en news test sets.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def read_pairs(paths: list[Path]) -> list[tuple[str, str]]:
    if len(paths) == 2:
        zh = paths[0].read_text(encoding="utf-8").splitlines()
        en = paths[1].read_text(encoding="utf-8").splitlines()
        return [(a, b) for a, b in zip(zh, en, strict=False) if a.strip() and b.strip()]
    pairs = []
    with paths[0].open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            if len(row) >= 2 and HAN.search(row[0]) and row[1].strip():
                pairs.append((row[0], row[1]))
    return pairs


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--glossary", type=Path)
    parser.add_argument("--show", action="append", default=[], help="print the pairs a check flags")
    parser.add_argument("--min-chinese", type=int, default=12)
    args = parser.parse_args(argv)

    from cipbilingual.qa import CheckContext, check_pair

    glossary = None
    if args.glossary:
        from cipbilingual.glossary import Glossary
        from cipbilingual.store import load_terms

        glossary = Glossary(load_terms(args.glossary))
    pairs = read_pairs(args.files)
    ctx = CheckContext(glossary=glossary)
    flagged: Counter[str] = Counter()
    any_finding = 0
    for zh, en in pairs:
        findings = check_pair(zh, en, ctx)
        any_finding += bool(findings)
        for check in {f.check for f in findings}:
            flagged[check] += 1
        for f in findings:
            if f.check in args.show:
                print(f"[{f.check}] {f.message}\n  {zh}\n  {en}")
    total = len(pairs)
    print(f"pairs: {total}; with any finding: {any_finding} ({100 * any_finding / total:.1f}%)")
    for check, count in flagged.most_common():
        print(f"  {check:24} {count:5}  {100 * count / total:5.2f}%")
    ratios = [len(en) / n for zh, en in pairs if (n := len(HAN.findall(zh))) >= args.min_chinese]
    quantiles = (0.001, 0.005, 0.01, 0.5, 0.99, 0.995, 0.999)
    print(
        f"length ratio over {len(ratios)} pairs with >= {args.min_chinese} Chinese characters: "
        + " ".join(f"p{q * 100:g}={percentile(ratios, q):.2f}" for q in quantiles)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
