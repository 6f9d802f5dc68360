"""Glossary files: TSV/CSV with a header, TBX v3 and legacy TBX; validation and round trips."""

# ruff: noqa: E501  (XML fixtures read best one element per line)

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from cipbilingual.errors import ConflictError, InputError, UsageError
from cipbilingual.glossary import normalise_term
from cipbilingual.interchange.files import write_atomic
from cipbilingual.interchange.tbx import TBX_NS, tbx_bytes
from cipbilingual.interchange.termbase import detect_format, read_terms, write_terms
from cipbilingual.models import Term, TermStatus

SEED = Path(__file__).resolve().parents[1] / "data" / "corpus" / "glossary-seed.tsv"

RICH = [
    Term(
        "中以常州创新园",
        "China-Israel Changzhou Innovation Park",
        abbreviation="CIP",
        note='First mention in full with (CIP).\nLater mentions may use CIP or "the Park".',
        variants=("the Park",),
        full_form_first=True,
    ),
    Term(
        "外商独资企业",
        "wholly foreign-owned enterprise",
        abbreviation="WOFE",
        forbidden=("WFOE", "foreign enterprise"),
        full_form_first=True,
    ),
    Term("高新区", "High-tech Zone", forbidden=("Hi-tech Zone",), case_sensitive=True),
    Term("园区", "industrial zone", sense="zone, not the Park", status=TermStatus.ADMITTED),
    Term(
        "启动区",
        "initially developed area",
        status=TermStatus.DEPRECATED,
        forbidden=("start area",),
    ),
    Term("座谈会", "symposium, forum\tor panel", note="tab\tand, comma"),
]


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# -- TSV / CSV --------------------------------------------------------------------------


def test_seed_tsv_reads_all_terms() -> None:
    result = read_terms(SEED)
    assert len(result.terms) == 23
    cip = result.terms[0]
    assert (cip.source, cip.target, cip.abbreviation) == (
        "中以常州创新园",
        "China-Israel Changzhou Innovation Park",
        "CIP",
    )
    assert '"the Park"' in cip.note
    assert result.notices == []


@pytest.mark.parametrize("kind", ["tsv", "csv", "tbx"])
def test_round_trip_is_identical(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"glossary.{kind}"
    write_terms(RICH, path)
    back = read_terms(path)
    assert back.terms == [normalise_term(t) for t in RICH]
    assert back.notices == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.builds(
            Term,
            source=st.text("中以园区高新常州", min_size=1, max_size=6),
            target=st.text("abc XYZ-'()", min_size=1, max_size=12).filter(lambda s: s.strip()),
            note=st.text("ab \n\t\"'&<>", max_size=10),
            sense=st.text("ab ", max_size=3),
        ),
        max_size=8,
        unique_by=lambda t: (t.source, " ".join(t.sense.split())),
    ),
    st.sampled_from(["tsv", "csv", "tbx"]),
)
def test_round_trip_property(tmp_path: Path, terms: list[Term], kind: str) -> None:
    clean = [normalise_term(t) for t in terms]
    path = tmp_path / f"p.{kind}"
    if not clean:
        return
    write_terms(clean, path)
    assert read_terms(path).terms == clean


def test_header_names_are_forgiving(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        "Source,Target,Abbr,Usage note,Forbidden variants,Case sensitive,Full form first\n"
        "外商独资企业,wholly foreign-owned enterprise,WOFE,,WFOE|W.F.O.E.,no,yes\n",
    )
    [term] = read_terms(path).terms
    assert term.forbidden == ("WFOE", "W.F.O.E.")
    assert term.full_form_first and not term.case_sensitive


