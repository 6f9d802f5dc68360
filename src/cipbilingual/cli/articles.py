"""Article commands: init, import, status, translate, approve, reject, export."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cipbilingual.cli import Context
from cipbilingual.errors import UsageError

pass_context = click.make_pass_decorator(Context)


def emit_json(data: object) -> None:
    """JSON on stdout, UTF-8, one document."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def read_stdin() -> str:
    """Standard input as UTF-8 text, at most limits.STDIN_TEXT bytes; raises InputError."""
    from cipbilingual import limits
    from cipbilingual.errors import InputError

    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text-only stream
        data = sys.stdin.read(limits.STDIN_TEXT + 1).encode("utf-8", "surrogateescape")
    else:
        data = buffer.read(limits.STDIN_TEXT + 1)
    if len(data) > limits.STDIN_TEXT:
        raise InputError(
            f"standard input is over the limit of {limits.size(limits.STDIN_TEXT)} for one text"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"standard input is not UTF-8 text (line {line})") from None


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

    report = import_article(ctx.workspace(), file, slug, update=update, person=ctx.user())
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
    from cipbilingual.workflow.articles import workspace_status

    ws = ctx.workspace()
    report = workspace_status(ws, slugs)
    if as_json:
        items = [s.to_json() for s in report]
        emit_json(items[0] if len(slugs) == 1 else items)
        return
    if not report:
        click.echo("No articles yet. Import one with: cipbilingual import FILE")
        return
    for item in report:
        counts = ", ".join(f"{n} {state}" for state, n in item.states.items() if n)
        click.echo(f"{item.slug}  {item.title}")
        click.echo(f"  {item.segments} segments: {counts}")
        if item.last_act:
            from cipbilingual.history import ACT_WORDS

            act = ACT_WORDS.get(item.last_act, item.last_act)
            click.echo(f"  last: {act} by {item.last_editor or '—'}, {item.last_edited}")
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
        text = read_stdin()
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
@click.option(
    "--reason", default="", help="Why (needed for a segment sent back and unchanged since)."
)
@click.option("--json", "as_json", is_flag=True)
@pass_context
def approve(
    ctx: Context,
    slug: str,
    segment_ids: tuple[str, ...],
    all_translated: bool,
    reason: str,
    as_json: bool,
) -> None:
    """Approve segments of SLUG (editors only). Approving a segment an editor sent back that
    has not changed since needs --reason, which the history records."""
    from cipbilingual.workflow.articles import approve_segments

    done = approve_segments(
        ctx.workspace(),
        slug,
        segment_ids,
        ctx.user(),
        all_translated=all_translated,
        reason=reason,
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
        if segment.rejection is not None:
            click.echo(f"  sent back by {segment.rejection.by} at {segment.rejection.at}")


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
