"""Translation memory and the one text rule: a TMX unit holding a control character never enters
the memory (whether the file comes through `tm import` or a `git pull` into tm/), and a unit that
did enter it (an index built before the rule) costs its one segment, never a whole article."""

from __future__ import annotations

import os
from pathlib import Path

from cipbilingual.models import State
from cipbilingual.mt.tm import TMEngine
from cipbilingual.tm.model import OriginKind, TMUnit, UnitOrigin
from cipbilingual.workflow.drafting import draft_article
from cipbilingual.workflow.tm import tm_for
from cipbilingual.workspace import Workspace
from tests.cli.conftest import Run, copy_sample_workspace

SECOND = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"


def tmx(zh: str, en: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh" '
        'creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
        'adminlang="en" o-tmf="x"/>\n<body>\n'
        f'<tu><tuv xml:lang="zh"><seg>{zh}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n'
        "</body></tmx>\n"
    )


def test_a_tm_file_pulled_with_a_control_character_spoils_nothing(tmp_path: Path, run: Run) -> None:
    root = copy_sample_workspace(tmp_path / "ws")
    os.chdir(root)
    ws = Workspace.open(root)
    first, second = ws.load(SECOND).segments[1:3]
    (root / "tm").mkdir(exist_ok=True)
    (root / "tm" / "good.tmx").write_text(tmx(first.source, "Good English."), encoding="utf-8")
    (root / "tm" / "bad.tmx").write_text(tmx(second.source, "Bad\u009b English."), "utf-8")
    result = run("draft", SECOND, "--engine", "tm", "--json")
    assert result.code == 0, result.err
    article = ws.load(SECOND)
    assert article.segment(first.id).target == "Good English."
    assert article.segment(second.id).state is State.NEW
    stats = run("tm", "stats", "--json")
    assert stats.code == 0
    assert "U+009B" in stats.out


def test_a_bad_unit_already_in_the_memory_costs_one_segment(tmp_path: Path) -> None:
    root = copy_sample_workspace(tmp_path / "ws")
    ws = Workspace.open(root)
    first, second = ws.load(SECOND).segments[1:3]
    memory = tm_for(ws)
    memory.replace_store(
        OriginKind.TMX,
        "old.tmx",
        [
            TMUnit(
                first.source,
                "Good English.",
                State.APPROVED,
                UnitOrigin(OriginKind.TMX, "old.tmx", "1"),
            ),
            TMUnit(
                second.source,
                "Bad\x1b[2J.",
                State.APPROVED,
                UnitOrigin(OriginKind.TMX, "old.tmx", "2"),
            ),
        ],
    )
    report = draft_article(ws, SECOND, TMEngine(memory))
    assert str(first.id) in report.drafted
    assert str(second.id) in report.skipped
    assert [f.check for f in report.findings if f.segment == str(second.id)] == ["engine-output"]
    assert ws.load(SECOND).segment(second.id).state is State.NEW
