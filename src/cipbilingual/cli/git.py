"""`cipbilingual git`: the catalogs' merge driver, its setup, and settling what a merge kept."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cipbilingual.cli import Context
from cipbilingual.cli.articles import emit_json, pass_context


@click.group()
def git() -> None:
    """Merge catalogs per segment in git (run 'git setup' once per clone)."""


@git.command()
@pass_context
def setup(ctx: Context) -> None:
    """Register the merge driver: .gitattributes (commit it) and this clone's git config."""
    from cipbilingual.workflow.git import setup_git

    report = setup_git(ctx.workspace())
    state = "updated" if report.attributes_changed else "already set"
    click.echo(f"{report.attributes}: {state} ({', '.join(report.patterns)})")
    click.echo(f"git config merge.cipbilingual.driver = {report.driver}")
    if report.attributes_changed:
        click.echo("Commit .gitattributes; every other clone runs 'cipbilingual git setup' once.")


@git.command("merge-driver")
@click.argument("base", type=click.Path(path_type=Path))
@click.argument("mine", type=click.Path(path_type=Path))
@click.argument("theirs", type=click.Path(path_type=Path))
@click.argument("path")
def merge_driver(base: Path, mine: Path, theirs: Path, path: str) -> None:
    """Called by git (%O %A %B %P): merge THEIRS into MINE; exit 1 when clashes are kept."""
    from cipbilingual.workflow.git import run_merge_driver

    clean, lines = run_merge_driver(base, mine, theirs, path)
    for line in lines:
        click.echo(f"cipbilingual: {line}", err=True)
    sys.exit(0 if clean else 1)


@git.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@pass_context
def resolve(ctx: Context, files: tuple[Path, ...]) -> None:
    """Re-merge per segment the catalogs git left with conflict markers (all, or FILES)."""
    from cipbilingual.workflow.git import resolve_unmerged

    done = resolve_unmerged(ctx.workspace(), list(files) or None)
    if not done:
        click.echo("No unmerged catalog in git's index: nothing to resolve.")
    for item in done:
        for note in item.report.notes:
            click.echo(f"{item.path}: {note}")
        if item.staged:
            click.echo(f"{item.path}: merged per segment and staged")
        else:
            click.echo(
                f"{item.path}: merged; {len(item.report.conflicts)} clash(es) kept "
                f"({', '.join(item.report.conflicts)}): choose, then 'git add {item.path}'"
            )


@git.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@pass_context
def conflicts(ctx: Context, as_json: bool) -> None:
    """List the clashes merges kept (segments and glossary entries); exit 1 if there are any."""
    from cipbilingual.errors import Refusal
    from cipbilingual.workflow.git import list_clashes

    clashes = list_clashes(ctx.workspace())
    if as_json:
        emit_json([c.to_json() for c in clashes])
    else:
        for c in clashes:
            where = f"{c.slug} {c.item}" if c.slug else f"glossary {c.item}"
            click.echo(f"{where}: {c.note}")
            click.echo(f"  mine    {c.mine}")
            click.echo(f"  theirs  {c.theirs}")
        if not clashes:
            click.echo("No merge conflicts.")
    if clashes:
        raise Refusal(f"{len(clashes)} merge conflict(s) to settle")


@git.command()
@click.argument("slug")
@click.argument("segment_id")
@click.argument("choice", type=click.Choice(["mine", "theirs"]))
@pass_context
def choose(ctx: Context, slug: str, segment_id: str, choice: str) -> None:
    """Settle SEGMENT_ID's merge conflict with MINE or THEIRS ('translate' writes a third)."""
    from cipbilingual.workflow.git import choose_segment

    segment = choose_segment(ctx.workspace(), slug, segment_id, choice, ctx.user())
    click.echo(f"{slug} {segment.id}: {choice} kept, {segment.state}")


@git.command("choose-term")
@click.argument("term")
@click.argument("choice", type=click.Choice(["mine", "theirs"]))
@click.option("--sense", default="", help="The entry's sense, when the term has several.")
@pass_context
def choose_term(ctx: Context, term: str, choice: str, sense: str) -> None:
    """Settle a glossary entry's merge conflict with MINE or THEIRS."""
    from cipbilingual.workflow.git import choose_term as settle

    kept = settle(ctx.workspace(), term, sense, choice)
    if kept is None:
        click.echo(f"{term}: {choice} kept (the entry is removed)")
    else:
        click.echo(f"{term}: {choice} kept ({kept.target})")
