"""`cipbilingual xliff`: send an article to a CAT tool and take its English back."""

from __future__ import annotations

from pathlib import Path

import click

from cipbilingual.cli import Context
from cipbilingual.cli.articles import emit_json, pass_context
from cipbilingual.errors import Refusal


@click.group()
def xliff() -> None:
    """Exchange articles with CAT tools as XLIFF 1.2 or 2.0."""


@xliff.command("export")
@click.argument("slug")
@click.option(
    "--xliff-version", type=click.Choice(["1.2", "2.0"]), default="1.2", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (default: stdout)."
)
@pass_context
def export(ctx: Context, slug: str, xliff_version: str, output: Path | None) -> None:
    """SLUG as XLIFF, finished or not (same as export --format xliff)."""
    from cipbilingual.workflow.xliff import export_xliff

    text = export_xliff(ctx.workspace(), slug, xliff_version)
    if output is None:
        click.echo(text, nl=False)
        return
    from cipbilingual.cli.articles import write_output

    write_output(output, text)


@xliff.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--slug", help="The article (default: the XLIFF file's 'original').")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_context
def import_(ctx: Context, file: Path, slug: str | None, as_json: bool) -> None:
    """Take the English of a returned XLIFF FILE: never approved; exit 1 if units were refused."""
    from cipbilingual.workflow.xliff import import_xliff

    result = import_xliff(ctx.workspace(), file, ctx.user(), slug)
    if as_json:
        emit_json(result.to_json())
    else:
        tool = f" from {result.tool}" if result.tool else ""
        for report in result.articles:
            click.echo(
                f"{report.slug}: XLIFF {result.version}{tool}: "
                f"{len(report.translated)} translated, "
                f"{len(report.reopened)} approved segment(s) changed, "
                f"{len(report.drafted)} drafted, {report.unchanged} unchanged, "
                f"{len(report.refused)} refused"
            )
            for sid in report.reopened:
                click.echo(f"  changed  {sid}: was approved, the English differs; now translated")
            for sid in report.kept:
                click.echo(f"  kept     {sid}: an unconfirmed English was not put over a person's")
            for refused in report.refused:
                click.echo(f"  refused  {refused.id}: {refused.reason}")
    if result.refused:
        raise Refusal(f"{result.refused} unit(s) refused; the others were taken")
