"""Big inputs: an article at the size limit imports within bounded memory; anything over the
limit is refused before it is read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cipbilingual.errors import InputError
from cipbilingual.importers import DEFAULT_MAX_BYTES, read_document

CORPUS = Path(__file__).parent / "data" / "corpus" / "cip-2019-11-24-wang-quan-visit.zh.txt"
MB = 1024 * 1024

_MEASURE = """
import json, sys, time
from pathlib import Path
from cipbilingual.importers import read_document
started = time.perf_counter()
doc, data = read_document(Path(sys.argv[1]))
print(json.dumps({
    "blocks": len(doc.blocks),
    "first": doc.blocks[0].text,
    "last": doc.blocks[-1].text,
    "encoding": doc.encoding,
    "seconds": time.perf_counter() - started,
    # VmHWM belongs to this address space; ru_maxrss would inherit pytest's own peak.
    "peak_mb": next(
        int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")
    ) / 1024,
}))
"""


def _write_big_article(path: Path, size: int, codec: str) -> int:
    """A title, a time and numbered corpus paragraphs until `size` bytes; returns the count."""
    paragraphs = [p.strip() for p in CORPUS.read_text(encoding="utf-8").split("\n\n")[1:]]
    count = 0
    written = 0
    with path.open("wb") as out:
        out.write("大文件导入测试\n发布时间：2019-11-24 16:36:14\n\n".encode(codec))
        while written < size:
            chunk = f"第{count}段。{paragraphs[count % len(paragraphs)]}\n\n".encode(codec)
            out.write(chunk)
            written += len(chunk)
            count += 1
    return count


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_an_article_at_the_limit_reads_in_bounded_memory(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "big.txt"
    count = _write_big_article(path, DEFAULT_MAX_BYTES - 16 * 1024, codec)
    assert DEFAULT_MAX_BYTES - 16 * 1024 <= path.stat().st_size <= DEFAULT_MAX_BYTES
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert report["encoding"] == codec
    assert report["blocks"] == count
    assert report["first"].startswith("第0段。11月21日下午")
    assert report["last"].startswith(f"第{count - 1}段。")
    # The interpreter, the bytes, the decoded text and the blocks.
    assert report["peak_mb"] < 120, report


def test_the_default_limit_refuses_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(DEFAULT_MAX_BYTES + MB)  # sparse: no disk space, no time
    with pytest.raises(InputError, match=r"is 3\.0 MB, over the limit of 2\.0 MB for an article"):
        read_document(path)


def test_a_lower_limit_refuses_a_file_the_default_accepts(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    _write_big_article(path, 3 * MB // 2, "utf-8")
    doc, _ = read_document(path)
    assert len(doc.blocks) > 500
    with pytest.raises(InputError, match=r"over the limit of 1\.0 MB"):
        read_document(path, max_bytes=MB)
