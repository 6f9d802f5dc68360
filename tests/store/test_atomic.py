"""Atomic saves: the old file or the new one, never half of one, and no stray temp files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cipbilingual.errors import InputError
from cipbilingual.store import atomic_write_bytes, atomic_write_text, save_article
from tests.store.test_article import sample_article


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "en.po"
    atomic_write_text(target, "一\n")
    atomic_write_text(target, "二\n")
    assert target.read_text(encoding="utf-8") == "二\n"
    assert _names(tmp_path) == ["en.po"]


def test_failure_midway_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "en.po"
    atomic_write_text(target, "old\n")
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(InputError, match=r"cannot write .*en\.po: No space left on device"):
        atomic_write_text(target, "new\n" * 1000)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _names(tmp_path) == ["en.po"]


def test_failure_while_writing_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "en.po"
    save_article(sample_article(), target)
    before = target.read_bytes()
    calls: list[int] = []
    real_fdopen = os.fdopen

    class Torn:
        """A file that writes half the data, then fails."""

        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Torn:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            calls.append(len(data))
            self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Torn(real_fdopen(fd, mode)))
    article = sample_article()
    article.segments[1].target = "Changed."
    with pytest.raises(InputError, match="Input/output error"):
        save_article(article, target)
    assert calls, "the write was attempted"
    assert target.read_bytes() == before
    assert _names(tmp_path) == ["en.po"]


def test_interrupt_cleans_up_and_propagates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "en.po"

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"data")
    assert _names(tmp_path) == []


def test_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "en.po"
    target.write_text("x")
    target.chmod(0o640)
    atomic_write_text(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "new.po"
    atomic_write_text(fresh, "z")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write"):
        atomic_write_text(tmp_path / "no" / "such" / "en.po", "x")


def test_unencodable_text_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid Unicode"):
        atomic_write_text(tmp_path / "en.po", "lone \ud800 surrogate")
    assert _names(tmp_path) == []
