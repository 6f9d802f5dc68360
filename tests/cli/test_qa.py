"""`qa`, `silence` and `translate`'s findings through the command line, with their bad inputs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cipbilingual.models import Origin, SegmentId, State
from cipbilingual.store import load_article, save_article
from tests.cli.conftest import Run, copy_sample_workspace

SAMPLE = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"
KEYS = {"slug", "segment", "check", "severity", "message", "silenced", "silence", "fix"}
REPO = Path(__file__).resolve().parents[2]
# The published English of p6.s4 with the classic slip: 17 projects became 7.
PUBLISHED = load_article(REPO / "articles" / SAMPLE / "en.po").segment(SegmentId(6, 4)).target
SLIP = PUBLISHED.replace("17 additional", "7 additional")
assert SLIP != PUBLISHED


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    ws = copy_sample_workspace(tmp_path / "ws")
    os.chdir(ws)
    return ws


def test_the_approved_sample_gets_no_finding(sample: Path, run: Run) -> None:
    result = run("qa", "--all", "--json")
    assert result.code == 0, result.err
    assert result.json() == []
    human = run("qa", SAMPLE)
    assert human.out.strip() == "0 error(s), 0 warning(s), 0 silenced"


def test_translate_prints_the_findings_of_the_saved_segment(sample: Path, run: Run) -> None:
    result = run("--user", "li", "translate", SAMPLE, "p6.s4", SLIP)
    assert result.code == 0, result.err
    assert "p6.s4: translated" in result.out
    assert "error numbers: 17 not found in English; the English has 7" in result.out
    as_json = run("--user", "li", "translate", SAMPLE, "p6.s4", SLIP, "--json")
    data = as_json.json()
    assert isinstance(data, dict)
    assert data["state"] == "translated"
    assert [f["check"] for f in data["findings"]] == ["numbers"]
    assert all(set(f) == KEYS for f in data["findings"])


def test_qa_exits_1_on_an_error_and_speaks_the_language(sample: Path, run: Run) -> None:
    run("--user", "li", "translate", SAMPLE, "p6.s4", SLIP.replace("(WOFEs)", "(WFOEs)"))
    result = run("qa", SAMPLE, "--json")
    assert result.code == 1
    found = {(f["segment"], f["check"], f["severity"]) for f in result.json()}  # type: ignore[index, union-attr]
    assert ("p6.s4", "numbers", "error") in found
    assert ("p6.s4", "glossary-forbidden", "error") in found
    human = run("--lang", "zh_CN", "qa", SAMPLE)
    assert human.code == 1
    assert "错误 numbers: 英文中找不到 17；英文写的是 7" in human.out
    assert human.out.strip().endswith("2 个错误，0 个警告，0 个已静默")
    assert human.err.strip() == "cipbilingual: error: 2 QA error(s)"


def test_silencing_a_finding(sample: Path, run: Run) -> None:
    run("--user", "li", "translate", SAMPLE, "p6.s4", SLIP)
    # An error takes an editor to silence.
    refused = run("--user", "li", "silence", SAMPLE, "p6.s4", "numbers", "--reason", "fine")
    assert refused.code == 1
    assert "editor" in refused.err
    done = run(
        "--user", "wang", "silence", SAMPLE, "p6.s4", "numbers", "--reason", "source typo: 7"
    )
    assert done.code == 0, done.err
    assert "# silenced: numbers " in (sample / "articles" / SAMPLE / "en.po").read_text()
    result = run("qa", SAMPLE, "--json")
    assert result.code == 0
    [finding] = result.json()  # type: ignore[misc]
    assert finding["silenced"] is True
    assert finding["silence"]["by"] == "wang"
    assert finding["silence"]["reason"] == "source typo: 7"
    assert "[silenced by wang: source typo: 7]" in run("qa", SAMPLE).out
    # A change to the English brings the finding back.
    run(
        "--user",
        "li",
        "translate",
        SAMPLE,
        "p6.s4",
        SLIP.replace("4 additional", "four additional"),
    )
    back = run("qa", SAMPLE, "--json")
    assert back.code == 1
    assert [f["silenced"] for f in back.json()] == [False]  # type: ignore[union-attr, index]
    assert "# silenced:" not in (sample / "articles" / SAMPLE / "en.po").read_text()


def test_taking_a_silence_back(sample: Path, run: Run) -> None:
    run("--user", "li", "translate", SAMPLE, "p6.s4", SLIP)
    run("--user", "wang", "silence", SAMPLE, "p6.s4", "numbers", "--reason", "ok")
    assert run("qa", SAMPLE).code == 0
    removed = run("--user", "wang", "silence", SAMPLE, "p6.s4", "numbers", "--remove")
    assert removed.code == 0, removed.err
    assert run("qa", SAMPLE).code == 1
    # Both decisions are in the segment's history, with who and why.
    story = run("log", SAMPLE, "p6.s4", "--json").json()["records"]  # type: ignore[index, call-overload]
    silences = [r for r in story if r["act"] == "silence"]
    assert [(r["by"], r["reason"]) for r in silences] == [  # type: ignore[index]
        ("wang", "numbers: ok"),
        ("wang", "numbers: silence taken back"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("p6.s4", "nonsense", "--reason", "x"), "'nonsense' is not a QA check"),
        (("p6.s4", "numbers"), "needs a reason"),
        (("p6.s4", "numbers", "--reason", "  "), "needs a reason"),
        (("p1.s1", "numbers", "--reason", "x"), "has no 'numbers' finding"),
        (("p99.s1", "numbers", "--reason", "x"), "no segment"),
        (("x.1", "numbers", "--reason", "x"), "not a segment id"),
        (("p6.s4", "numbers", "--remove"), "has no silenced"),
        (("p6.s4", "numbers", "--remove", "--reason", "x"), "not both"),
    ],
)
def test_silence_bad_usage(sample: Path, run: Run, args: tuple[str, ...], message: str) -> None:
    run("--user", "li", "translate", SAMPLE, "p6.s4", SLIP)
    before = (sample / "articles" / SAMPLE / "en.po").read_bytes()
    result = run("--user", "wang", "silence", SAMPLE, *args)
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert (sample / "articles" / SAMPLE / "en.po").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [((), "name an article"), (("x", "--all"), "not both"), (("nope",), "no article")],
)
def test_qa_bad_usage(sample: Path, run: Run, args: tuple[str, ...], message: str) -> None:
    result = run("qa", *args)
    assert result.code == 2
    assert message in result.err


def _configure(sample: Path, text: str) -> None:
    config = sample / "cipbilingual.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def test_the_workspace_turns_checks_off_changes_severity_and_thresholds(
    sample: Path, run: Run
) -> None:
    run("--user", "li", "translate", SAMPLE, "p6.s4", SLIP + " In 2020, more.")
    found = {f["check"]: f["severity"] for f in run("qa", SAMPLE, "--json").json()}  # type: ignore[union-attr, index]
    assert found == {"numbers": "error", "numbers-added": "warning"}
    _configure(
        sample,
        '[qa.numbers]\nseverity = "warning"\n\n[qa.numbers-added]\nenabled = false\n\n'
        "[qa.length]\nmax_ratio = 2.0\n",
    )
    result = run("qa", SAMPLE, "--json")
    assert result.code == 0
    found = {f["check"]: f["severity"] for f in result.json()}  # type: ignore[union-attr, index]
    assert found == {"numbers": "warning", "length": "warning"}
    listing = run("qa", "--list", "--json").json()
    rows = {r["check"]: r for r in listing}  # type: ignore[union-attr, index]
    assert rows["numbers"]["severity"] == "warning"
    assert rows["numbers"]["default_severity"] == "error"
    assert rows["numbers-added"]["enabled"] is False
    assert rows["length"]["params"]["max_ratio"] == 2.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[qa.spellcheck]\nenabled = false\n", "unknown QA check 'qa.spellcheck'"),
        ('[qa.spelling]\nwords = "Technion"\n', "qa.spelling.words must be a list of strings"),
        ('[qa.numbers]\nseverity = "fatal"\n', 'qa.numbers.severity must be "error" or "warning"'),
        ('[qa.length]\nmax_ratio = "long"\n', "qa.length.max_ratio must be a number"),
        ("[qa.length]\nmax = 3\n", "unknown key 'qa.length.max'"),
        ("[qa]\nnumbers = 1\n", "'qa.numbers' must be a table"),
        ("[qa.length]\nmax_ratio = nan\n", "qa.length.max_ratio must be a number"),
        ("[qa.omission]\nmin_words = -1\n", "qa.omission.min_words must be a number"),
    ],
)
def test_bad_qa_settings_are_refused(sample: Path, run: Run, text: str, message: str) -> None:
    _configure(sample, text)
    result = run("qa", SAMPLE)
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_list_names_every_check(sample: Path, run: Run) -> None:
    from cipbilingual.qa import CHECKS

    result = run("qa", "--list")
    assert result.code == 0
    names = [line.split()[0] for line in result.out.splitlines()]
    assert names == [c.name for c in CHECKS]
    assert "英文中残留汉字" in run("--lang", "zh_CN", "qa", "--list").out


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_list_columns_line_up_in_display_width(sample: Path, run: Run, language: str) -> None:
    from cipbilingual.store.wrap import display_width

    _configure(sample, "[qa.numbers-added]\nenabled = false\n")  # an "off" among the severities
    lines = run("--lang", language, "qa", "--list").out.splitlines()
    summaries = [line.split(maxsplit=2)[2] for line in lines]
    # Each summary starts in the same terminal column, Chinese characters counting two.
    starts = {
        display_width(line) - display_width(rest)
        for line, rest in zip(lines, summaries, strict=True)
    }
    assert starts == {34}, starts


def test_many_articles_are_checked_in_processes_with_the_same_answer(
    sample: Path, run: Run
) -> None:
    run("--user", "li", "translate", SAMPLE, "p6.s4", SLIP)
    for n in range(9):
        shutil.copytree(sample / "articles" / SAMPLE, sample / "articles" / f"copy-{n}")
    serial = run("qa", "--all", "--json", "--jobs", "1")
    parallel = run("qa", "--all", "--json", "--jobs", "2")
    assert serial.code == parallel.code == 1
    assert serial.json() == parallel.json()
    assert len(parallel.json()) == 10  # type: ignore[arg-type]


def test_a_broken_catalog_in_a_worker_is_one_line(sample: Path, run: Run) -> None:
    for n in range(9):
        shutil.copytree(sample / "articles" / SAMPLE, sample / "articles" / f"copy-{n}")
    (sample / "articles" / "copy-5" / "en.po").write_text('msgid "x\n', encoding="utf-8")
    result = run("qa", "--all", "--jobs", "2")
    assert result.code == 2
    assert "copy-5" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_approval_records_the_post_edit_distance_and_flags_unedited_drafts(
    sample: Path, run: Run
) -> None:
    path = sample / "articles" / SAMPLE / "en.po"
    article = load_article(path)
    for sid, draft in (("p4.s1", "Wang Quan said the park is China's first."), ("p1.s1", None)):
        seg = article.segment(SegmentId.parse(sid))
        seg.origin = Origin("argos", "translate-zh_en 1.9", 0.8)
        seg.machine_draft = draft or seg.target
        seg.state = State.TRANSLATED
        seg.approval = None
    save_article(article, path)
    assert run("--user", "wang", "approve", SAMPLE, "p4.s1", "p1.s1").code == 0
    approved = load_article(path)
    edited = approved.segment(SegmentId.parse("p4.s1")).post_edit
    assert edited is not None and 0 < edited < 100
    assert approved.segment(SegmentId.parse("p1.s1")).post_edit == 100.0
    findings = run("qa", SAMPLE, "--json").json()
    assert [(f["segment"], f["check"]) for f in findings] == [("p1.s1", "mt-unedited")]  # type: ignore[index, union-attr]
    assert "# post-edit: " in path.read_text(encoding="utf-8")


def test_unchanged_articles_are_answered_from_the_cache(
    sample: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cipbilingual.workflow.qa as cases

    checked: list[str] = []
    real = cases.check_article

    def counting(article, ctx):  # type: ignore[no-untyped-def]
        checked.append(article.slug)
        return real(article, ctx)

    monkeypatch.setattr(cases, "check_article", counting)
    shutil.copytree(sample / "articles" / SAMPLE, sample / "articles" / "other")
    first = run("qa", "--all", "--json", "--jobs", "1")
    assert sorted(checked) == sorted(p.name for p in (sample / "articles").iterdir())
    checked.clear()
    again = run("qa", "--all", "--json", "--jobs", "1")
    assert checked == []
    assert again.json() == first.json()
    # A changed catalog, glossary or language is checked again.
    run("--user", "li", "translate", "other", "p6.s4", SLIP)
    assert [f["check"] for f in run("qa", "--all", "--json").json()] == ["numbers"]  # type: ignore[index, union-attr]
    assert checked == ["other"]
    checked.clear()
    glossary = sample / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run("qa", "--all", "--json")
    assert len(checked) == 3
    checked.clear()
    run("--lang", "zh_CN", "qa", "other")
    assert checked == ["other"]
    # A damaged cache entry is checked again, not trusted: cut short, or left empty (entries
    # are not fsynced, so a power cut may leave one so).
    for damaged in ("{", ""):
        (sample / ".cipbilingual" / "qa" / "other.json").write_text(damaged, encoding="utf-8")
        checked.clear()
        assert run("qa", "other", "--json").code == 1
        assert checked == ["other"]
    checked.clear()
    run("qa", "other", "--no-cache")
    assert checked == ["other"]


def test_english_findings_carry_the_fix_that_settles_them(sample: Path, run: Run) -> None:
    first = load_article(REPO / "articles" / SAMPLE / "en.po").segment(SegmentId(1, 1)).target
    slipped = first.replace("November 21", "November 21st").replace("special", "speical")
    run("--user", "li", "translate", SAMPLE, "p1.s1", slipped)
    run("--user", "li", "translate", SAMPLE, "p6.s4", PUBLISHED.replace("17 ", "seventeen "))
    result = run("qa", SAMPLE, "--json")
    assert result.code == 0, result.err  # warnings only
    fixes = {f["check"]: f["fix"] for f in result.json()}  # type: ignore[union-attr, index]
    assert set(fixes) == {"spelling", "style-dates", "style-numerals"}
    assert fixes["spelling"]["old"] == "speical" and fixes["spelling"]["new"] == "special"
    assert fixes["style-numerals"]["new"] == "17"
    at = slipped.index("November 21st")
    assert fixes["style-dates"] == {
        "start": at, "end": at + len("November 21st"), "old": "November 21st", "new": "November 21"
    }  # fmt: skip


def test_a_house_style_choice_outside_its_values_is_refused(sample: Path, run: Run) -> None:
    config = sample / "cipbilingual.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('order = "month-day"', 'order = "ymd"'), encoding="utf-8")
    result = run("qa", SAMPLE)
    assert result.code == 2
    assert 'qa.style-dates.order must be "month-day" or "day-month", not \'ymd\'' in result.err
    assert len(result.err.strip().splitlines()) == 1
