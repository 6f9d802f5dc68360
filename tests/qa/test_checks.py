"""Each check: it fires on the fault it names, and stays quiet on correct English nearby."""

from __future__ import annotations

import pytest

from cipbilingual.glossary import Glossary
from cipbilingual.models import Term
from cipbilingual.qa import CHECKS, CheckContext, check_pair
from cipbilingual.qa.engine import IMPLEMENTED
from cipbilingual.qa.postedit import post_edit_chrf
from tests.qa.conftest import checks


def test_every_registered_check_is_implemented() -> None:
    assert {c.name for c in CHECKS} == IMPLEMENTED


@pytest.mark.parametrize(
    ("zh", "en", "check"),
    [
        # figures
        ("园区新增项目十七个。", "The Park added 71 projects.", "numbers"),
        ("投资3.6亿元建设平台。", "A platform was built with 3.6 million yuan.", "numbers"),
        ("园区新增项目17个。", "The Park added 17 projects in 2019.", "numbers-added"),
        (
            "11月21日下午，汪泉调研。",
            "On the afternoon of November 12, Wang Quan visited.",
            "dates",
        ),
        ("12月9日上午，园区召开会议。", "On the afternoon of December 9, the Park met.", "dates"),
        ("会议于周四举行。", "The meeting was held on Tuesday.", "dates"),
        ("会议于周四举行。", "The meeting was held.", "dates"),
        ("签约仪式于下午3点举行。", "The signing took place at 3 a.m.", "dates"),
        ("同比增长12.5%。", "Up 21.5% year on year.", "percent"),
        ("项目总投资5000万美元。", "The project invests 50 million yuan.", "currency"),
        ("项目总投资5000万元。", "The project invests 50 million.", "currency"),
        ("项目总投资5000万元。", "The project invests 50 million euros.", "currency"),
        ("详见 https://www.cipcz.cn/news 。", "See https://www.cipcz.cn/new.", "urls"),
        ("请联系 info@cipcz.cn。", "Contact info@cipcz.com.", "urls"),
        # text
        ("园区新增项目。", "The Park will continue to to add projects.", "doubled-words"),
        ("园区新增项目。", "The Park added The the projects.", "doubled-words"),
        ("园区新增项目。", "to to to to to", "repetition"),
        ("园区新增项目。", "园区新增项目。", "identical"),
        ("园区新增项目。", "…", "empty"),
        ("园区新增项目。", "The Park added 项目.", "chinese-left"),
        ("园区新增项目。", "The Park added projects。", "cjk-punctuation"),
        ("园区新增项目（CIP）。", "The Park (CIP added projects.", "unbalanced"),
        ("园区新增项目。", "The Park  added projects.", "whitespace"),
        ("园区新增项目。", "The Park added projects .", "whitespace"),
        ("中以常州创新园召开重点工作计划研讨会并部署明年任务。", "Meeting.", "length"),
        # names and omission
        ("常州市副市长张伟出席。", "Changzhou Vice Mayor Zhang Wen attended.", "names"),
        ("常州市副市长张伟出席。", "Changzhou's vice mayor attended.", "names"),
        (
            "双方签署了合作协议，并就人才交流、联合研发等事项达成共识。",
            "The two sides signed a cooperation agreement.",
            "omission",
        ),
    ],
)
def test_each_check_fires(zh: str, en: str, check: str) -> None:
    assert check in checks(zh, en)


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("十七个项目", "seventeen projects"),
        ("投资3.6亿元", "an investment of RMB360 million"),
        ("投资3.6亿元", "an investment of 360 million yuan"),
        ("开采了价值 31 亿美元的金矿", "mined $3.1 billion worth of gold"),
        ("今年1至9月，园区营收增长。", "In the first nine months of this year, revenue grew."),
        ("上世纪70、80年代的中国农村", "rural China in the 1970s and 1980s"),
        ("晚上10点42分开始", "starts at 10.42pm"),
        ("上午九时三十分到达", "arrived at 9:30 am"),
        ("二十年来一直如此", "for two decades"),
        ("关税由15%到30%降为零", "tariffs from 15-30% cut to zero"),
        ("用2小时13分38秒跑完", "finished in 2:13:38"),
        ("他说：那是那时候的事。", "He said that that was then."),
        ("陈晨出席。", "Chen Chen attended."),
        ("汪泉说，园区很重要。", "Mr. Wang said the Park mattered."),
        ("魏凤和出席。", "Wei Fenghe attended."),
        ("吕梁市", "Lüliang City"),
        ("星期四上午", "on Thursday morning"),
        ("每周一次例会", "a weekly meeting"),
    ],
)
def test_correct_english_gets_no_finding(zh: str, en: str) -> None:
    # House style (RMB or yuan, …) is a workspace's choice, judged in test_english.py.
    assert [c for c in checks(zh, en) if not c.startswith("style-")] == []


def test_a_numeral_before_yuan_is_not_always_money() -> None:
    assert "currency" not in checks("三元锂电池暂停使用", "ternary lithium batteries are suspended")