def test_csv_quotes_commas_and_newlines(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", 'zh,en,note\n座谈会,"symposium, forum","line one\nline two"\n')
    [term] = read_terms(path).terms
    assert term.target == "symposium, forum"
    assert term.note == "line one\nline two"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("g.tsv", "chinese\tabbreviation\n常州\tCZ\n", r"g.tsv:1: the header has no en column"),
        ("g.tsv", "zh\ten\tcolour\n常州\tChangzhou\tred\n", r"g.tsv:1: unknown column 'colour'"),
        ("g.tsv", "zh\ten\ten\n", r"g.tsv:1: column 'en' appears twice"),
        ("g.tsv", "zh\ten\tnote\n常州\tChangzhou\n", r"g.tsv:2: 2 cells, but the header has 3"),
        ("g.tsv", "zh\ten\n常州\tChangzhou\n\t Wujin\n", r"g.tsv:3: empty Chinese term"),
        ("g.tsv", "zh\ten\n常州\t\n", r"g.tsv:2: 常州: no English given"),
        ("g.tsv", "zh\ten\tstatus\n常州\tChangzhou\tgood\n", r"g.tsv:2: status must be"),
        (
            "g.tsv",
            "zh\ten\tcase\n常州\tChangzhou\tmaybe\n",
            r"g.tsv:2: case_sensitive must be yes or no",
        ),
        ("g.csv", 'zh,en\n常州,"Chang\n', r"g.csv:\d+: not valid CSV"),
        ("g.tsv", "zh,en\n常州,Changzhou\n", r"g.tsv:1: unknown column 'zh,en'"),
        ("g.tsv", "\n\n", r"g.tsv: the file is empty"),
        ("g.tsv", "zh\ten\n", r"g.tsv: no terms in the file"),
    ],
)
def test_bad_tables_are_refused_with_the_line(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        read_terms(write(tmp_path, name, text))


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "g.tsv", "zh\ten\n常州\tChangzhou\n".encode() + "武进\tWujin\n".encode("gbk")
    )
    with pytest.raises(InputError, match=r"g.tsv:3: not UTF-8"):
        read_terms(path)


def test_binary_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary"):
        read_terms(write(tmp_path, "g.tsv", b"zh\ten\n\x00\x01"))
    with pytest.raises(InputError, match="no such file"):
        read_terms(tmp_path / "missing.tsv")
    with pytest.raises(UsageError, match="cannot tell the format"):
        detect_format(tmp_path / "glossary.docx")


def test_same_term_twice_different_english_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "zh\ten\n园区\tthe Park\n常州\tChangzhou\n园区\tthe Zone\n")
    with pytest.raises(
        ConflictError, match=r"g.tsv:4: '园区' is 'the Zone' here but 'the Park' at .*g.tsv:2"
    ):
        read_terms(path)
    senses = write(tmp_path, "s.tsv", "zh\ten\tsense\n园区\tthe Park\t\n园区\tthe Zone\tzone\n")
    assert [t.sense for t in read_terms(senses).terms] == ["", "zone"]


def test_identical_repeats_are_kept_once_with_a_notice(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "zh\ten\n常州\tChangzhou\n常州\t Changzhou \n")
    result = read_terms(path)
    assert len(result.terms) == 1
    assert result.notices == [f"{path}:3: '常州' repeats {path}:2; kept once"]


def test_fifty_thousand_terms_read_and_write(tmp_path: Path) -> None:
    terms = [Term(f"术语{i:05d}", f"term {i}", note="n") for i in range(50_000)]
    for kind in ("tsv", "tbx"):
        path = tmp_path / f"big.{kind}"
        write_terms(terms, path)
        assert read_terms(path).terms == terms


# -- TBX ---------------------------------------------------------------------------------

V3_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca" xml:lang="en">\n'


def tbx_doc(body: str, head: str = V3_HEAD) -> str:
    return (
        head
        + "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>\n"
        + f"<text><body>\n{body}\n</body></text>\n</tbx>\n"
    )


