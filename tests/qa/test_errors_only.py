"""The publish gate asks only what blocks, so it runs only the checks that can find errors
(`CheckContext(errors_only=True)`): the errors must be exactly those of a full run, on the
labelled set, on the sample articles, and when a workspace makes a warning check an error."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType

from cipbilingual.config import CheckSettings, QASettings
from cipbilingual.glossary import Glossary
from cipbilingual.models import Finding, Severity
from cipbilingual.qa import CheckContext, check_pair
from cipbilingual.qa.engine import check_article
from cipbilingual.workflow.gate import assess
from cipbilingual.workspace import Workspace
from tests.cli.conftest import copy_sample_workspace

LABELLED = Path(__file__).resolve().parents[1] / "data" / "qa" / "labelled.jsonl"


def _errors(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.segment, f.check, f.message) for f in findings if f.severity is Severity.ERROR]


def _pairs() -> list[tuple[str, str, str]]:
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    pairs = [(str(r["zh"]), str(r["en"]), str(r["date"])) for r in rows]
    # Slips only the English checks see, and names that look like a house name.
    pairs += [
        ("园区营收3.6亿元。", "The Park's revenue reched 36 million yuan .", ""),
        ("汪泉出席会议。", "Wang Qun attended the meeting.", ""),
        ("高新区发展迅速。", "The Hi-tech Zone grows fast ，fast.", ""),
    ]
    return pairs


def test_the_errors_of_every_labelled_pair_are_those_of_a_full_run(house: Glossary) -> None:
    full = CheckContext(glossary=house)
    gate = CheckContext(glossary=house, errors_only=True)
    found = 0
    for zh, en, date in _pairs():
        expected = _errors(check_pair(zh, en, full, date=date))
        got = check_pair(zh, en, gate, date=date)
        assert _errors(got) == expected, en
        assert all(f.severity is Severity.ERROR for f in got), en
        found += bool(expected)
    assert found >= 40  # the set holds errors for the comparison to mean something
    assert "harper-batch" not in gate._resources  # Harper was never asked


def test_a_warning_check_made_an_error_runs_for_the_gate(house: Glossary) -> None:
    settings = QASettings(MappingProxyType({"spelling": CheckSettings(severity=Severity.ERROR)}))
    gate = CheckContext(settings, house, errors_only=True)
    found = check_pair("园区发展。", "The Park develps.", gate)
    assert [f.check for f in found] == ["spelling"]
    off = QASettings(MappingProxyType({"numbers": CheckSettings(enabled=False)}))
    assert (
        check_pair("营收3.6亿元。", "Revenue was 3.6 million yuan.", CheckContext(off, house)) == []
    )
    assert not CheckContext(off, house, errors_only=True).enabled("numbers")


def test_the_gate_judges_the_sample_articles_as_a_full_run_does(tmp_path: Path) -> None:
    ws = Workspace.open(copy_sample_workspace(tmp_path / "ws"))
    from cipbilingual.workflow.qa import qa_context

    for slug in ws.slugs():
        article = ws.load(slug)
        for segment in article.segments:  # a slip in every segment, beside what is there
            segment.target = (segment.target or "") + " Revenue reched 3 million yuan."
        full = check_article(article, qa_context(ws))
        assert _errors(assess(ws, article, errors_only=True).findings) == _errors(full)
        assert assess(ws, article, errors_only=True).problems() == assess(ws, article).problems()
