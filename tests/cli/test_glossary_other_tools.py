"""The house glossary as Poedit, Weblate or msgcat leave it survives every glossary command:
other tools' header fields, header comments and entry comments are kept byte for byte, what
the glossary cannot honour (fuzzy, `#|`) is refused, and a write is atomic and within limits."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cipbilingual import limits
from tests.cli.conftest import Run, copy_sample_workspace

GLOSSARY = Path("locales") / "en" / "LC_MESSAGES" / "glossary.po"
MSGCAT = shutil.which("msgcat")
pytestmark = pytest.mark.skipif(MSGCAT is None, reason="GNU msgcat is not installed")

HEADER_FIELDS = (
    '"Language-Team: CIP terminology <terms@cip.example>\\n"\n'
    '"X-Generator: Poedit 3.4\\n"\n'
    '"Last-Translator: Dana\\n"\n'
)
BOARD = "# Reviewed by the terminology board, 2026.\n"
# An entry of another tool's: a free comment, a note, a reference, and a long English that
# msgcat wraps at 79 columns (Chinese counts two).
LONG = (
    "\n# Checked with legal, 2026-03.\n"
    "#. explained in the style guide\n"
    "#: styleguide.md:12\n"
    'msgid "中以常州创新园管理委员会与常州市人民政府联合工作领导小组"\n'
    'msgstr "Joint Working Leading Group of the Administrative Committee of the '
    "China-Israel Changzhou Innovation Park and the Changzhou Municipal People's Government\"\n"
)


def msgcat(path: Path) -> str:
    assert MSGCAT is not None
    done = subprocess.run([MSGCAT, str(path)], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """A copy of the sample workspace whose glossary a terminologist edited in Poedit (header
    fields and a comment added, an entry with comments of its own), saved in GNU's layout."""
    root = copy_sample_workspace(tmp_path / "sample")
    os.chdir(root)
    path = root / GLOSSARY
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '"X-Cipbilingual-Format: 1\\n"\n', '"X-Cipbilingual-Format: 1\\n"\n' + HEADER_FIELDS
    )
    text = text.replace("before editing by hand.\n", "before editing by hand.\n" + BOARD, 1)
    path.write_text(text + LONG, encoding="utf-8")
    path.write_text(msgcat(path), encoding="utf-8")
    return path


def blocks(text: str) -> list[str]:
    return text.split("\n\n")


def test_the_poedit_file_is_what_msgcat_writes(edited: Path) -> None:
    text = edited.read_text(encoding="utf-8")
    assert HEADER_FIELDS in text and BOARD in text
    assert '"China-Israel Changzhou' in text  # msgcat wrapped the long English


def test_add_keeps_every_other_byte(edited: Path, run: Run) -> None:
    before = edited.read_text(encoding="utf-8")
    assert run("glossary", "add", "创新园", "Innovation Park").code == 0
    after = edited.read_text(encoding="utf-8")
    new = 'msgid "创新园"\nmsgstr "Innovation Park"'
    assert [b for b in blocks(after) if b != new] == blocks(before)
    assert msgcat(edited) == after


def test_edit_changes_only_that_entry_and_keeps_its_comments(edited: Path, run: Run) -> None:
    before = edited.read_text(encoding="utf-8")
    source = "中以常州创新园管理委员会与常州市人民政府联合工作领导小组"
    done = run("glossary", "edit", source, "--target", "Joint Leading Group of CIP and Changzhou")
    assert done.code == 0, done.err
    after = edited.read_text(encoding="utf-8")
    old_block = next(b for b in blocks(before) if source in b).rstrip("\n")
    new_block = (
        "# Checked with legal, 2026-03.\n#. explained in the style guide\n#: styleguide.md:12\n"
        f'msgid "{source}"\nmsgstr "Joint Leading Group of CIP and Changzhou"'
    )
    assert after == before.replace(old_block, new_block)
    assert msgcat(edited) == after