def test_exported_tbx_is_tbx_basic_dca(tmp_path: Path) -> None:
    root = etree.fromstring(tbx_bytes(RICH))
    assert root.tag == f"{{{TBX_NS}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    q = f"{{{TBX_NS}}}"
    wofe = root.findall(f".//{q}conceptEntry")[1]
    english = wofe.findall(f"{q}langSec")[1]
    rows = [
        (
            sec.findtext(f"{q}term"),
            sec.findtext(f"{q}termNote[@type='termType']"),
            sec.findtext(f"{q}termNote[@type='administrativeStatus']"),
        )
        for sec in english.findall(f"{q}termSec")
    ]
    assert rows == [
        ("wholly foreign-owned enterprise", "fullForm", "preferredTerm-admn-sts"),
        ("WOFE", "abbreviation", "preferredTerm-admn-sts"),
        ("WFOE", None, "deprecatedTerm-admn-sts"),
        ("foreign enterprise", None, "deprecatedTerm-admn-sts"),
    ]


def test_foreign_tbx_v3_with_synonyms_variants_and_regions(tmp_path: Path) -> None:
    body = """
<conceptEntry id="c7">
  <descrip type="subjectField">economy</descrip>
  <note>Concept-level note.</note>
  <langSec xml:lang="zh-Hans">
    <termSec><term>外商独资企业</term></termSec>
    <termSec><term>外資企業</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
  </langSec>
  <langSec xml:lang="en-GB">
    <termSec><term>WFOE</term><termNote type="termType">acronym</termNote>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
    <termSec><term>wholly foreign-owned enterprise</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
      <note>Plural
         WOFEs.</note></termSec>
    <termSec><term>WOFE</term><termNote type="termType">abbreviation</termNote></termSec>
    <termSec><term>foreign-owned firm</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
  </langSec>
  <langSec xml:lang="de"><termSec><term>Unternehmen</term></termSec></langSec>
</conceptEntry>"""
    terms = read_terms(write(tmp_path, "g.tbx", tbx_doc(body))).terms
    assert [t.source for t in terms] == ["外商独资企业", "外資企業"]
    t = terms[0]
    assert (t.target, t.abbreviation, t.forbidden, t.variants) == (
        "wholly foreign-owned enterprise",
        "WOFE",
        ("WFOE",),
        ("foreign-owned firm",),
    )
    assert t.note == "Concept-level note.\nPlural WOFEs."
    assert t.status is TermStatus.PREFERRED


def test_legacy_martif_from_translate_toolkit(tmp_path: Path) -> None:
    from translate.storage import tbx as ttk_tbx

    store = ttk_tbx.tbxfile(sourcelanguage="zh", targetlanguage="en")
    unit = store.addsourceunit("外商独资企业")
    unit.target = "wholly foreign-owned enterprise"
    unit.addnote("House style WOFE")
    store.addsourceunit("高新区").target = "High-tech Zone"
    path = write(tmp_path, "legacy.tbx", bytes(store))
    assert b"<martif" in path.read_bytes() and b"<!DOCTYPE" in path.read_bytes()
    terms = read_terms(path).terms
    assert [(t.source, t.target, t.note) for t in terms] == [
        ("外商独资企业", "wholly foreign-owned enterprise", "House style WOFE"),
        ("高新区", "High-tech Zone", ""),
    ]


def test_legacy_ntig_and_language_options(tmp_path: Path) -> None:
    text = """<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="x"><langSet xml:lang="en"><ntig><termGrp><term>高新区</term></termGrp></ntig></langSet>
<langSet xml:lang="xx"><ntig><termGrp><term>High-tech Zone</term>
<termNote type="administrativeStatus">standardizedTerm-admn-sts</termNote></termGrp></ntig></langSet></termEntry>
</body></text></martif>"""
    path = write(tmp_path, "odd.tbx", text)
    with pytest.raises(
        InputError, match=r"no concept has both zh and en terms \(languages found: en, xx\)"
    ):
        read_terms(path)
    [term] = read_terms(path, source_lang="en", target_lang="xx").terms
    assert (term.source, term.target) == ("高新区", "High-tech Zone")


