"""`cipbilingual show`: list an article's segments."""

from __future__ import annotations

import click

from cipbilingual.cli import Context
from cipbilingual.cli.articles import emit_json, pass_context

STATES = ["new", "draft", "translated", "needs_work", "approved"]


@click.command()
@click.argument("slug")
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice(STATES),
    help="Only segments in this state (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print an object with every segment.")
@pass_context
def show(ctx: Context, slug: str, states: tuple[str, ...], as_json: bool) -> None:
    """Every segment of SLUG: id, state, Chinese, English, origin, approver, findings."""
    from cipbilingual.models import State
    from cipbilingual.workflow.listing import list_segments

    listing = list_segments(ctx.workspace(), slug, [State(s) for s in states])
    if as_json:
        emit_json(listing.to_json())
        return
    for row in listing.rows:
        seg = row.segment
        facts = [str(seg.state)]
        if seg.approval is not None:
            facts.append(f"by {seg.approval.by}")
        elif seg.translator:
            facts.append(f"by {seg.translator}")
        if seg.origin is not None:
            facts.append(f"from {seg.origin.engine}")
        if row.findings:
            facts.append(f"{row.findings} finding(s)")
        if seg.conflict is not None:
            facts.append("MERGE CONFLICT")
        click.echo(f"{seg.id}  {', '.join(facts)}")
        click.echo(f"  zh  {seg.source}")
        if seg.target:
            click.echo(f"  en  {seg.target}")
        if seg.reason:
            click.echo(f"  !   {seg.reason}")
    if not listing.rows:
        click.echo(f"{slug}: no segments" + (f" in state {', '.join(states)}" if states else ""))
