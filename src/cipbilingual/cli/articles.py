"""Article commands: init, import, status, translate, approve, reject, export, changes."""

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
    if value is None or kind is bool:
        return _CONSTANTS[cast(bool | None, value)]
    return pretty_json(value, indent)


_quote = json.encoder.encode_basestring  # the C encoder of one string (ensure_ascii=False)
_CONSTANTS = {None: "null", True: "true", False: "false"}


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
    from cipbilingual.workflow.summaries import workspace_statuses

    ws = ctx.workspace()
    # Through the summary cache: only the articles changed since the last run are read.
    report = workspace_statuses(ws, slugs)
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
        verdict = "publishable" if item.publishable else "not publishable"
        click.echo(f"  {item.segments} segments: {counts or 'none'}; {verdict}")
        if item.last_act:
            from cipbilingual.history import ACT_WORDS

            act = ACT_WORDS.get(item.last_act, item.last_act)
            click.echo(f"  last: {act} by {item.last_editor or '—'}, {item.last_edited}")
        for notice in item.notices:
            click.echo(f"  ! {notice}")
        for problem in item.problems:
            click.echo(f"  ✗ {problem.segment or '-'} {problem.check}: {problem.message}")


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
    "--override",
    metavar="REASON",
    help="Approve despite QA errors; the reason is recorded with the approval.",
)
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
    override: str | None,
    reason: str,
    as_json: bool,
) -> None:
    """Approve segments of SLUG (editors only). A segment with a QA error is refused (exit 1,
    nothing approved) unless --override gives the reason; approving a segment an editor sent
    back that has not changed since needs --reason. The history records both."""
    from cipbilingual.workflow.articles import approve_segments

    done = approve_segments(
        ctx.workspace(),
        slug,
        segment_ids,
        ctx.user(),
        all_translated=all_translated,
        override=override,
        reason=reason,
        interactive=sys.stdin.isatty(),
    )
    overridden = [s for s in done if s.approval is not None and s.approval.override is not None]
    if as_json:
        emit_json(
            {
                "slug": slug,
                "approved": [str(s.id) for s in done],
                "overridden": {
                    str(s.id): list(s.approval.override.checks)
                    for s in overridden
                    if s.approval is not None and s.approval.override is not None
                },
            }
        )
    else:
        click.echo(
            f"{slug}: approved {len(done)} segment(s)"
            + (f": {', '.join(str(s.id) for s in done)}" if done else "")
        )
        for seg in overridden:
            assert seg.approval is not None and seg.approval.override is not None
            checks = ", ".join(seg.approval.override.checks)
            click.echo(f"  {seg.id}: QA errors overridden ({checks})")


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
    type=click.Choice(["md", "html", "json", "txt", "xliff", "tmx", "proof", "tsv"]),
    help="Output format; proof (HTML) and tsv show every segment for review.",
)
@click.option("--bilingual", is_flag=True, help="Put the Chinese beside the English.")
@click.option(
    "--allow-partial", is_flag=True, help="Leave out the blocks not fully approved (listed)."
)
@click.option("--publish", is_flag=True, help="Record the publication in published.json.")
@click.option(
    "--xliff-version",
    type=click.Choice(["1.2", "2.0"]),
    default="1.2",
    show_default=True,
    help="XLIFF version for --format xliff.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to FILE ('-': stdout)."
)
@pass_context
def export(
    ctx: Context,
    slug: str,
    fmt: str,
    bilingual: bool,
    allow_partial: bool,
    publish: bool,
    xliff_version: str,
    output: Path | None,
) -> None:
    """Export the approved English of SLUG. Exit 1, writing nothing, unless it is publishable:
    every sentence of the source in the catalog and approved, no unsilenced QA error.

    --format xliff is for a CAT tool: any article, every English with its state; proof and
    tsv are for review: every segment whatever its state."""
    from cipbilingual.workflow import publishing

    if xliff_version != "1.2" and fmt != "xliff":
        raise UsageError("--xliff-version goes with --format xliff")
    if publish and allow_partial:
        raise UsageError("a partial export cannot be published", hint="drop --allow-partial")
    if publish and fmt in ("proof", "tsv", "xliff"):
        purpose = "translation" if fmt == "xliff" else "review"
        raise UsageError(f"a {fmt} export is for {purpose} and cannot be published")
    ws = ctx.workspace()
    if publish:
        result = publishing.publish_article(
            ws, slug, fmt, ctx.user(), lambda text: _write(output, text), bilingual=bilingual
        )
    else:
        result = publishing.export_article(
            ws,
            slug,
            fmt,
            bilingual=bilingual,
            allow_partial=allow_partial,
            xliff_version=xliff_version,
        )
        _write(output, result.text)
    for block in result.omitted:
        click.echo(f"omitted {block.describe()}", err=True)
    if result.omitted:
        click.echo(f"{len(result.omitted)} block(s) left out: not fully approved", err=True)
    if result.publication is not None:
        pub = result.publication
        click.echo(f"Published {slug}: publication {pub.number} ({pub.format})", err=True)
        if pub.corrects is not None:
            click.echo(
                f"{len(result.changes)} change(s) since publication {pub.corrects}"
                + (": write the correction notice" if result.changes else ""),
                err=True,
            )
            for change in result.changes:
                click.echo(f"  {_change_line(change)}", err=True)


def write_output(output: Path, text: str) -> None:
    """Write an export to OUTPUT (`-` and /dev/stdout: standard output; a FIFO or device
    directly; a file atomically). UsageError/InputError for a folder or a missing parent."""
    _write(output, text)


def _write(output: Path | None, text: str) -> None:
    from cipbilingual.store.output import standard_stream, write_output

    stream = standard_stream(output) if output is not None else 1
    if stream is not None:
        click.echo(text, nl=False, err=stream == 2)
        return
    assert output is not None
    write_output(output, text.encode("utf-8"))
    click.echo(f"Wrote {output}", err=True)


def _change_line(change: object) -> str:
    from cipbilingual.publication import Change

    assert isinstance(change, Change)
    quote = "“{}”".format
    if change.kind == "changed":
        return f"changed  {change.segment}: {quote(change.before)} → {quote(change.after)}"
    if change.kind == "added":
        state = "" if change.state == "approved" else f" (not approved: {change.state})"
        return f"added    {change.segment}: {quote(change.after)}{state}"
    if change.kind == "removed":
        return f"removed  {change.segment}: {quote(change.before)}"
    if change.kind == "source-changed":
        return f"source   {change.segment}: the Chinese changed; the English stands"
    return (
        f"pending  {change.segment}: {change.state}, not approved; published {quote(change.before)}"
    )


@click.command()
@click.argument("slug")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def changes(ctx: Context, slug: str, as_json: bool) -> None:
    """What changed in SLUG since its last publication: the correction notice to write."""
    from cipbilingual.workflow.publishing import changes_since_publication

    report = changes_since_publication(ctx.workspace(), slug)
    if as_json:
        emit_json(report.to_json())
        return
    if report.last is None:
        click.echo(f"{slug} has not been published yet")
        return
    last = report.last
    by = f" by {last.by}" if last.by else ""
    click.echo(
        f"{slug}: {len(report.changes)} change(s) since publication {last.number} "
        f"({last.at}, {last.format}{by})"
    )
    for change in report.changes:
        click.echo(f"  {_change_line(change)}")