def test_concepts_without_both_languages_are_skipped_with_a_notice(tmp_path: Path) -> None:
    body = """<conceptEntry id="c1"><langSec xml:lang="zh"><termSec><term>常州</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>Changzhou</term></termSec></langSec></conceptEntry>
<conceptEntry id="c2"><langSec xml:lang="de"><termSec><term>Haus</term></termSec></langSec></conceptEntry>"""
    result = read_terms(write(tmp_path, "g.tbx", tbx_doc(body)))
    assert [t.source for t in result.terms] == ["常州"]
    assert result.notices == [f"{tmp_path / 'g.tbx'}:7: concept c2 has no zh term; skipped"]


ENTRY = '<conceptEntry id="c1"><langSec xml:lang="zh"><termSec><term>常州</term></termSec></langSec><langSec xml:lang="en"><termSec><term>Changzhou</term>{extra}</termSec></langSec></conceptEntry>'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<tbx><unclosed></tbx>", r"g.tbx:1: not well-formed XML"),
        ("<html><body>hi</body></html>", r"g.tbx:1: not a TBX file \(the root element is <html>\)"),
        ("", r"g.tbx: the file is empty"),
        (
            tbx_doc(ENTRY.format(extra=""), V3_HEAD.replace(TBX_NS, "urn:example")),
            r"not in the TBX namespace",
        ),
        (
            tbx_doc(ENTRY.format(extra=""), V3_HEAD.replace("TBX-Basic", "TBX-Linguist")),
            r"dialect 'TBX-Linguist'",
        ),
        (
            tbx_doc(ENTRY.format(extra=""), V3_HEAD.replace('"dca"', '"dct"')),
            r"style 'dct' is not supported",
        ),
        (
            tbx_doc(
                ENTRY.format(extra='<termNote type="administrativeStatus">preferred</termNote>')
            ),
            r"g.tbx:5: administrativeStatus 'preferred' is not one of",
        ),
        (
            tbx_doc(ENTRY.format(extra='<termNote type="termType">longForm</termNote>')),
            r"g.tbx:5: termType 'longForm'",
        ),
        (
            tbx_doc(ENTRY.format(extra="<term>Chang-chou</term>")),
            r"g.tbx:5: <termSec> must hold exactly one <term>",
        ),
        (tbx_doc(ENTRY.format(extra="<bogus/>")), r"g.tbx:5: unexpected <bogus> in <termSec>"),
        (
            tbx_doc(ENTRY.replace(' id="c1"', "").format(extra="")),
            r"g.tbx:5: <conceptEntry> has no id",
        ),
        (
            tbx_doc(ENTRY.replace(' xml:lang="en"', "").format(extra="")),
            r"g.tbx:5: <langSec> has no xml:lang",
        ),
        (
            tbx_doc(ENTRY.replace("<term>常州</term>", "<term> </term>").format(extra="")),
            r"empty <term>",
        ),
        (tbx_doc("<termEntry/>"), r"g.tbx:5: unexpected <termEntry> in <body>"),
        ('<martif type="TBX"><text/></martif>', r"<martif> has no <text><body>"),
    ],
)
def test_invalid_tbx_is_refused_with_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_terms(write(tmp_path, "g.tbx", text))


def test_entities_are_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        '<martif type="TBX"><text><body><termEntry><langSet xml:lang="zh"><tig><term>&c;</term>'
        "</tig></langSet></termEntry></body></text></martif>"
    )
    external = bomb.replace('<!ENTITY a "aaaaaaaaaa">', f'<!ENTITY a SYSTEM "file://{secret}">')
    for text in (bomb, external):
        with pytest.raises(InputError, match="declares its own DTD entities"):
            read_terms(write(tmp_path, "evil.tbx", text))


def test_atomic_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    target = tmp_path / "out.tsv"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, b"new")
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(os.listdir(tmp_path)) == ["out.tsv"]
    with pytest.raises(InputError, match="does not exist"):
        write_terms(RICH, tmp_path / "no" / "such" / "dir.tbx")


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "g.tsv"
    target.write_text("old", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError, match="cannot write"):
        write_terms(RICH, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(os.listdir(tmp_path)) == ["g.tsv"]
