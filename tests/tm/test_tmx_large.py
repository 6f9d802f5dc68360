"""Large TMX files stream: peak memory stays flat whatever the file's size (measured as the
peak RSS of a child process, since libxml2 allocates outside Python's tracemalloc)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

_MEASURE = """
import json, sys
from pathlib import Path
def peak_kb():
    # VmHWM belongs to this address space; ru_maxrss would inherit pytest's own peak.
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
from cipbilingual.tm import OriginKind, TranslationMemory
from cipbilingual.tm.tmx import read_tmx
path = Path(sys.argv[1])
with TranslationMemory(path.with_suffix(".sqlite")) as tm:
    before = peak_kb()
    report = tm.replace_store(OriginKind.TMX, path.name, read_tmx(path))
    after = peak_kb()
print(json.dumps({"units": report.units, "grew_mb": (after - before) / 1024}))
"""


def write_tmx_file(path: Path, target_bytes: int) -> int:
    """A TMX file of about `target_bytes`, distinct units; returns the number of units."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        out.write('<header srclang="zh-CN" creationtool="test" segtype="sentence"/>\n<body>\n')
        while out.tell() < target_bytes:
            out.write(
                f'<tu tuid="{count}"><tuv xml:lang="zh-CN"><seg>中以常州创新园第{count}次召开'
                "中以合作重点工作计划研讨会，会议指出要落实主体责任。</seg></tuv>"
                f'<tuv xml:lang="en"><seg>CIP held seminar {count} on the key cooperation plan; '
                "the meeting stressed the main responsibility.</seg></tuv></tu>\n"
            )
            count += 1
        out.write("</body>\n</tmx>\n")
    return count


def measure(path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def test_importing_a_large_tmx_keeps_memory_flat(tmp_path: Path) -> None:
    path = tmp_path / "big.tmx"
    units = write_tmx_file(path, 12_000_000)
    result = measure(path)
    assert result["units"] == units
    # The whole tree of a 12 MB file would take several times 12 MB in libxml2.
    assert result["grew_mb"] < 12


@pytest.mark.slow
def test_a_200_mb_tmx_streams(tmp_path: Path) -> None:
    path = tmp_path / "huge.tmx"
    units = write_tmx_file(path, 200_000_000)
    result = measure(path)
    assert result["units"] == units
    assert result["grew_mb"] < 24
