"""Article commands: init, import, status, translate, approve, reject, export."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import cast

import click

from cipbilingual.cli import Context
from cipbilingual.errors import UsageError

pass_context = click.make_pass_decorator(Context)


def emit_json(data: object) -> None:
    """JSON on stdout, UTF-8, one document, indented by two spaces."""
    click.echo(pretty_json(data))


def pretty_json(data: object, indent: str = "") -> str:
    """What `json.dumps(data, ensure_ascii=False, indent=2)` returns, several times faster: the
    standard library indents in pure Python, which for `status --json` on an archive of
    thousands of articles took longer than everything else the command does."""
    kind = type(data)
    if kind is str:
        return _quote(cast(str, data))
    if kind is int:
        return int.__repr__(cast(int, data))
    if kind is dict:
        items = data.items()  # type: ignore[attr-defined]
        if not items:
            return "{}"
        inner = indent + "  "
        parts = []
        for key, value in items:
            if type(key) is not str:
                return json.dumps(data, ensure_ascii=False, indent=2)
            parts.append(f"{inner}{_quote(key)}: {_leaf(value, inner)}")
        return "{\n" + ",\n".join(parts) + "\n" + indent + "}"
    if kind is list or kind is tuple:
        if not data:
            return "[]"
        inner = indent + "  "
        parts = [inner + _leaf(value, inner) for value in data]  # type: ignore[attr-defined]
        return "[\n" + ",\n".join(parts) + "\n" + indent + "]"
    return json.dumps(data, ensure_ascii=False, indent=2)


def _leaf(value: object, indent: str) -> str:
    kind = type(value)
    if kind is str:
        return _quote(cast(str, value))
    if kind is int:
        return int.__repr__(cast(int, value))
    return pretty_json(value, indent)


_quote = json.encoder.encode_basestring  # the C encoder of one string (ensure_ascii=False)
_CONSTANTS = {None: "null", True: "true", False: "false"}


@click.command()
@click.argument("directory", type=click.Path(path_type=Path), default=".")
@click.option("--editor", "editors", multiple=True, metavar="NAME", help="An editor (repeatable).")
@click.option(
    "--translator", "translators", multiple=True, metavar="NAME", help="A translator (repeatable)."
)
def init(directory: Path, editors: tuple[str, ...], translators: tuple[str, ...]) -> None:
    """Make DIRECTORY (default: here) a cipbilingual workspace."""
    from cipbilingual.models import Role
    from cipbilingual.workflow.articles import init_workspace

    people = {name: Role.TRANSLATOR for name in translators}
    people.update({name: Role.EDITOR for name in editors})
    root = init_workspace(directory, people)
    click.echo(f"Initialised a cipbilingual workspace in {root}")
    if not people:
        click.echo(f"Add your team to [people] in {root / 'cipbilingual.toml'}.")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--slug", help="The article's folder name (default: date + pinyin of the title).")
@click.option("--update", is_flag=True, help="Re-import a revised source into an existing article.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_context
def import_(ctx: Context, file: Path, slug: str | None, update: bool, as_json: bool) -> None:
    """Import a Chinese article from FILE (txt, md, html; UTF-8, GB18030/GBK, Big5, UTF-16)."""
    from cipbilingual.workflow.articles import import_article

    report = import_article(ctx.workspace(), file, slug, update=update)
    if as_json:
        emit_json(report.to_json())
        return
    if report.created:
        click.echo(f"Imported {report.slug}: {report.title} ({report.segments} segments)")
        return
    click.echo(
        f"Re-imported {report.slug}: {report.segments} segments, {report.unchanged} unchanged, "
        f"{len(report.changed)} changed (now drafts), {len(report.added)} new, "
        f"{len(report.removed)} removed"
    )
    for sid in report.changed:
        click.echo(f"  changed  {sid}: old English kept as a draft")
    for seg in report.removed:
        click.echo(f"  removed  {seg.id} ({seg.state}): {seg.source}")
        click.echo(f"           English was: {seg.target}")


@click.command()
@click.argument("slugs", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="JSON: an object for one SLUG, else a list.")
@pass_context
def status(ctx: Context, slugs: tuple[str, ...], as_json: bool) -> None:
    """Segment counts by state for SLUG, or for every article."""
    from cipbilingual.workflow.summaries import workspace_summaries

    ws = ctx.workspace()
    report = workspace_summaries(ws, slugs)
    if as_json:
        items = [s.status_json() for s in report]
        emit_json(items[0] if len(slugs) == 1 else items)
        return
    if not report:
        click.echo("No articles yet. Import one with: cipbilingual import FILE")
        return
    for item in report:
        counts = ", ".join(f"{n} {state}" for state, n in item.states.items() if n)
        click.echo(f"{item.slug}  {item.title}")
        click.echo(f"  {item.segments} segments: {counts}")
        for notice in item.notices:
            click.echo(f"  ! {notice}")


@click.command()
@click.argument("slug")
@click.argument("segment_id")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def translate(ctx: Context, slug: str, segment_id: str, text: str, as_json: bool) -> None:
    """Set the English of SEGMENT_ID (state translated). TEXT '-' reads standard input.

    Prints the QA findings of the saved segment; they are news, not a refusal (exit 0).
    """
    from cipbilingual.cli.findings import finding_line
    from cipbilingual.workflow.articles import translate_segment
    from cipbilingual.workflow.qa import segment_findings

    if text == "-":
        text = sys.stdin.read()
    ws = ctx.workspace()
    segment = translate_segment(ws, slug, segment_id, text, ctx.user())
    language = ctx.language()
    findings = segment_findings(ws, slug, segment.id, language)
    if as_json:
        emit_json(
            {
                "slug": slug,
                "segment": str(segment.id),
                "state": str(segment.state),
                "findings": [f.to_json() for f in findings],
            }
        )
    else:
        click.echo(f"{slug} {segment.id}: {segment.state}")
        for finding in findings:
            click.echo(finding_line(finding, language))


@click.command()
@click.argument("slug")
@click.argument("segment_ids", nargs=-1)
@click.option("--all-translated", is_flag=True, help="Approve every translated segment.")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def approve(
    ctx: Context, slug: str, segment_ids: tuple[str, ...], all_translated: bool, as_json: bool
) -> None:
    """Approve segments of SLUG (editors only)."""
    from cipbilingual.workflow.articles import approve_segments

    done = approve_segments(
        ctx.workspace(), slug, segment_ids, ctx.user(), all_translated=all_translated
    )
    if as_json:
        emit_json({"slug": slug, "approved": [str(s.id) for s in done]})
    else:
        click.echo(
            f"{slug}: approved {len(done)} segment(s)"
            + (f": {', '.join(str(s.id) for s in done)}" if done else "")
        )


@click.command()
@click.argument("slug")
@click.argument("segment_id")
@click.option("--reason", required=True, help="Why it goes back to the translator.")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def reject(ctx: Context, slug: str, segment_id: str, reason: str, as_json: bool) -> None:
    """Send SEGMENT_ID back to its translator with a reason (editors only)."""
    from cipbilingual.workflow.articles import reject_segment

    segment = reject_segment(ctx.workspace(), slug, segment_id, reason, ctx.user())
    if as_json:
        emit_json({"slug": slug, "segment": str(segment.id), "state": str(segment.state)})
    else:
        click.echo(f"{slug} {segment.id}: {segment.state} ({segment.reason})")


@click.command()
@click.argument("slug")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["md", "html", "json", "txt", "xliff", "tmx"]),
    help="Output format.",
)
@click.option("--bilingual", is_flag=True, help="Put the Chinese beside the English.")
@click.option("--allow-partial", is_flag=True, help="Export even if not every segment is approved.")
@click.option(
    "--xliff-version",
    type=click.Choice(["1.2", "2.0"]),
    default="1.2",
    show_default=True,
    help="XLIFF version for --format xliff.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to FILE (default: stdout)."
)
@pass_context
def export(
    ctx: Context,
    slug: str,
    fmt: str,
    bilingual: bool,
    allow_partial: bool,
    xliff_version: str,
    output: Path | None,
) -> None:
    """Export the approved English of SLUG. Exit 1 if not every segment is approved.

    --format xliff is for a CAT tool: any article, every English with its state."""
    from cipbilingual.workflow.articles import export_article

    if xliff_version != "1.2" and fmt != "xliff":
        raise UsageError("--xliff-version goes with --format xliff")
    text = export_article(
        ctx.workspace(),
        slug,
        fmt,
        bilingual=bilingual,
        allow_partial=allow_partial,
        xliff_version=xliff_version,
    )
    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text)


def write_output(output: Path, text: str) -> None:
    """Write an export to OUTPUT atomically; UsageError for a folder or a missing parent."""
    from cipbilingual.store import atomic_write_text

    if output.is_dir():
        raise UsageError(f"{output} is a folder; give a file name")
    if not output.parent.is_dir():
        raise UsageError(f"{output.parent} does not exist")
    atomic_write_text(output, text)
    click.echo(f"Wrote {output}", err=True)
