"""`cipbilingual glossary …` through the real entry point, on a copy of the sample workspace."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.cli.conftest import Run, copy_sample_workspace

GLOSSARY = Path("locales") / "en" / "LC_MESSAGES" / "glossary.po"

ARTICLE = """中以常州创新园新增外资企业
发布时间：2019-12-01

中以常州创新园新增外商独资企业10家。

武进国家高新区和高新区支持园区发展。
"""

CORRECT = {
    "t.s1": "CIP adds foreign enterprises",
    "p1.s1": "The China-Israel Changzhou Innovation Park (CIP) has 10 new wholly foreign-owned "
    "enterprises (WOFEs).",
    "p2.s1": "The Wujin National High-tech Zone and the High-tech Zone support the Park.",
}


TRANSLATOR = "glossary-test"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's sample workspace, as the current folder, with a translator."""
    root = copy_sample_workspace(tmp_path / "sample")
    config = root / "cipbilingual.toml"
    text = config.read_text(encoding="utf-8")
    person = f'{TRANSLATOR} = "translator"\n'
    text = (
        text.replace("[people]\n", "[people]\n" + person, 1)
        if "[people]\n" in text
        else (text + "\n[people]\n" + person)
    )
    config.write_text(text, encoding="utf-8")
    os.chdir(root)
    return root


@pytest.fixture
def news(sample: Path, run: Run) -> str:
    """The sample workspace with a short article about CIP, WOFEs and the High-tech Zone."""
    source = sample.parent / "news.zh.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    result = run("import", source, "--slug", "cip-news")
    assert result.code == 0, result.err
    return "cip-news"


def translate(run: Run, slug: str, english: dict[str, str]) -> None:
    for segment, text in english.items():
        result = run("--user", TRANSLATOR, "translate", slug, segment, text)
        assert result.code == 0, result.err


def checked(run: Run, slug: str) -> tuple[int, list[tuple[str, str, str]]]:
    result = run("glossary", "check", slug, "--json")
    data = result.json()
    assert isinstance(data, list)
    assert all(
        set(f) == {"slug", "segment", "check", "severity", "message", "silenced", "silence", "fix"}
        for f in data
    )
    return result.code, [(f["segment"], f["check"], f["severity"]) for f in data]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- Done when: the sample workspace's glossary catches exactly what is wrong ---------------


def test_correct_english_has_no_findings(news: str, run: Run) -> None:
    translate(run, news, CORRECT)
    assert checked(run, news) == (0, [])
    text = run("glossary", "check", news)
    assert text.code == 0 and "No findings." in text.out


def test_wfoe_is_reported(news: str, run: Run) -> None:
    translate(run, news, {**CORRECT, "p1.s1": CORRECT["p1.s1"].replace("WOFEs", "WFOEs")})
    assert checked(run, news) == (1, [("p1.s1", "glossary-forbidden", "error")])
    text = run("glossary", "check", news)
    assert text.code == 1
    assert "cip-news p1.s1: error glossary-forbidden: 'WFOEs' is not house style" in text.out


def test_hi_tech_zone_is_reported(news: str, run: Run) -> None:
    translate(run, news, {**CORRECT, "p2.s1": CORRECT["p2.s1"].replace("High-tech", "Hi-tech")})
    assert checked(run, news) == (
        1,
        [("p2.s1", "glossary-forbidden", "error"), ("p2.s1", "glossary-forbidden", "error")],
    )


def test_missing_cip_full_form_at_first_mention_is_reported(news: str, run: Run) -> None:
    english = {**CORRECT, "p1.s1": "CIP has 10 new wholly foreign-owned enterprises (WOFEs)."}
    translate(run, news, english)
    code, found = checked(run, news)
    assert (code, found) == (1, [("p1.s1", "glossary-first-mention", "error")])


SAMPLE_ARTICLE = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"


def test_check_on_the_sample_article(sample: Path, run: Run) -> None:
    # The approved sample spells WOFE out at its first mention; only its real headline,
    # which leaves Wang Quan out, earns a warning.
    assert checked(run, SAMPLE_ARTICLE) == (0, [("t.s1", "glossary-missing", "warning")])
    every = run("glossary", "check", "--all", "--json")
    assert every.code == 0
    assert [(f["slug"], f["segment"]) for f in every.json()] == [(SAMPLE_ARTICLE, "t.s1")]  # type: ignore[index, union-attr]
    # The release's original wording, with the bare abbreviation at first mention, is an error.
    english = run("export", SAMPLE_ARTICLE, "--format", "json").json()
    assert isinstance(english, dict)
    [p6s4] = [s["target"] for s in english["segments"] if s["id"] == "p6.s4"]
    slip = p6s4.replace(
        "10 additional wholly foreign-owned enterprises (WOFEs)", "10 additional WOFEs"
    )
    assert slip != p6s4
    translate(run, SAMPLE_ARTICLE, {"p6.s4": slip})
    assert checked(run, SAMPLE_ARTICLE) == (
        1,
        [("t.s1", "glossary-missing", "warning"), ("p6.s4", "glossary-first-mention", "error")],
    )
    text = run("glossary", "check", SAMPLE_ARTICLE)
    assert "must be the full form: 'wholly foreign-owned enterprise (WOFE)'" in text.out
    assert text.err.strip() == "cipbilingual: error: 1 glossary error(s) in 1 article(s)"