def test_remove_and_import_change_only_their_entries(
    edited: Path, run: Run, tmp_path: Path
) -> None:
    before = edited.read_text(encoding="utf-8")
    assert run("glossary", "remove", "以色列中心").code == 0
    after = edited.read_text(encoding="utf-8")
    gone = 'msgid "以色列中心"\nmsgstr "Israel Center"'
    assert blocks(after) == [b for b in blocks(before) if b != gone]
    tsv = tmp_path / "terms.tsv"
    tsv.write_text("zh\ten\n以色列中心\tIsrael Centre\n以色列\tthe State of Israel\n", "utf-8")
    done = run("glossary", "import", tsv, "--replace")
    assert done.code == 0, done.err
    imported = edited.read_text(encoding="utf-8")
    changed = {
        'msgid "以色列"\nmsgstr "Israel"': 'msgid "以色列"\nmsgstr "the State of Israel"',
    }
    expected = [changed.get(b, b) for b in blocks(before)]  # 以色列中心 comes back, new English
    expected[expected.index(gone)] = 'msgid "以色列中心"\nmsgstr "Israel Centre"'
    assert blocks(imported) == expected
    assert msgcat(edited) == imported


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        ("#, fuzzy\n", "marked 'fuzzy' by another tool"),
        ("#, c-format\n", "marked 'c-format' by another tool"),
        ('#| msgid "园"\n', "previous Chinese term ('#| msgid')"),
    ],
)
def test_what_the_glossary_cannot_honour_is_refused(
    edited: Path, run: Run, lines: str, said: str
) -> None:
    edited.write_text(
        edited.read_text(encoding="utf-8") + f'\n{lines}msgid "园区"\nmsgstr "the Park"\n',
        encoding="utf-8",
    )
    before = edited.read_bytes()
    for args in (("glossary", "list"), ("glossary", "add", "甲方", "Party A")):
        done = run(*args)
        assert done.code == 2
        assert said in done.err and "glossary.po:" in done.err
        assert "Traceback" not in done.err and len(done.err.strip().splitlines()) <= 2
    assert edited.read_bytes() == before


def test_a_write_that_fails_leaves_the_glossary_as_it_was(
    edited: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = edited.read_bytes()
    real_replace = os.replace

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    done = run("glossary", "add", "创新园", "Innovation Park")
    monkeypatch.setattr(os, "replace", real_replace)
    assert done.code == 2 and "No space left on device" in done.err
    assert edited.read_bytes() == before
    assert sorted(p.name for p in edited.parent.iterdir()) == ["glossary.po"]


def test_a_glossary_over_the_catalog_limit_is_refused_untouched(
    edited: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = edited.read_bytes()
    monkeypatch.setattr(limits, "CATALOG_FILE", len(before) - 1)
    done = run("glossary", "add", "创新园", "Innovation Park")
    assert done.code == 2 and "limit" in done.err and "Traceback" not in done.err
    assert edited.read_bytes() == before


def test_a_merge_keeps_both_sides_header_fields(edited: Path) -> None:
    from cipbilingual.workflow.git import merge_catalog_texts

    base = edited.read_text(encoding="utf-8")
    mine = base.replace("Last-Translator: Dana", "Last-Translator: Li")
    theirs = base.replace(BOARD, BOARD + "# Second review, 2027.\n").replace(
        '"X-Generator: Poedit 3.4\\n"\n', '"X-Generator: Poedit 3.4\\n"\n"X-Weblate: yes\\n"\n'
    )
    merged, report = merge_catalog_texts(base, mine, theirs, str(GLOSSARY))
    assert report.clean
    # Mine's order; a field only theirs added comes after the others.
    expected = theirs.replace('"X-Weblate: yes\\n"\n', "").replace(
        '"Last-Translator: Dana\\n"\n', '"Last-Translator: Li\\n"\n"X-Weblate: yes\\n"\n'
    )
    assert merged == expected
