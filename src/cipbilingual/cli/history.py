"""History commands: log, comment, revert, queue, report."""

from __future__ import annotations

import click

from cipbilingual.cli import Context
from cipbilingual.cli.articles import emit_json, pass_context
from cipbilingual.history import ACT_WORDS
from cipbilingual.models import HistoryRecord


def word_diff_text(before: str, after: str) -> str:
    """`[-removed-]{+added+}` between the words that stayed, as `git diff --word-diff=plain`."""
    from cipbilingual.history import word_diff

    out = []
    for op, text in word_diff(before, after):
        if op == "equal":
            out.append(text)
        elif op == "delete":
            out.append(f"[-{text}-]")
        else:
            out.append(f"{{+{text}+}}")
    return "".join(out)


def _warn(notices: list[str]) -> None:
    for notice in notices:
        click.echo(f"cipbilingual: warning: {notice}", err=True)


def describe(
    r: HistoryRecord, folded: int = 1, gap: bool = False, *, with_segment: bool
) -> list[str]:
    """The lines `log` prints for one version."""
    act = ACT_WORDS.get(r.act, r.act)
    if folded > 1:
        act += f" ×{folded}"
    head = [r.at, f"{act:<12}", r.by or "—"]
    if with_segment:
        head.insert(1, f"{r.segment or 'article':<7}")
    if r.was and r.state and r.was != r.state:
        head.append(f"{r.was} → {r.state}")
    lines = ["  " + "  ".join(head) + f"  [{r.id}]"]
    detail: list[str] = []
    if gap:
        detail.append("(the English had changed outside cipbilingual before this)")
    if r.act == "comment":
        to = ", ".join(r.to)
        detail.append(f"“{r.text}”" + (f"  → {to}" if to else ""))
    elif r.act == "resolve":
        detail.append(f"resolved comment {r.ref}" + (f": {r.text}" if r.text else ""))
    elif r.text:
        detail.append(r.text)
    if r.reason:
        detail.append(f"reason: {r.reason}")
    if r.origin and r.act in ("draft", "reimport", "xliff-import", "import", "merge"):
        detail.append(f"origin: {r.origin}")
    if r.ref and r.act == "translate":
        detail.append(f"from version {r.ref}")
    if (r.was or r.before) and r.before != r.after:
        detail.append(word_diff_text(r.before, r.after))
    elif r.after and r.act in ("approve", "override"):
        detail.append(r.after)
    lines += ["      " + line for line in detail]
    return lines


@click.command()
@click.argument("slug")
@click.argument("segment_id", required=False)
@click.option("--all", "every", is_flag=True, help="Show each unconfirmed edit on its own.")
@click.option("--json", "as_json", is_flag=True, help="Every record, oldest first, as JSON.")
@pass_context
def log(ctx: Context, slug: str, segment_id: str | None, every: bool, as_json: bool) -> None:
    """The history of SLUG, or of one segment: who did what, when, and how the English changed
    ([-removed-]{+added+}). Consecutive unconfirmed edits by one person show as one (--all shows
    each)."""
    from cipbilingual.history import story
    from cipbilingual.workflow.history import segment_log

    found = segment_log(ctx.workspace(), slug, segment_id)
    _warn(found.notices)
    if as_json:
        emit_json(found.to_json())
        return
    if not found.records:
        click.echo(f"{slug}{' ' + found.segment if found.segment else ''}: no history yet")
        return
    if found.segment:
        click.echo(f"{found.segment}  {found.sources.get(found.segment, '')}")
        for version in story(found.records, fold=not every):
            for line in describe(version.record, version.folded, version.gap, with_segment=False):
                click.echo(line)
        return
    click.echo(slug)
    by_segment: dict[str, list[HistoryRecord]] = {}
    for r in found.records:
        by_segment.setdefault(r.segment, []).append(r)
    versions = [v for records in by_segment.values() for v in story(records, fold=not every)]
    for version in sorted(versions, key=lambda v: v.record.at):
        for line in describe(version.record, version.folded, version.gap, with_segment=True):
            click.echo(line)