# -- the sample glossary ----------------------------------------------------------------------


def test_sample_glossary_holds_the_seed_with_house_rules(sample: Path, run: Run) -> None:
    result = run("glossary", "list", "--json")
    assert result.code == 0, result.err
    terms = {t["source"]: t for t in result.json()}  # type: ignore[union-attr]
    assert len(terms) == 23
    assert terms["中以常州创新园"]["abbreviation"] == "CIP"
    assert terms["中以常州创新园"]["full_form_first"] is True
    assert terms["外商独资企业"]["forbidden"] == ["WFOE"]
    assert terms["外商独资企业"]["full_form_first"] is True
    assert terms["高新区"]["forbidden"] == ["Hi-tech Zone"]
    assert terms["生命健康"]["forbidden"] == ["life sciences"]
    listing = run("glossary", "list")
    assert "中以常州创新园 → China-Israel Changzhou Innovation Park (CIP)" in listing.out


def test_tbx_exported_here_imports_back_identically(sample: Path, tmp_path: Path, run: Run) -> None:
    before = run("glossary", "list", "--json").json()
    tbx = tmp_path / "house.tbx"
    exported = run("glossary", "export", tbx)
    assert exported.code == 0, exported.err
    assert "Exported 23 terms" in exported.out
    again = run("glossary", "import", tbx, "--json")
    assert again.json() == {
        "file": str(tbx),
        "added": 0,
        "replaced": 0,
        "unchanged": 23,
        "notices": [],
    }
    fresh = tmp_path / "fresh"
    assert run("init", fresh).code == 0
    imported = run("--workspace", fresh, "glossary", "import", tbx)
    assert imported.code == 0, imported.err
    assert run("--workspace", fresh, "glossary", "list", "--json").json() == before
    # And through TSV and CSV as well.
    for kind in ("tsv", "csv"):
        out = tmp_path / f"house.{kind}"
        assert run("glossary", "export", out).code == 0
        other = tmp_path / f"fresh-{kind}"
        assert run("init", other).code == 0
        assert run("--workspace", other, "glossary", "import", out).code == 0
        assert run("--workspace", other, "glossary", "list", "--json").json() == before


# -- add, remove ----------------------------------------------------------------------------


