"""TMX 1.4b: our export read back by translate-toolkit, the header, variants, bad files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from lxml import etree

from cipbilingual.errors import InputError, UsageError
from cipbilingual.models import State
from cipbilingual.tm import OriginKind, TranslationMemory
from cipbilingual.tm.memory import article_units
from cipbilingual.tm.tmx import TMXSummary, iso_date, read_tmx, tmx_date, write_tmx
from tests.tm.helpers import make_article

A = State.APPROVED
ROWS = [
    (
        "中以常州创新园召开2020年中以合作重点工作计划研讨会",
        "CIP holds a seminar on the 2020 key cooperation plan",
        A,
    ),
    (
        "12月9日上午，中以常州创新园召开研讨会。",
        "On the morning of December 9, CIP held a seminar.",
        A,
    ),
    ("会议要求 <b> & “引号”。", 'The meeting asked for <b> & "quotes".', A),
    ("还没批准。", "Not approved.", State.TRANSLATED),
]


def tmx(body: str, header: str = '<header srclang="zh-CN" creationtool="Other" />') -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        + header
        + "\n<body>\n"
        + textwrap.dedent(body)
        + "</body>\n</tmx>\n"
    )


def tu(zh: str, en: str, zh_lang: str = "zh", en_lang: str = "en") -> str:
    return (
        f'<tu><tuv xml:lang="{zh_lang}"><seg>{zh}</seg></tuv>'
        f'<tuv xml:lang="{en_lang}"><seg>{en}</seg></tuv></tu>\n'
    )


def write(tmp_path: Path, text: str, name: str = "in.tmx") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_export_reads_back_in_translate_toolkit(tmp_path: Path) -> None:
    from translate.storage.tmx import tmxfile

    units = article_units(make_article("plan", ROWS))
    path = tmp_path / "out.tmx"
    assert write_tmx(path, units, tool_version="0.1.0", now="2026-11-25T10:00:00Z") == 4
    store = tmxfile.parsefile(str(path))
    assert store.sourcelanguage == "zh"
    pairs = [(u.source, u.target) for u in store.units]
    assert pairs == [(s, t) for s, t, _ in ROWS]
    assert [u.getid() for u in store.units][:2] == ["plan t.s1", "plan p1.s1"]


def test_header_and_unit_properties(tmp_path: Path) -> None:
    units = article_units(make_article("plan", ROWS))
    path = tmp_path / "out.tmx"
    write_tmx(path, units, source_language="zh", tool_version="0.1.0", now="2026-11-25T10:00:00Z")
    root = etree.parse(str(path)).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    assert dict(header.attrib) == {
        "creationtool": "cipbilingual",
        "creationtoolversion": "0.1.0",
        "datatype": "plaintext",
        "segtype": "sentence",
        "o-tmf": "cipbilingual",
        "adminlang": "en",
        "srclang": "zh",
        "creationdate": "20261125T100000Z",
        "changedate": "20261125T100000Z",
    }
    tu = root.findall("body/tu")[1]
    props = {p.get("type"): p.text for p in tu.findall("prop")}
    assert props["x-cipbilingual-state"] == "approved"
    assert props["x-cipbilingual-origin"] == "plan p1.s1"
    assert props["x-cipbilingual-context-before"] == ROWS[0][0]
    assert tu.get("changedate") == "20261120T100000Z"  # the approval's date
    # TMX 1.4b: props before the variants
    assert [c.tag for c in tu] == ["prop"] * 4 + ["tuv", "tuv"]


def test_round_trip_through_our_reader_keeps_state_and_context(tmp_path: Path) -> None:
    units = article_units(make_article("plan", ROWS))
    path = tmp_path / "out.tmx"
    write_tmx(path, units)
    back = list(read_tmx(path))
    assert [(u.source, u.target, u.state) for u in back] == [
        (u.source, u.target, u.state) for u in units
    ]
    assert back[1].before == units[1].before and back[1].after == units[1].after
    assert back[1].origin.kind is OriginKind.TMX and back[1].origin.ref == "plan p1.s1"
    assert back[1].date == "2026-11-20T10:00:00Z"


@pytest.mark.parametrize("lang", ["zh", "zh-CN", "zh-Hans", "ZH_cn", "zh-Hans-CN"])
def test_chinese_variants_are_accepted(tmp_path: Path, lang: str) -> None:
    path = write(
        tmp_path,
        tmx(f"""\
        <tu tuid="7" changedate="20191210T100500Z">
          <tuv xml:lang="en-US"><seg>The meeting pointed out.</seg></tuv>
          <tuv xml:lang="{lang}"><seg>会议指出。</seg></tuv>
        </tu>
        """),
    )
    [unit] = list(read_tmx(path))
    assert (unit.source, unit.target, unit.state) == ("会议指出。", "The meeting pointed out.", A)
    assert str(unit.origin) == "in.tmx#7" and unit.date == "2019-12-10T10:05:00Z"


def test_simplified_chinese_is_preferred_and_old_lang_attribute_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        tmx("""\
        <tu>
          <tuv lang="zh-TW"><seg>會議指出。</seg></tuv>
          <tuv lang="zh-CN"><seg>会议指出。</seg></tuv>
          <tuv lang="EN"><seg>The meeting <bpt i="1">&lt;b&gt;</bpt>pointed<ept i="1">
            &lt;/b&gt;</ept> <hi>out</hi>.</seg></tuv>
        </tu>
        """),
    )
    [unit] = list(read_tmx(path))
    assert unit.source == "会议指出。"
    assert unit.target == "The meeting pointed out."  # inline codes dropped, <hi> text kept


def test_units_missing_a_language_or_empty_are_skipped_and_counted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        tmx(
            '<tu><tuv xml:lang="zh"><seg>只有中文。</seg></tuv></tu>\n'
            + tu(" ", "Empty Chinese")
            + tu("好的。", "Good.")
        ),
    )
    summary = TMXSummary(path)
    units = list(read_tmx(path, summary=summary))
    assert [u.target for u in units] == ["Good."]
    assert (summary.units, summary.kept, summary.missing_language, summary.empty) == (3, 1, 1, 1)
    assert summary.srclang == "zh-CN" and summary.creationtool == "Other"


def test_no_chinese_or_english_anywhere_is_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        tmx(tu("Hallo", "Hello", zh_lang="de")),
    )
    with pytest.raises(InputError, match=r"no unit has both a Chinese \(zh…\) and an English"):
        list(read_tmx(path))


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    text = tmx(
        '<tu><tuv xml:lang="zh"><seg>好</seg></tuv>\n<tuv xml:lang="en"><seg>Good</tuv></tu>\n'
    )
    path = write(tmp_path, text)
    with pytest.raises(InputError, match=r"in\.tmx: line 6: Opening and ending tag mismatch"):
        list(read_tmx(path))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("<html><body/></html>", "not a TMX file"),
        ('<tmx version="1.4"><header/><body/></tmx>', "no translation units"),
        ("\x00\x01binary", "line 1"),
    ],
)
def test_files_that_are_not_tmx(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(InputError, match=message):
        list(read_tmx(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"(?i)no such file"):
        list(read_tmx(tmp_path / "nope.tmx"))


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<tmx version="1.4"><header/><body>\n'
        + tu("秘密&xxe;。", "Secret &xxe;.")
        + "</body></tmx>\n"
    )
    path = write(tmp_path, text)
    # A file that declares entities is refused before any is read.
    with pytest.raises(InputError, match="declares its own DTD entities"):
        list(read_tmx(path))


def test_duplicate_units_are_dropped_and_counted(tmp_path: Path) -> None:
    unit = tu("据悉。", "It is reported.")
    path = write(tmp_path, tmx(unit * 3))
    tm = TranslationMemory()
    report = tm.replace_store(OriginKind.TMX, path.name, read_tmx(path))
    assert (report.units, report.duplicates) == (1, 2)


def test_a_bad_file_halfway_leaves_the_memory_as_it_was(tmp_path: Path) -> None:
    good = tu("据悉。", "It is reported.")
    tm = TranslationMemory()
    tm.replace_store(OriginKind.TMX, "in.tmx", read_tmx(write(tmp_path, tmx(good))))
    broken = write(tmp_path, tmx(good.replace("据悉", "会议") * 50 + "<tu><oops></tu>\n"))
    with pytest.raises(InputError, match="line"):
        tm.replace_store(OriginKind.TMX, "in.tmx", read_tmx(broken))
    assert [m.target for m in tm.lookup("据悉。")] == ["It is reported."]
    assert tm.stats().units == 1


def test_write_refuses_a_missing_folder_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        write_tmx(tmp_path / "no" / "out.tmx", [])
    with pytest.raises(UsageError, match="is a folder"):
        write_tmx(tmp_path, [])

    def exploding():  # type: ignore[no-untyped-def]
        yield from article_units(make_article("plan", ROWS))
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_tmx(tmp_path / "out.tmx", exploding())
    assert list(tmp_path.iterdir()) == []


def test_dates() -> None:
    assert tmx_date("2019-11-24T16:36:14Z") == "20191124T163614Z"
    assert tmx_date("2019-11-24T16:36:14+08:00") == "20191124T083614Z"
    assert tmx_date("yesterday") == ""
    assert iso_date("20191124T163614Z") == "2019-11-24T16:36:14Z"
    assert iso_date("2019") == ""
