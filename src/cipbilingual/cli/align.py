"""`cipbilingual align`: a Chinese file and its published English become aligned segments."""

from __future__ import annotations

from pathlib import Path

import click

from cipbilingual.cli import Context
from cipbilingual.cli.articles import emit_json, pass_context
from cipbilingual.errors import UsageError, WorkspaceError


@click.command()
@click.argument("zh_file", type=click.Path(path_type=Path))
@click.argument("en_file", type=click.Path(path_type=Path))
@click.option("--slug", help="The article's folder name (default: date + pinyin of the title).")
@click.option("--json", "as_json", is_flag=True, help="Print the links as JSON; make no article.")
@click.option(
    "--one-per-line",
    is_flag=True,
    help="Each non-blank line of both files is one sentence (no paragraphs, no title).",
)
@pass_context
def align(
    ctx: Context,
    zh_file: Path,
    en_file: Path,
    slug: str | None,
    as_json: bool,
    one_per_line: bool,
) -> None:
    """Align ZH_FILE (a Chinese article) with EN_FILE (its published English).

    Paragraphs are aligned first, then the sentences inside them (1-1, 1-2, 2-1, 2-2, and
    sentences without a counterpart). Without --json the pairs become an article whose English
    is `translated` (origin `aligned` with the link's score), for an editor to review; with
    --json the links are printed over the sentence indices of the two files.
    """
    from cipbilingual.workflow.align import align_files, import_alignment

    if as_json and slug:
        raise UsageError("--slug names the article align makes; --json makes none")
    if as_json:
        try:
            ws = ctx.workspace()
        except WorkspaceError:
            ws = None  # outside a workspace: no glossary, default sentence rules
        alignment = align_files(zh_file, en_file, one_per_line=one_per_line, ws=ws)
        emit_json(alignment.to_json())
        return
    ws = ctx.workspace()
    person = ctx.user()
    from cipbilingual.workflow.people import require_person

    require_person(ws.settings, person)
    alignment = align_files(zh_file, en_file, one_per_line=one_per_line, ws=ws)
    report = import_alignment(ws, alignment, person, slug)
    click.echo(
        f"Aligned {report.slug}: {report.links} links, {report.segments} segments, "
        f"{report.translated} with English (translated, for review)"
    )
    if report.without_english:
        click.echo(f"  no English found for: {', '.join(report.without_english)}")
    if report.english_only:
        click.echo(
            f"  {report.english_only} English sentence(s) match no Chinese: fix the links in "
            "the UI (Articles, select the article, L)"
        )
    if report.lowest:
        worst = ", ".join(f"{sid} {score:.2f}" for sid, score in report.lowest)
        click.echo(f"  review first (lowest scores): {worst}")
