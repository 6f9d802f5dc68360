"""`cipbilingual align` as a user runs it: JSON links for scripts, an article for editors, and
one-line refusals for bad input with nothing written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cipbilingual.models import State
from cipbilingual.workspace import Workspace
from tests.align.gold import GOLD_DIR, load_gold
from tests.cli.conftest import ARTICLE1, CORPUS, Run

EN1 = CORPUS / "cip-2019-11-24-wang-quan-visit.en.txt"
PAGE1 = CORPUS / "000_96e823c6f9e3f443.txt"  # the English as saved from the park's web page
NEWS = load_gold(GOLD_DIR / "news-wang-quan-visit.json")
LITERARY = load_gold(GOLD_DIR / "literary-kong-yiji.json")


def _pairs(result: object) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    assert isinstance(result, list)
    return [(tuple(k["zh"]), tuple(k["en"])) for k in result]


def test_json_links_outside_a_workspace(run: Run, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = run("align", ARTICLE1, EN1, "--json")
    assert result.code == 0, result.err
    links = result.json()
    assert _pairs(links) == NEWS.links
    assert all(0 <= k["score"] <= 1 for k in links)  # type: ignore[index,union-attr]


def test_json_one_per_line(run: Run, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = run("align", LITERARY.zh_file, LITERARY.en_file, "--json", "--one-per-line")
    assert result.code == 0, result.err
    links = _pairs(result.json())
    assert [i for z, _ in links for i in z] == list(range(len(LITERARY.zh)))
    assert [j for _, e in links for j in e] == list(range(len(LITERARY.en)))


def test_the_english_web_page_text_leaves_its_chrome_unlinked(run: Run, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = run("align", ARTICLE1, PAGE1, "--json")
    assert result.code == 0, result.err
    links = result.json()
    assert isinstance(links, list)
    # Service hotline, menus: English lines before the article link with no Chinese.
    assert links[0]["zh"] == [] and links[0]["en"] == [0]
    title = next(k for k in links if k["zh"] == [0])
    assert title["en"] and title["en"][0] > 0


def test_align_makes_an_article_for_review(workspace: Path, run: Run) -> None:
    result = run("--user", "li", "align", ARTICLE1, EN1)
    assert result.code == 0, result.err
    assert "review first" in result.out
    ws = Workspace.open(workspace)
    [slug] = ws.slugs()
    article = ws.load(slug)
    assert len(article.segments) == len(NEWS.links)
    assert all(s.state is State.TRANSLATED for s in article.segments)
    assert all(s.origin and s.origin.engine == "aligned" for s in article.segments)
    assert all(s.translator == "li" for s in article.segments)
    first = article.segment("p1.s1")
    assert first.source == NEWS.zh[1] + NEWS.zh[2]
    assert first.target == NEWS.en[1]
    folder = ws.article_dir(slug)
    assert (folder / "source.zh.txt").read_bytes() == ARTICLE1.read_bytes()
    assert (folder / "source.en.txt").read_bytes() == EN1.read_bytes()
    record = json.loads((folder / "alignment.json").read_text(encoding="utf-8"))
    assert [k["segment"] for k in record["links"]][:3] == ["t.s1", "p1.s1", "p1.s2"]
    status = run("status", slug, "--json").json()
    assert status["states"]["translated"] == len(NEWS.links)  # type: ignore[index]


def test_approved_aligned_pairs_feed_the_memory(workspace: Path, run: Run) -> None:
    assert run("--user", "li", "align", ARTICLE1, EN1, "--slug", "archive-1").code == 0
    assert run("--user", "wang", "approve", "archive-1", "--all-translated").code == 0
    found = run("tm", "match", NEWS.zh[9], "--json")
    assert found.code == 0, found.err
    assert NEWS.en[7] in found.out
    assert "approved" in found.out


def test_one_per_line_article(workspace: Path, run: Run) -> None:
    result = run(
        "--user", "li", "align", LITERARY.zh_file, LITERARY.en_file, "--one-per-line",
        "--slug", "kong-yiji", "--json",
    )  # fmt: skip
    assert result.code == 2 and "--slug" in result.err
    result = run(
        "--user", "li", "align", LITERARY.zh_file, LITERARY.en_file, "--one-per-line",
        "--slug", "kong-yiji",
    )  # fmt: skip
    assert result.code == 0, result.err
    article = Workspace.open(workspace).load("kong-yiji")
    assert {s.id.block for s in article.segments} == {1}
    dropped = [s for s in article.segments if not s.target]
    assert dropped and all(s.state is State.NEW for s in dropped)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.zh.txt", EN1), "no such file"),
        ((EN1, ARTICLE1), "no Chinese"),
        ((ARTICLE1, ARTICLE1), "both the Chinese and the English"),
        ((ARTICLE1, CORPUS / "cip-2019-12-10-work-plan-meeting.zh.txt"), "no English"),
    ],
    ids=["missing", "swapped", "same-file", "english-file-is-chinese"],
)
def test_bad_files_are_refused_in_one_line(
    workspace: Path, run: Run, args: tuple[object, ...], message: str
) -> None:
    result = run("--user", "li", "align", *args)
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert Workspace.open(workspace).slugs() == []


def test_binary_and_empty_files_are_refused(workspace: Path, run: Run) -> None:
    png = workspace / "picture.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    empty = workspace / "empty.txt"
    empty.write_bytes(b"")
    for args in ((ARTICLE1, png), (empty, EN1), (ARTICLE1, empty)):
        result = run("--user", "li", "align", *args)
        assert result.code == 2, result
        assert len(result.err.strip().splitlines()) == 1
    assert Workspace.open(workspace).slugs() == []


def test_an_existing_slug_is_left_as_it_was(workspace: Path, run: Run) -> None:
    assert run("import", ARTICLE1, "--slug", "taken").code == 0
    before = (workspace / "articles" / "taken" / "en.po").read_bytes()
    result = run("--user", "li", "align", ARTICLE1, EN1, "--slug", "taken")
    assert result.code == 2 and "already exists" in result.err
    assert (workspace / "articles" / "taken" / "en.po").read_bytes() == before
    assert not (workspace / "articles" / "taken" / "alignment.json").exists()


def test_an_unknown_person_is_refused_before_any_work(workspace: Path, run: Run) -> None:
    result = run("--user", "nobody", "align", ARTICLE1, EN1)
    assert result.code == 2 and "nobody" in result.err
    assert Workspace.open(workspace).slugs() == []


def test_without_json_a_workspace_is_needed(run: Run, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    result = run("--user", "li", "align", ARTICLE1, EN1)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
