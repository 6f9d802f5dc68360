"""The history file: JSON lines appended whole, torn lines skipped and reported, never fatal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.errors import InputError
from cipbilingual.models import HistoryRecord
from cipbilingual.store.history import (
    decode_record,
    encode_record,
    open_history,
    read_history,
    read_tail,
)
from tests.store.strategies import comment_text

REPO = Path(__file__).resolve().parents[2]


def rec(n: int, segment: str = "p1.s1", **fields: str) -> HistoryRecord:
    return HistoryRecord(
        act=fields.pop("act", "translate"),
        segment=segment,
        by="li",
        at=f"2026-11-25T10:{n // 60:02d}:{n % 60:02d}Z",
        id=f"{n:012x}",
        **fields,
    )


def append(path: Path, *records: HistoryRecord) -> None:
    with open_history(path) as log:
        log.append(records)


@settings(max_examples=200, deadline=None)
@given(
    before=comment_text,
    after=comment_text,
    by=comment_text,
    to=st.lists(comment_text, max_size=3),
    surrogate=st.booleans(),
)
def test_any_record_round_trips(
    before: str, after: str, by: str, to: list[str], surrogate: bool
) -> None:
    if surrogate:
        after += "\ud800"  # a lone surrogate from a broken hand edit: still one valid line
    r = HistoryRecord("edit", "p1.s1", by, "2026-11-25T10:00:00Z", before=before, after=after,
                      to=tuple(to), id="abc")  # fmt: skip
    line = encode_record(r)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert decode_record(line[:-1]) == r


def test_lines_are_compact_json_with_fixed_key_order() -> None:
    line = encode_record(rec(1, before="A", after="B", was="draft", state="translated"))
    assert line == (
        b'{"act":"translate","segment":"p1.s1","by":"li","at":"2026-11-25T10:00:01Z",'
        b'"id":"000000000001","before":"A","after":"B","was":"draft","state":"translated"}\n'
    )


def test_appends_keep_every_line(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    append(path, rec(1), rec(2))
    append(path, rec(3, "p2.s1"))
    read = read_history(path)
    assert [r.id for r in read.records] == [f"{n:012x}" for n in (1, 2, 3)]
    assert read.notices == []
    assert read_history(tmp_path / "none.jsonl").records == []


def test_a_torn_last_line_is_ignored_reported_and_cut_by_the_next_append(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    append(path, rec(1), rec(2))
    whole = path.read_bytes()
    path.write_bytes(whole + encode_record(rec(3))[:25])  # a crash in the middle of a write
    read = read_history(path)
    assert [r.id for r in read.records] == [rec(1).id, rec(2).id]
    assert read.notices == [f"{path}:3: torn last line ignored (a crash while it was written)"]
    assert read_tail(path).notices == read.notices
    assert read_tail(path, size=200).notices == [
        f"{path}: torn last line ignored (a crash while it was written)"
    ]
    append(path, rec(4))
    assert path.read_bytes() == whole + encode_record(rec(4))
    assert read_history(path).notices == []


def test_a_whole_last_line_without_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_bytes(encode_record(rec(1))[:-1])  # e.g. saved by an editor that drops it
    assert [r.id for r in read_history(path).records] == [rec(1).id]
    append(path, rec(2))
    assert [r.id for r in read_history(path).records] == [rec(1).id, rec(2).id]


def test_bad_lines_in_the_middle_are_skipped_and_named(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_bytes(
        encode_record(rec(1))
        + b"<<<<<<< HEAD\n"
        + b'{"act": 3}\n'
        + b"\xff\xfe\n"
        + b"[1, 2]\n"
        + encode_record(rec(2))
    )
    read = read_history(path)
    assert [r.id for r in read.records] == [rec(1).id, rec(2).id]
    assert [n.split(": ", 1)[0] for n in read.notices] == [f"{path}:{i}" for i in (2, 3, 4, 5)]
    assert all("unreadable history line ignored" in n for n in read.notices)


def test_read_tail_reads_only_the_end(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    append(path, *(rec(n, text="x" * 200) for n in range(1000)))
    tail = read_tail(path, size=4096)
    assert 0 < len(tail.records) < 30
    assert tail.records[-1].id == rec(999).id
    assert tail.notices == []


def test_a_symbolic_link_is_refused_for_reading_and_writing(tmp_path: Path) -> None:
    outside = tmp_path / "outside.jsonl"
    outside.write_bytes(encode_record(rec(1)))
    link = tmp_path / "history.jsonl"
    link.symlink_to(outside)
    with pytest.raises(InputError, match="symbolic link"):
        read_history(link)
    with pytest.raises(InputError, match="symbolic link"), open_history(link):
        pass
    assert outside.read_bytes() == encode_record(rec(1))


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "history.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_history(fifo)
    with pytest.raises(InputError, match="not a regular file"), open_history(fifo):
        pass


def test_a_failed_act_leaves_no_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    with pytest.raises(RuntimeError), open_history(path):
        raise RuntimeError("the catalog could not be saved")
    assert not path.exists()


def test_kill_9_while_appending_never_corrupts(tmp_path: Path) -> None:
    """A process appending as fast as it can is killed with SIGKILL: every line on disk is a
    whole record (at most the last one torn, which reading skips), and the next append
    continues a clean file."""
    path = tmp_path / "history.jsonl"
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(REPO / "src")!r})
        from pathlib import Path
        from cipbilingual.models import HistoryRecord
        from cipbilingual.store.history import open_history
        import time
        n = 0
        print("ready", flush=True)
        while True:
            size = Path({str(path)!r}).stat().st_size if n else 0
            if size > 32 << 20:
                time.sleep(0.01)  # stay under the history file's read limit (64 MB)
                continue
            batch = [
                HistoryRecord("edit", "p1.s1", "li", "2026-11-25T10:00:00Z",
                              after="汉字 and English " * (1 + n % 300), id=f"{{n}}-{{k}}")
                for k in range(1 + n % 5)
            ]
            with open_history(Path({str(path)!r})) as log:
                log.append(batch)
            n += 1
        """
    )
    for _ in range(3):
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
        assert child.stdout is not None
        assert child.stdout.readline() == b"ready\n"
        time.sleep(0.3)
        child.send_signal(signal.SIGKILL)
        child.wait()
        read = read_history(path)
        assert len(read.records) > 10
        assert all("torn last line" in n for n in read.notices)
    append(path, rec(1))
    assert read_history(path).records[-1] == rec(1)
    assert read_history(path).notices == []