@click.command()
@click.argument("slug")
@click.argument("segment_id")
@click.argument("text", required=False)
@click.option(
    "--resolve", "resolve_id", metavar="ID", help="Resolve the open comment ID (TEXT: a note)."
)
@click.option("--json", "as_json", is_flag=True)
@pass_context
def comment(
    ctx: Context,
    slug: str,
    segment_id: str,
    text: str | None,
    resolve_id: str | None,
    as_json: bool,
) -> None:
    """Comment on SEGMENT_ID of SLUG; @name addresses a person (it shows in their review
    queue until resolved). With --resolve ID, resolve a comment instead. TEXT '-' reads
    standard input."""

    from cipbilingual.errors import UsageError
    from cipbilingual.workflow.history import add_comment, resolve_comment

    if text == "-":
        from cipbilingual.cli.articles import read_stdin

        text = read_stdin()
    ws = ctx.workspace()
    if resolve_id is not None:
        entry = resolve_comment(ws, slug, segment_id, resolve_id, ctx.user(), text or "")
        message = f"{slug} {entry.segment}: resolved comment {entry.ref}"
    else:
        if text is None:
            raise UsageError("give the comment's TEXT", hint="or --resolve ID")
        entry = add_comment(ws, slug, segment_id, text, ctx.user())
        to = f" (to {', '.join(entry.to)})" if entry.to else ""
        message = f"{slug} {entry.segment}: comment {entry.id}{to}"
    if as_json:
        from cipbilingual.workflow.history import record_json

        emit_json(record_json(entry))
    else:
        click.echo(message)


@click.command()
@click.argument("slug")
@click.argument("segment_id")
@click.argument("version")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def revert(ctx: Context, slug: str, segment_id: str, version: str, as_json: bool) -> None:
    """Put back the English of an earlier VERSION of SEGMENT_ID (its id in `log`, or a unique
    beginning of it): a new translation by you, recorded as a revert."""
    from cipbilingual.workflow.history import revert_segment

    segment, source = revert_segment(ctx.workspace(), slug, segment_id, version, ctx.user())
    if as_json:
        emit_json(
            {
                "slug": slug,
                "segment": str(segment.id),
                "state": str(segment.state),
                "target": segment.target,
                "version": source.id,
            }
        )
    else:
        click.echo(f"{slug} {segment.id}: {segment.state}, English of version {source.id}")


@click.command()
@click.option("--json", "as_json", is_flag=True)
@pass_context
def queue(ctx: Context, as_json: bool) -> None:
    """Your review queue: translated segments waiting for an editor, and open comments
    addressed to you (@you)."""
    from cipbilingual.workflow.history import review_queue

    items, notices = review_queue(ctx.workspace(), ctx.user())
    _warn(notices)
    if as_json:
        emit_json(
            [
                {
                    "kind": item.kind,
                    "slug": item.slug,
                    "segment": str(item.segment.id),
                    "state": str(item.segment.state),
                    "source": item.segment.source,
                    "target": item.segment.target,
                    "translator": item.segment.translator,
                    "comment": None if item.comment is None else _comment_json(item.comment),
                }
                for item in items
            ]
        )
        return
    if not items:
        click.echo("Nothing waiting.")
        return
    for item in items:
        seg = item.segment
        if item.comment is not None:
            c = item.comment
            click.echo(f"{item.slug} {seg.id}  comment {c.id} from {c.by or '—'}: {c.text}")
        else:
            click.echo(f"{item.slug} {seg.id}  translated by {seg.translator or '—'}: {seg.target}")


def _comment_json(c: HistoryRecord) -> dict[str, object]:
    return {"id": c.id, "by": c.by, "at": c.at, "text": c.text, "to": list(c.to)}


@click.command()
@click.option("--since", metavar="DATE", help="From this date or UTC time (default: a week ago).")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def report(ctx: Context, since: str | None, as_json: bool) -> None:
    """Who did what: per person, segments and Chinese characters translated, approved and sent
    back, their translations sent back, the median post-edit distance of their approved English
    against the machine draft (0 = kept as drafted), and drafts approved unedited."""
    from cipbilingual.workflow.history import parse_since, work_report

    found = work_report(ctx.workspace(), parse_since(since))
    _warn(found.notices)
    if as_json:
        emit_json(found.to_json())
        return
    click.echo(f"Since {found.since}")
    if not found.people:
        click.echo("Nobody did anything in this period.")
        return
    header = (
        f"{'person':<14}{'translated':>16}{'approved':>16}{'sent back':>16}"
        f"{'returned':>10}{'edit dist':>11}{'unedited':>10}"
    )
    click.echo(header)
    for p in found.people:
        median = p.median_distance
        click.echo(
            f"{p.person[:13]:<14}"
            f"{_pair(len(p.translated), p.translated_chars):>16}"
            f"{_pair(len(p.approved), p.approved_chars):>16}"
            f"{_pair(len(p.sent_back), p.sent_back_chars):>16}"
            f"{p.returned:>10}"
            f"{'—' if median is None else f'{median:.1f}':>11}"
            f"{p.unedited:>10}"
        )
    click.echo("(segments/Chinese characters; edit dist: median post-edit distance, 0–100)")


def _pair(segments: int, chars: int) -> str:
    return f"{segments}/{chars}"