def test_relative_years_are_read_against_the_article_date() -> None:
    zh = "去年，园区引进项目31个。"
    assert checks(zh, "Last year, the Park brought in 31 projects.", date="2019-12-10") == []
    assert checks(zh, "In 2018, the Park brought in 31 projects.", date="2019-12-10") == []
    assert checks(zh, "In 2019, the Park brought in 31 projects.", date="2019-12-10") == ["dates"]
    assert checks(zh, "This year, the Park brought in 31 projects.", date="2019-12-10") == ["dates"]


def test_glossary_english_counts_in_its_inflected_forms() -> None:
    house = Glossary(
        [
            Term("以色列", "Israel"),
            Term("外商独资企业", "wholly foreign-owned enterprise", abbreviation="WOFE"),
            Term("中国", "China"),
        ]
    )
    assert checks("以色列最新科技", "the latest Israeli technologies", house) == []
    assert checks("以色列的创新", "Israel's innovation", house) == []
    assert checks("外商独资企业10家", "10 wholly foreign-owned enterprises", house) == []
    assert checks("中国企业", "Chinese enterprises", house) == []
    assert checks("以色列最新科技", "the latest technologies", house) == ["glossary-missing"]


def test_a_name_in_the_glossary_is_the_glossarys() -> None:
    house = Glossary([Term("汪泉", "Wang Quan"), Term("香港", "Hong Kong")])
    # Its house English counts (香港 is not "Xianggang"); a lookalike of it is a misspelt name.
    assert checks("汪泉出席。", "Wang Quan attended.", house) == []
    assert checks("汪泉在香港出席。", "Wang Quan attended in Hong Kong.", house) == []
    assert sorted(checks("汪泉出席。", "Wang Qun attended.", house)) == [
        "glossary-missing",
        "names",
    ]
    [error] = [
        f
        for f in check_pair("汪泉出席。", "Wang Qun attended.", CheckContext(glossary=house))
        if f.check == "names"
    ]
    assert error.severity.value == "error"
    assert "Wang Quan" in error.message and "Wang Qun" in error.message
    # Absent altogether ("the secretary attended"): the glossary's warning, no names error.
    assert checks("汪泉出席。", "The secretary attended.", house) == ["glossary-missing"]


def test_a_misspelt_name_is_an_error_an_absent_one_a_warning() -> None:
    ctx = CheckContext()
    [wrong] = check_pair("陈静主持会议。", "Chen Qing chaired the meeting.", ctx)
    [absent] = check_pair("陈静主持会议。", "The deputy director chaired the meeting.", ctx)
    assert (wrong.check, wrong.severity.value) == ("names", "error")
    assert "Chen Jing" in wrong.message and "Chen Qing" in wrong.message
    assert (absent.check, absent.severity.value) == ("names", "warning")


def test_messages_follow_the_language() -> None:
    [en] = check_pair("园区新增项目17个。", "The Park added 71 projects.", CheckContext())
    zh_ctx = CheckContext(language="zh_CN")
    [zh] = check_pair("园区新增项目17个。", "The Park added 71 projects.", zh_ctx)
    assert en.message == "17 not found in English; the English has 71"
    assert zh.message == "英文中找不到 17；英文写的是 71"


def test_post_edit_chrf() -> None:
    assert post_edit_chrf("The Park added 17 projects.", "The Park added 17 projects.") == 100.0
    edited = post_edit_chrf("Park add 17 project.", "The Park added 17 projects.")
    rewritten = post_edit_chrf("Park add 17 project.", "Seventeen ventures joined the zone.")
    assert 0 < rewritten < edited < 100


def test_the_dictionaries_are_prepared_only_for_checks_that_read_them() -> None:
    from types import MappingProxyType

    from cipbilingual.config import CheckSettings, QASettings
    from cipbilingual.qa.engine import prepare

    off = CheckSettings(enabled=False)
    ctx = CheckContext(QASettings(MappingProxyType({"names": off, "omission": off})))
    prepare(ctx)
    assert "lexicon" not in ctx._resources
    ctx = CheckContext()
    prepare(ctx)
    assert "lexicon" in ctx._resources


def test_settings_read_once_are_read_again_when_they_are_replaced() -> None:
    from types import MappingProxyType

    from cipbilingual.config import CheckSettings, QASettings

    ctx = CheckContext()
    assert ctx.enabled("numbers") and ctx.number("length", "max_ratio") == 9.3
    assert checks("园区新增项目17个。", "The Park added 71 projects.") == ["numbers"]
    ctx.settings = QASettings(
        MappingProxyType(
            {
                "numbers": CheckSettings(enabled=False),
                "length": CheckSettings(params=MappingProxyType({"max_ratio": 2.0})),
            }
        )
    )
    assert not ctx.enabled("numbers") and ctx.number("length", "max_ratio") == 2.0
    assert check_pair("园区新增项目17个。", "The Park added 71 projects.", ctx) == []
