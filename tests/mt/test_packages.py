"""Argos package management: where packages live, validating and installing .argosmodel files
(bad ones leave the store untouched), the package index, removal."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cipbilingual.errors import EngineError, InputError, NotFoundError, UsageError
from cipbilingual.mt.argos import (
    find_zh_en,
    install_archive,
    install_from_index,
    packages_dir,
    remove_package,
    scan,
    validate_archive,
)
from tests.mt.tiny_argos import build_tiny_package


def store_state(folder: Path) -> list[str]:
    """Everything in and beside the package folder, to prove a refusal touched nothing."""
    root = folder.parent
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if ".lock" not in p.name)


def rezip(
    src: Path,
    dst: Path,
    rename: dict[str, str | None] | None = None,
    add: dict[str, bytes] | None = None,
) -> Path:
    """Copy an archive, renaming (None: dropping) members and adding new ones."""
    rename = rename or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            name = rename.get(info.filename, info.filename)
            if name is not None:
                zout.writestr(name, zin.read(info.filename))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def test_packages_dir_follows_argos_settings(argos_packages: Path) -> None:
    assert packages_dir() == argos_packages


def test_install_lists_and_argos_itself_sees_it(installed_tiny: Path, argos_packages: Path) -> None:
    pkg = find_zh_en()
    assert pkg.path == installed_tiny == argos_packages / "translate-zh_en-0_1"
    assert (pkg.code, pkg.version, pkg.from_code, pkg.to_code) == (
        "translate-zh_en",
        "0.1",
        "zh",
        "en",
    )
    assert pkg.size > 100_000
    assert scan().problems == []
    from argostranslate import package

    seen = package.get_installed_packages([argos_packages])
    assert [(p.from_code, p.to_code) for p in seen] == [("zh", "en")]


def test_a_package_installed_by_argos_is_found(
    tmp_path: Path, tiny_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argostranslate import package, settings

    folder = tmp_path / "argospm-packages"
    folder.mkdir()
    monkeypatch.setattr(settings, "package_data_dir", folder)
    monkeypatch.setattr(settings, "package_dirs", [folder])
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    package.install_from_path(tiny_archive)
    assert find_zh_en().path == folder / "translate-zh_en-0_1"


def test_reinstall_and_upgrade_replace_the_old_package(
    installed_tiny: Path, argos_packages: Path, tmp_path: Path, tiny_archive: Path
) -> None:
    again = install_archive(tiny_archive)
    assert [p.name for p in again.replaced] == ["translate-zh_en-0_1"]
    newer = build_tiny_package(tmp_path / "v2", version="0.2")
    report = install_archive(newer)
    assert report.package.version == "0.2"
    assert [p.version for p in report.replaced] == ["0.1"]
    assert [p.name for p in scan().zh_en] == ["translate-zh_en-0_2"]
    assert sorted(p.name for p in argos_packages.iterdir()) == ["translate-zh_en-0_2"]


def test_no_model_installed_says_how_to_install_one(argos_packages: Path) -> None:
    with pytest.raises(EngineError) as err:
        find_zh_en()
    assert "no zh→en argos model" in err.value.message
    assert "mt install" in err.value.hint


def with_compression_method(src: Path, dst: Path, method: int) -> Path:
    """A copy whose central directory claims `method` (e.g. 98, PPMd) for every member."""
    data = bytearray(src.read_bytes())
    start = 0
    while (at := data.find(b"PK\x01\x02", start)) != -1:
        data[at + 10 : at + 12] = method.to_bytes(2, "little")
        start = at + 4
    dst.write_bytes(bytes(data))
    return dst


def bad_archives(tiny: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, words the refusal must contain)."""
    top = "translate-zh_en-0_1"
    tmp.mkdir(parents=True, exist_ok=True)
    text = tmp / "notes.argosmodel"
    text.write_text("not a zip at all")
    truncated = tmp / "truncated.argosmodel"
    truncated.write_bytes(tiny.read_bytes()[: tiny.stat().st_size // 2])
    flipped = tmp / "flipped.argosmodel"
    data = bytearray(tiny.read_bytes())
    with zipfile.ZipFile(tiny) as z:
        info = z.getinfo(f"{top}/model/model.bin")
    middle = info.header_offset + 100 + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    flipped.write_bytes(bytes(data))
    flat = {n: n.split("/", 1)[1] or None for n in zipfile.ZipFile(tiny).namelist()}
    return {
        "text": (text, "not a zip"),
        "truncated": (truncated, "not a zip"),
        "flipped": (flipped, "corrupt"),
        "flat": (rezip(tiny, tmp / "flat.argosmodel", rename=flat), "top level"),
        "ppmd": (
            with_compression_method(tiny, tmp / "ppmd.argosmodel", 98),
            "compression method this tool cannot read",
        ),
        "two-folders": (
            rezip(tiny, tmp / "two.argosmodel", add={"other/x.txt": b"x"}),
            "2 top-level folders",
        ),
        "no-metadata": (
            rezip(tiny, tmp / "nometa.argosmodel", rename={f"{top}/metadata.json": None}),
            "metadata.json",
        ),
        "bad-metadata": (
            rezip(
                tiny,
                tmp / "badmeta.argosmodel",
                rename={f"{top}/metadata.json": None},
                add={f"{top}/metadata.json": b"{not json"},
            ),
            "unreadable",
        ),
        "no-model": (
            rezip(tiny, tmp / "nomodel.argosmodel", rename={f"{top}/model/model.bin": None}),
            "no CTranslate2 model",
        ),
        "unsafe": (
            rezip(tiny, tmp / "unsafe.argosmodel", add={f"{top}/../../evil.txt": b"x"}),
            "unsafe path",
        ),
        "wrong-pair": (
            build_tiny_package(tmp / "enzh", from_code="en", to_code="zh"),
            "en→zh model, not a zh→en",
        ),
        "model-does-not-load": (
            rezip(
                tiny,
                tmp / "garbage.argosmodel",
                rename={f"{top}/model/model.bin": None},
                add={f"{top}/model/model.bin": b"garbage" * 100},
            ),
            "does not load",
        ),
    }


def test_bad_archives_are_refused_with_a_reason_and_touch_nothing(
    installed_tiny: Path, argos_packages: Path, tiny_archive: Path, tmp_path: Path
) -> None:
    before = store_state(argos_packages)
    cases = bad_archives(tiny_archive, tmp_path / "bad")
    for name, (path, words) in cases.items():
        with pytest.raises(InputError) as err:
            install_archive(path)
        assert words in err.value.message, (name, err.value.message)
        assert "\n" not in err.value.message
        assert store_state(argos_packages) == before, name
    assert find_zh_en().path == installed_tiny


def test_validate_does_not_install(argos_packages: Path, tiny_archive: Path) -> None:
    info = validate_archive(tiny_archive)
    assert info.top == "translate-zh_en-0_1" and info.metadata["from_code"] == "zh"
    assert scan().packages == []


def test_a_folder_that_poisons_argos_is_reported_and_removable(
    installed_tiny: Path, argos_packages: Path
) -> None:
    (argos_packages / "stray").mkdir()
    (argos_packages / "stray" / "model.bin").write_bytes(b"x")
    result = scan()
    assert len(result.zh_en) == 1
    assert any("stray" in p and "metadata.json" in p for p in result.problems)
    removed = remove_package("stray")
    assert removed == [argos_packages / "stray"]
    assert scan().problems == []


def test_remove(installed_tiny: Path, argos_packages: Path) -> None:
    with pytest.raises(NotFoundError):
        remove_package("translate-zh_en-9_9")
    removed = remove_package()
    assert [getattr(p, "name", None) for p in removed] == ["translate-zh_en-0_1"]
    assert list(argos_packages.iterdir()) == []
    with pytest.raises(NotFoundError):
        remove_package()


def test_remove_without_a_name_refuses_when_ambiguous(
    installed_tiny: Path, argos_packages: Path, tiny_archive: Path
) -> None:
    import shutil

    shutil.copytree(installed_tiny, argos_packages / "copy-of-zh_en")
    with pytest.raises(UsageError, match="several"):
        remove_package()
    assert len(remove_package("copy-of-zh_en")) == 1


# -- the package index, served from this machine ----------------------------------------------


@pytest.fixture
def index_server(tmp_path: Path, tiny_archive: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "index"
    root.mkdir()
    (root / tiny_archive.name).write_bytes(tiny_archive.read_bytes())

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):  # type: ignore[no-untyped-def]
            super().__init__(*a, directory=str(root), **kw)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield base, root
    finally:
        server.shutdown()
        server.server_close()


def write_index(root: Path, base: str, entries: list[dict[str, object]]) -> None:
    (root / "index.json").write_text(json.dumps(entries))


def test_install_from_the_index(
    index_server: tuple[str, Path],
    argos_packages: Path,
    monkeypatch: pytest.MonkeyPatch,
    tiny_archive: Path,
) -> None:
    base, root = index_server
    entry = json.loads(zipfile.ZipFile(tiny_archive).read("translate-zh_en-0_1/metadata.json"))
    other = {**entry, "from_code": "en", "to_code": "de", "links": [base + "nothing"]}
    write_index(root, base, [other, {**entry, "links": [base + tiny_archive.name]}])
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    report = install_from_index(timeout=5)
    assert report.package.name == "translate-zh_en-0_1"
    assert find_zh_en().version == "0.1"
    assert [p.name for p in argos_packages.parent.iterdir() if p.name.startswith(".download")] == []


def test_index_without_zh_en_or_with_a_dead_link(
    index_server: tuple[str, Path], argos_packages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, root = index_server
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    write_index(root, base, [{"from_code": "en", "to_code": "de", "links": ["x"]}])
    with pytest.raises(EngineError, match="lists no zh→en"):
        install_from_index(timeout=5)
    write_index(
        root,
        base,
        [
            {
                "from_code": "zh",
                "to_code": "en",
                "type": "translate",
                "package_version": "1.9",
                "links": [base + "missing.argosmodel"],
            }
        ],
    )
    with pytest.raises(EngineError, match="could not download"):
        install_from_index(timeout=5)
    assert scan().packages == []


def test_index_offline_fails_fast_with_a_clear_message(
    argos_packages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{port}/")
    started = time.perf_counter()
    with pytest.raises(EngineError) as err:
        install_from_index(timeout=5)
    assert time.perf_counter() - started < 3
    assert "cannot reach the argos package index" in err.value.message
    assert "mt install FILE" in err.value.hint
