"""The aligner on the gold sets and on small cases that each need one kind of evidence."""

from __future__ import annotations

import pytest

from cipbilingual.align import Aligner, Text, score, score_many
from cipbilingual.config import SegmentationRules
from cipbilingual.glossary import Glossary
from cipbilingual.models import Term
from cipbilingual.workflow.align import align_files, read_side
from tests.align.gold import Gold, all_gold

GOLD = all_gold()


@pytest.fixture(scope="module")
def aligner() -> Aligner:
    return Aligner()


def _links(gold: Gold, aligner: Aligner) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    alignment = align_files(
        gold.zh_file, gold.en_file, one_per_line=gold.one_per_line, aligner=aligner
    )
    assert alignment.zh.sentences == gold.zh, "the gold's Chinese sentences no longer match"
    assert alignment.en.sentences == gold.en, "the gold's English sentences no longer match"
    return [(link.zh, link.en) for link in alignment.links]


@pytest.mark.parametrize("gold", GOLD, ids=[g.name for g in GOLD])
def test_gold_files_still_read_as_their_sentences(gold: Gold) -> None:
    zh = read_side(gold.zh_file, "zh", one_per_line=gold.one_per_line, rules=SegmentationRules())
    assert zh.sentences == gold.zh
    covered = [i for z, _ in gold.links for i in z]
    assert covered == list(range(len(gold.zh)))


def test_news_gold_strict_f1_meets_the_target(aligner: Aligner) -> None:
    news = [g for g in GOLD if g.domain == "news"]
    assert news
    scores = score_many([_links(g, aligner) for g in news], [g.links for g in news])
    assert scores.strict_f1 >= 0.85, scores


def test_literary_gold_strict_f1_meets_the_target(aligner: Aligner) -> None:
    literary = [g for g in GOLD if g.domain == "literary"]
    assert literary
    scores = score_many([_links(g, aligner) for g in literary], [g.links for g in literary])
    assert scores.strict_f1 >= 0.60, scores


def test_every_sentence_is_in_exactly_one_link_in_order(aligner: Aligner) -> None:
    for gold in GOLD:
        links = _links(gold, aligner)
        assert [i for z, _ in links for i in z] == list(range(len(gold.zh)))
        assert [j for _, e in links for j in e] == list(range(len(gold.en)))


def test_a_split_sentence_becomes_a_one_to_two_link(aligner: Aligner) -> None:
    zh = ["2019年园区新增以色列项目17个，累计运营企业达90家。", "会议要求加快孵化。"]
    en = [
        "In 2019 the park added 17 Israeli projects.",
        "In total 90 enterprises now operate there.",
        "The meeting asked for faster incubation.",
    ]
    links = aligner.align(Text.of_sentences(zh), Text.of_sentences(en))
    assert [(k.zh, k.en) for k in links] == [((0,), (0, 1)), ((1,), (2,))]


def test_merged_sentences_become_a_two_to_one_link(aligner: Aligner) -> None:
    zh = ["汪泉一行参观了展厅。", "该展厅近期刚刚投入使用。", "会议要求加快孵化。"]
    en = [
        "Wang Quan and his party visited the exhibition hall, which was recently put into use.",
        "The meeting asked for faster incubation.",
    ]
    links = aligner.align(Text.of_sentences(zh), Text.of_sentences(en))
    assert [(k.zh, k.en) for k in links] == [((0, 1), (0,)), ((2,), (1,))]


A = "11月21日下午，常州市委书记汪泉到园区调研。"
B = "园区累计运营以色列企业达90家。"
A_EN = "On the afternoon of November 21, Wang Quan, Party Secretary of Changzhou, visited the park."
B_EN = "In total 90 Israeli enterprises operate in the park."
WEATHER = "天气晴朗，微风和煦，湖面波光粼粼。"
HOTLINE = "For more information about the park, call the service hotline or visit our website."


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        ([A, WEATHER, B], [A_EN, B_EN], [((0,), (0,)), ((1,), ()), ((2,), (1,))]),
        ([A, B], [A_EN, HOTLINE, B_EN], [((0,), (0,)), ((), (1,)), ((1,), (2,))]),
        ([A, B], [A_EN, B_EN, HOTLINE], [((0,), (0,)), ((1,), (1,)), ((), (2,))]),
    ],
    ids=["untranslated-chinese", "added-english-inside", "added-english-at-the-end"],
)
def test_a_sentence_without_counterpart_is_left_alone(
    aligner: Aligner, zh: list[str], en: list[str], expected: list[object]
) -> None:
    links = aligner.align(Text.of_sentences(zh), Text.of_sentences(en))
    assert [(k.zh, k.en) for k in links] == expected
    assert all(k.score == 0 for k in links if not k.zh or not k.en)


def test_figures_decide_between_sentences_that_say_the_same_words(aligner: Aligner) -> None:
    zh = ["新增项目17个。", "新增企业10家。", "新增合作项目4个。"]
    en = ["17 new projects.", "10 new enterprises.", "4 new cooperation projects."]
    links = aligner.align(Text.of_sentences(zh), Text.of_sentences(en))
    assert [(k.zh, k.en) for k in links] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_names_count_through_pinyin(aligner: Aligner) -> None:
    zh = ["方国强、戴士富参加调研。"]
    with_names = aligner.score(zh, ["Fang Guoqiang and Dai Shifu took part in the visit."])
    without = aligner.score(zh, ["Two officials took part in the visit."])
    assert with_names > without + 0.2


def test_the_house_glossary_is_evidence() -> None:
    zh = ["江苏中以产业技术研究院开工建设。"]
    en = ["Work began on JITRI CIP."]
    plain = Aligner().score(zh, en)
    glossary = Glossary([Term("江苏中以产业技术研究院", "JITRI CIP")])
    assert Aligner(glossary=glossary).score(zh, en) > plain + 0.2


def test_traditional_chinese_aligns_like_simplified(aligner: Aligner) -> None:
    en = ["The park is the first innovation demonstration park in China."]
    simplified = aligner.score(["中以常州创新园是我国首个创新示范园区。"], en)
    traditional = aligner.score(["中以常州創新園是我國首個創新示範園區。"], en)
    assert simplified > 0.3
    assert traditional == pytest.approx(simplified, abs=0.05)


def test_chinese_sentences_of_two_paragraphs_never_share_a_link(aligner: Aligner) -> None:
    zh = Text((("汪泉一行参观了展厅。",), ("该展厅近期刚刚投入使用。",)))
    en = Text((("Wang Quan and his party visited the exhibition hall, recently put into use.",),))
    links = aligner.align(zh, en)
    assert all(len(k.zh) <= 1 for k in links)


def test_empty_sides_give_only_unpaired_links(aligner: Aligner) -> None:
    assert aligner.align(Text(()), Text(())) == []
    links = aligner.align(Text.of_sentences(["一。", "二。"]), Text(()))
    assert [(k.zh, k.en) for k in links] == [((0,), ()), ((1,), ())]


def test_scores_stay_between_zero_and_one(aligner: Aligner) -> None:
    for gold in GOLD:
        alignment = align_files(
            gold.zh_file, gold.en_file, one_per_line=gold.one_per_line, aligner=aligner
        )
        assert all(0.0 <= k.score <= 1.0 for k in alignment.links)


def test_strict_and_lax_scores() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
    assert score(gold, gold).strict_f1 == 1.0
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ())]
    s = score(test, gold)
    assert s.strict_precision == 0.5 and s.strict_recall == 0.5
    assert s.lax_precision == 1.0 and s.lax_recall == 1.0
    assert score([], gold).strict_f1 == 0.0
