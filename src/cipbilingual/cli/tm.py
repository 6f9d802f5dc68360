"""Translation-memory commands: match, search, import, export, stats."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cipbilingual.cli import Context

pass_context = click.make_pass_decorator(Context)


def emit_json(data: object) -> None:
    """JSON on stdout, UTF-8, one document."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
def tm() -> None:
    """Search, import and export the translation memory (approved work and tm/*.tmx)."""


@tm.command()
@click.argument("words", nargs=-1, required=True, metavar="SENTENCE | SLUG SEGMENT_ID")
@click.option(
    "--min-score", type=click.IntRange(0, 100), help="Fuzzy threshold (default: [tm] min_score)."
)
@click.option(
    "--limit", type=click.IntRange(1, 1000), help="At most N matches (default: [tm] max_matches)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
@pass_context
def match(
    ctx: Context, words: tuple[str, ...], min_score: int | None, limit: int | None, as_json: bool
) -> None:
    """Matches for a Chinese SENTENCE, or for segment SEGMENT_ID of article SLUG (whose
    neighbours make 101% matches possible): score, origin, state, date, diff, numbers."""
    from cipbilingual.tm.diff import render_diff
    from cipbilingual.tm.model import DiffOp, MatchKind
    from cipbilingual.workflow import tm as usecases

    ws = ctx.workspace()
    if len(words) == 2 and _looks_like_segment(*words):
        found = usecases.match_segment(ws, words[0], words[1], min_score=min_score, limit=limit)
        matches = found.matches
        if as_json:
            emit_json(found.to_json())
            return
    else:
        query = " ".join(words)
        matches = usecases.match_text(ws, query, min_score=min_score, limit=limit)
        if as_json:
            emit_json({"source": query, "matches": [m.to_json() for m in matches]})
            return
    if not matches:
        click.echo("No matches.")
        return
    for m in matches:
        unit = m.unit
        label = str(m.kind).replace("_", " ")
        extra = f"  (+{m.duplicates} same)" if m.duplicates else ""
        click.echo(f"{m.score:>3}%  {label}  {unit.state}  {unit.origin}  {unit.date[:10]}{extra}")
        click.echo(f"      zh: {unit.source}")
        click.echo(f"      en: {unit.target}")
        if m.kind is MatchKind.FRAGMENT:
            shared = " … ".join(c.old for c in m.diff if c.op is DiffOp.EQUAL and len(c.old) >= 8)
            click.echo(f"  shared: {shared}")
        elif m.score < 100:
            click.echo(f"    diff: {render_diff(m.diff)}")
        if m.numbers:
            differ = ", ".join(str(n) for n in m.numbers)
            click.echo(f"       ! numbers differ (this sentence vs match): {differ}")
        if m.conflict:
            click.echo("       ! exact matches disagree: choose the English yourself")


def _looks_like_segment(slug: str, segment_id: str) -> bool:
    from cipbilingual.errors import UsageError
    from cipbilingual.models import SegmentId
    from cipbilingual.paths import validate_slug

    try:
        validate_slug(slug)
        SegmentId.parse(segment_id)
    except UsageError:
        return False
    return True


@tm.command()
@click.argument("text")
@click.option("--target", is_flag=True, help="Search the English instead of the Chinese.")
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the units as JSON.")
@pass_context
def search(ctx: Context, text: str, target: bool, limit: int, as_json: bool) -> None:
    """Concordance: every remembered pair whose Chinese (or English) contains TEXT."""
    from cipbilingual.workflow import tm as usecases

    units = usecases.search(ctx.workspace(), text, target=target, limit=limit)
    if as_json:
        emit_json([u.to_json() for u in units])
        return
    if not units:
        click.echo("Nothing found.")
        return
    for unit in units:
        click.echo(f"{unit.origin}  {unit.state}  {unit.date[:10]}")
        click.echo(f"  zh: {unit.source}")
        click.echo(f"  en: {unit.target}")
    if len(units) == limit:
        click.echo(f"(first {limit}; pass --limit for more)")


@tm.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--replace", is_flag=True, help="Replace a different file of the same name in tm/.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_context
def import_(ctx: Context, file: Path, replace: bool, as_json: bool) -> None:
    """Copy FILE (TMX 1.1–1.4b) into the workspace's tm/ folder and index it."""
    from cipbilingual.workflow import tm as usecases

    report = usecases.import_tmx(ctx.workspace(), file, replace=replace)
    if as_json:
        emit_json(report.to_json())
        return
    if report.unchanged:
        click.echo(f"tm/{report.file} is already this file: nothing to do")
        return
    s = report.summary
    verb = "Replaced" if report.replaced else "Imported"
    click.echo(f"{verb} tm/{report.file}: {report.imported} units from {s.units} read")
    for count, why in (
        (report.duplicates, "repeated units kept once"),
        (s.missing_language, "units without both Chinese and English skipped"),
        (s.empty, "units with an empty side skipped"),
    ):
        if count:
            click.echo(f"  {count} {why}")


@tm.command("export")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--include-translated", is_flag=True, help="Also translated, not yet approved.")
@click.option("--slug", "slugs", multiple=True, help="Only this article (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_context
def export(
    ctx: Context, file: Path, include_translated: bool, slugs: tuple[str, ...], as_json: bool
) -> None:
    """Write the approved work of the articles to FILE as TMX 1.4b."""
    from cipbilingual.workflow import tm as usecases

    count = usecases.export_tmx(
        ctx.workspace(), file, include_translated=include_translated, slugs=slugs
    )
    if as_json:
        emit_json({"file": str(file), "units": count})
        return
    click.echo(f"Wrote {count} units to {file}")


@tm.command()
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@pass_context
def stats(ctx: Context, as_json: bool) -> None:
    """How many units the memory holds, by state and origin, and what could not be read."""
    from cipbilingual.workflow import tm as usecases

    report = usecases.stats(ctx.workspace())
    if as_json:
        emit_json(report.to_json())
        return
    states = ", ".join(f"{n} {state}" for state, n in report.by_state.items())
    click.echo(f"{report.units} units ({states}), {report.distinct_sources} distinct sentences")
    click.echo(f"from {report.articles} article(s) and {report.tmx_files} TMX file(s)")
    for name, problem in report.problems:
        click.echo(f"  ! {name}: {problem}")
