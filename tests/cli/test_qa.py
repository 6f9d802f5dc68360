"""QA checks on the English, and the `qa` command's contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from cipbilingual.config import QASettings
from cipbilingual.models import Article, ArticleMeta, Block, BlockKind, Segment, SegmentId, State
from cipbilingual.qa import check_article
from tests.cli.conftest import Run, copy_sample_workspace

SAMPLE = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"


def _article(source: str, target: str) -> Article:
    seg = Segment(SegmentId(1, 1), source, target, State.TRANSLATED)
    return Article(
        ArticleMeta("a"), [Block(0, BlockKind.TITLE), Block(1, BlockKind.PARAGRAPH)], [seg]
    )


def _checks(source: str, target: str) -> list[tuple[str, str]]:
    return [
        (f.check, str(f.severity)) for f in check_article(_article(source, target), QASettings())
    ]


def test_clean_sentence_has_no_findings() -> None:
    assert _checks("园区新增项目17个。", "The park added 17 projects.") == []


def test_the_classic_yi_slip_is_an_error() -> None:
    found = check_article(
        _article("投资3.6亿元建设平台。", "A platform was built with 3.6 million yuan."),
        QASettings(),
    )
    assert [(f.check, f.severity.value) for f in found] == [("numbers", "error")]
    assert "360,000,000" in found[0].message


def test_an_added_figure_is_only_a_warning() -> None:
    assert _checks("园区新增项目17个。", "The park added 17 projects in 2019.") == [
        ("numbers", "warning")
    ]


@pytest.mark.parametrize(
    ("target", "check"),
    [
        ("The park 园区 added projects.", "chinese-left"),
        ("The park the park the park the park added projects.", "repetition"),
        ("The the the the park.", "repetition"),
        ("The park (CIP added projects.", "unbalanced"),
        ("The park  added projects.", "whitespace"),
        ("The park added projects .", "whitespace"),
        ("The park added projects。", "cjk-punctuation"),
    ],
)
def test_each_check_fires(target: str, check: str) -> None:
    assert check in [c for c, _ in _checks("园区新增了一批以色列高科技项目。", target)]


def test_length_ratio() -> None:
    long_source = "中以常州创新园召开重点工作计划研讨会。"
    assert ("length", "warning") in _checks(long_source, "Meeting.")
    assert ("length", "warning") in _checks(long_source, "x" * 400)


def test_untranslated_segments_are_not_checked() -> None:
    assert check_article(_article("园区新增项目17个。", ""), QASettings()) == []


def test_qa_cli_on_the_sample(tmp_path: Path, run: Run) -> None:
    import os

    ws = copy_sample_workspace(tmp_path / "ws")
    os.chdir(ws)
    clean = run("qa", "--all", "--json")
    assert clean.code == 0, clean.err
    findings = clean.json()
    assert isinstance(findings, list)
    assert all(set(f) == {"slug", "segment", "check", "severity", "message"} for f in findings)
    assert all(f["severity"] == "warning" for f in findings)
    # The classic slip: 17 projects becomes 7, and a forbidden variant appears.
    bad = run(
        "--user",
        "li",
        "translate",
        SAMPLE,
        "p6.s4",
        "The year of 2019 has seen 7 additional declared projects under the CIP Initiative, "
        "10 WFOEs, 4 additional projects, 90 enterprises in total and 24 projects.",
    )
    assert bad.code == 0, bad.err
    result = run("qa", SAMPLE, "--json")
    assert result.code == 1
    checks = {(f["segment"], f["check"]) for f in result.json() if f["severity"] == "error"}  # type: ignore[union-attr]
    assert ("p6.s4", "numbers") in checks
    assert ("p6.s4", "glossary-forbidden") in checks
    human = run("qa", SAMPLE)
    assert human.code == 1
    assert "QA error(s)" in human.err


@pytest.mark.parametrize(
    ("args", "message"),
    [((), "name an article"), (("x", "--all"), "not both"), (("nope",), "no article")],
)
def test_qa_bad_usage(tmp_path: Path, run: Run, args: tuple[str, ...], message: str) -> None:
    import os

    os.chdir(copy_sample_workspace(tmp_path / "ws"))
    result = run("qa", *args)
    assert result.code == 2
    assert message in result.err