def test_add_with_rules_and_remove(sample: Path, run: Run) -> None:
    added = run(
        "glossary", "add", "中以合作企业", "China-Israel cooperative enterprise",
        "--note", "Plural: enterprises.", "--forbid", "Sino-Israeli company",
        "--variant", "China-Israel joint venture", "--json",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.json()["variants"] == ["China-Israel joint venture"]  # type: ignore[index]
    conflict = run("glossary", "add", "中以合作企业", "joint venture")
    assert conflict.code == 2
    assert "already in the glossary as 'China-Israel cooperative enterprise'" in conflict.err
    second = run("glossary", "add", "中以合作企业", "joint venture", "--sense", "loose")
    assert second.code == 0, second.err
    ambiguous = run("glossary", "remove", "中以合作企业")
    assert ambiguous.code == 2 and "has 2 senses" in ambiguous.err
    assert run("glossary", "remove", "中以合作企业", "--sense", "loose").code == 0
    removed = run("glossary", "remove", "中以合作企业")
    assert removed.code == 0 and "Removed 中以合作企业" in removed.out
    gone = run("glossary", "remove", "中以合作企业")
    assert gone.code == 2 and "not in the glossary" in gone.err


def test_replace_changes_an_entry(sample: Path, run: Run) -> None:
    result = run("glossary", "add", "座谈会", "forum", "--replace")
    assert result.code == 0, result.err
    terms = {t["source"]: t for t in run("glossary", "list", "--json").json()}  # type: ignore[union-attr]
    assert terms["座谈会"]["target"] == "forum"


def test_traditional_article_matches_the_simplified_glossary(sample: Path, run: Run) -> None:
    source = sample.parent / "trad.zh.txt"
    source.write_text("中以常州創新園新聞\n\n中以常州創新園新增外商獨資企業。\n", encoding="utf-8")
    assert run("import", source, "--slug", "trad").code == 0
    translate(run, "trad", {"p1.s1": "CIP has new WFOEs."})
    assert checked(run, "trad") == (
        1,
        [("p1.s1", "glossary-forbidden", "error"), ("p1.s1", "glossary-first-mention", "error")],
    )


# -- bad input: exit 2, one line, nothing written --------------------------------------------


BAD_FILES = [
    ("missing.tsv", "zh\tabbreviation\n常州\tCZ\n", "the header has no en column"),
    ("header.tsv", "Chinese\tEnglish\tcolour\n常州\tChangzhou\tred\n", "unknown column 'colour'"),
    ("cells.tsv", "zh\ten\tnote\n常州\tChangzhou\n", "2 cells, but the header has 3"),
    ("empty-term.csv", "zh,en\n常州,Changzhou\n,Wujin\n", "empty-term.csv:3: empty Chinese term"),
    ("twice.tsv", "zh\ten\n园区\tthe Park\n园区\tthe Zone\n", "'园区' is 'the Zone' here"),
    ("broken.tbx", "<tbx><conceptEntry>\n</tbx>", "broken.tbx:2: not well-formed XML"),
    ("page.tbx", "<html><body>no</body></html>", "not a TBX file (the root element is <html>)"),
    (
        "existing.tsv",
        "zh\ten\n高新区\tHigh Tech Zone\n",
        "already in the glossary as 'High-tech Zone'",
    ),
    ("glossary.xlsx", "PK\x03\x04", "cannot tell the format"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES)
def test_bad_import_exits_2_and_writes_nothing(
    sample: Path, tmp_path: Path, run: Run, name: str, content: str, message: str
) -> None:
    before = digest(sample / GLOSSARY)
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("glossary", "import", path)
    assert result.code == 2, result.out
    assert message in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert digest(sample / GLOSSARY) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("glossary", "add", " ", "x"), "empty Chinese term"),
        (
            ("glossary", "add", "常州", "Changzhou", "--forbid", "Changzhou"),
            "both accepted and forbidden",
        ),
        (("glossary", "add", "园区", "the Park", "--full-form-first"), "needs an abbreviation"),
        (("glossary", "remove", "不存在"), "'不存在' is not in the glossary"),
        (("glossary", "export", "out.docx"), "cannot tell the format"),
        (("glossary", "check", "no-such-article"), "no article 'no-such-article'"),
        (("glossary", "check"), "name the articles to check, or pass --all"),
        (("glossary", "import", "nowhere.tsv"), "nowhere.tsv: no such file"),
    ],
)
def test_bad_usage_exits_2_and_writes_nothing(
    sample: Path, run: Run, args: tuple[str, ...], message: str
) -> None:
    before = digest(sample / GLOSSARY)
    result = run(*args)
    assert result.code == 2, result.out
    assert message in result.err
    assert digest(sample / GLOSSARY) == before
    assert not Path("out.docx").exists()


def test_replace_import_and_notices(sample: Path, tmp_path: Path, run: Run) -> None:
    path = tmp_path / "more.tsv"
    path.write_text(
        "zh\ten\n高新区\tHigh Tech Zone\n新北区\tXinbei District\n新北区\tXinbei District\n"
    )
    result = run("glossary", "import", path, "--replace")
    assert result.code == 0, result.err
    assert "1 added, 1 replaced, 0 unchanged" in result.out
    assert "kept once" in result.out


def test_fifty_thousand_terms_import(sample: Path, tmp_path: Path, run: Run) -> None:
    path = tmp_path / "big.tsv"
    rows = [f"术语{i:05d}\tterm {i}" for i in range(50_000)]
    path.write_text("zh\ten\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run("glossary", "import", path, "--json")
    assert result.code == 0, result.err
    assert result.json()["added"] == 50_000  # type: ignore[index]
    listed = run("glossary", "list", "--json").json()
    assert isinstance(listed, list) and len(listed) == 50_023


def test_edit_changes_only_what_is_given(sample: Path, run: Run) -> None:
    result = run("glossary", "edit", "外商独资企业", "--forbid", "W.F.O.E.", "--json")
    assert result.code == 0, result.err
    term = result.json()
    assert isinstance(term, dict)
    assert term["forbidden"] == ["WFOE", "W.F.O.E."]
    assert term["abbreviation"] == "WOFE" and term["full_form_first"] is True
    assert "plural WOFEs" in term["note"]
    dropped = run("glossary", "edit", "外商独资企业", "--allow", "W.F.O.E.", "--any-case", "--json")
    assert dropped.json()["forbidden"] == ["WFOE"]  # type: ignore[index]
    assert run("glossary", "edit", "外商独资企业").code == 2
    missing = run("glossary", "edit", "不存在", "--note", "x")
    assert missing.code == 2 and "not in the glossary" in missing.err
