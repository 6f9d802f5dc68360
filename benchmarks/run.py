"""Run cipbilingual's benchmarks: `python benchmarks/run.py [NAME...] [--quick]`.

Each benchmark module `benchmarks/bench_<name>.py` defines `run(quick: bool) -> list[Figure]`:
the real code on generated data of realistic size, each figure measured beside its anchor in the
same run. One line is printed per figure:

    NAME: VALUE UNIT | ANCHOR: VALUE UNIT | ratio R×
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import NAMES, Figure  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"any of: {', '.join(NAMES)}")
    parser.add_argument("--quick", action="store_true", help="smaller data, whole run under 2 min")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in NAMES]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    selected = args.names or [n for n in NAMES if (HERE / f"bench_{n}.py").exists()]
    status = 0
    for name in selected:
        path = HERE / f"bench_{name}.py"
        if not path.exists():
            print(f"{name}: not written yet", file=sys.stderr)
            status = 1
            continue
        module = importlib.import_module(f"bench_{name}")
        started = time.perf_counter()
        figures: list[Figure] = module.run(quick=args.quick)
        for figure in figures:
            print(figure.line(), flush=True)
        print(f"  ({name} took {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
