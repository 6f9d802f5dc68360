"""No character is ever lost on screen: every segment of every corpus article, and generated
articles of 300-character sentences, long English words and URLs, shown at four terminal sizes.
For each segment the Chinese, English and suggestions panels are read from the composited screen,
scrolling included, and must read as the stored text, character for character."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

import pytest

from cipbilingual.models import State
from cipbilingual.tui.app import build_app
from cipbilingual.tui.screens.editor import EditorScreen
from cipbilingual.tui.widgets.findings import render_findings
from cipbilingual.tui.widgets.suggestions import render_suggestions
from cipbilingual.workflow.articles import import_article
from cipbilingual.workspace import Workspace

from ..cli.conftest import copy_sample_workspace
from .conftest import open_editor, wait_for
from .reading import readable_lines, still_screen, unread

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
SIZES = [(80, 24), (100, 30), (120, 40), (200, 60)]

URL = (
    "https://www.cip-changzhou.gov.cn/news/2019/12/10/"
    "zhong-yi-chang-zhou-chuang-xin-yuan-zhao-kai-2020-nian-gong-zuo-ji-hua-yan-tao-hui"
    "?from=timeline&isappinstalled=0&utm_source=wechat_session&utm_medium=social"
)
LONG_WORDS = [
    "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft",
    "China-Israel-Changzhou-Innovation-Park-High-tech-Zone-Wujin-District",
]
PHRASE = (
    "the park held a meeting on cooperation with Israel and high tech projects in Changzhou "
    "Wujin National High-tech Zone investment reached 360 million yuan (CIP) “quoted” — "
    "40% 3.6 2019-12-10 WOFE"
)


def english_for(seed: int, length: int) -> str:
    """A long English sentence with long words, a URL and a figure or two."""
    rng = random.Random(seed)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        roll = rng.random()
        if roll < 0.04:
            words.append(URL)
        elif roll < 0.08:
            words.append(rng.choice(LONG_WORDS))
        else:
            words.append(rng.choice(PHRASE.split()))
    return " ".join(words).capitalize() + "."


def generated_source(seed: int) -> str:
    """An article of 300-character sentences (commas and semicolons, no full stop inside), with
    Latin words, a URL and figures in the Chinese."""
    rng = random.Random(seed)
    pool = [c for c in (CORPUS / "cip-2019-11-24-wang-quan-visit.zh.txt").read_text("utf-8")]
    han = [c for c in pool if "\u4e00" <= c <= "\u9fff"]
    extras = [
        "CIP",
        "3.6亿元",
        "2019年12月10日",
        "，",
        "；",
        "、",
        "“中以合作”",
        URL,
        LONG_WORDS[0],
    ]

    def sentence() -> str:
        parts: list[str] = []
        while sum(len(p) for p in parts) < 300:
            parts.append(rng.choice(extras) if rng.random() < 0.12 else rng.choice(han))
        return "".join(parts) + "。"

    title = "生成的长句文章" + "".join(rng.choices(han, k=40))
    paragraphs = [sentence() + sentence(), sentence(), sentence() + sentence() + sentence()]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = copy_sample_workspace(tmp_path_factory.mktemp("fidelity") / "ws")
    ws = Workspace.open(root)
    # The sample articles are corpus articles; any other corpus article is imported.
    imported = {ws.load(slug).meta.source_hash for slug in ws.slugs()}
    for n, source in enumerate(sorted(CORPUS.glob("*.zh.txt")), start=1):
        if hashlib.sha256(source.read_bytes()).hexdigest() not in imported:
            import_article(ws, source, f"corpus-{n}")
    for n in (1, 2):
        path = root / f"generated-{n}.txt"
        path.write_text(generated_source(n), encoding="utf-8")
        import_article(ws, path, f"generated-{n}")
    # English everywhere: what a translator wrote where there is none, machine drafts beside it.
    for slug in ws.slugs():
        with ws.edit(slug) as article:
            for i, seg in enumerate(article.segments):
                if not seg.target:
                    seg.target = english_for(i, 60 + 40 * (i % 9))
                    seg.state = State.TRANSLATED
                    seg.translator = "li"
                seg.machine_draft = english_for(1000 + i, 80 + 30 * (i % 7))
    return ws


async def _check_article(pilot: Any, editor: EditorScreen, size: tuple[int, int]) -> list[str]:
    problems: list[str] = []
    services = pilot.app.services
    await wait_for(pilot, lambda: editor.article_checked, "the article's findings")
    await pilot.app.workers.wait_for_complete()  # and the glossary
    assert editor.article is not None
    for seg in editor.article.segments:
        editor.show_segment(seg.id, save=False)
        editor._tm_timer.cancel()  # the lookup below is the same one, made synchronously
        items = [
            *editor._local_suggestions(seg),
            *services.tm_suggestions(editor.article, seg.id),
            *editor._term_suggestions(),
        ]
        suggestions = editor.query_one("#suggestions")
        suggestions.show(items)
        pilot.app.clear_notifications()
        expected = render_suggestions(suggestions.items).plain
        assert all(item.text in expected for item in suggestions.items)
        panels = [
            ("Chinese", editor.query_one("#source"), seg.source),
            ("English", editor.target, seg.target),
            ("suggestions", suggestions, expected),
            (
                "findings",
                editor.query_one("#findings"),
                render_findings(
                    editor.query_one("#findings").findings,
                    silence_hint=editor.query_one("#findings").silence_hint,
                ).plain,
            ),
        ]
        screen = await still_screen(pilot)
        for name, widget, text in panels:
            problem = unread(await readable_lines(pilot, widget, screen), text)
            if problem:
                problems.append(f"{size} {editor.slug} {seg.id} {name}: {problem}")
    return problems


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_character_is_readable(workspace: Workspace, size: tuple[int, int]) -> None:
    problems: list[str] = []
    checked = 0
    for slug in workspace.slugs():
        app = build_app(workspace, "li", "en", slug)
        async with app.run_test(size=size) as pilot:
            editor = await open_editor(pilot)
            problems += await _check_article(pilot, editor, size)
            checked += len(editor.article.segments) if editor.article else 0
            await app.action_quit()
        app.flush_on_exit()
    assert checked == sum(len(workspace.load(slug).segments) for slug in workspace.slugs())
    assert not problems, "\n".join(problems[:20])


def test_reading_notices_a_lost_or_changed_character() -> None:
    assert unread(["中以常州", "创新园。"], "中以常州创新园。") is None
    assert unread(["The park ", "held a", "meet", "ing."], "The park held a meeting.") is None
    assert unread(["中以常", "创新园。"], "中以常州创新园。") is not None  # 州 hidden at the edge
    assert unread(["中以常州"], "中以常州创新园。") is not None  # the rest never shown
    assert unread(["The parkheld"], "The park held") is not None  # a space lost inside a line
    assert unread(["The park held", "x"], "The park held") is not None  # something else shown
