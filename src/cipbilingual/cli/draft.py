"""`cipbilingual draft`: machine drafts for the new segments of an article, or of every article."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from cipbilingual.cli import Context
from cipbilingual.errors import UsageError

pass_context = click.make_pass_decorator(Context)
ENGINES = ("argos", "libretranslate", "tm")


class _Bar:
    """A progress bar with counts and ETA on a terminal's stderr, made on the first report."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        if self.bar is None:
            self.bar = click.progressbar(
                length=total, label="Drafting", show_pos=True, show_eta=True, file=sys.stderr
            )
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.command()
@click.argument("slug", required=False)
@click.option("--all", "all_", is_flag=True, help="Draft every article.")
@click.option(
    "--engine", type=click.Choice(ENGINES), help="Default: mt.engine in cipbilingual.toml."
)
@click.option("--include-needs-work", is_flag=True, help="Also redraft segments sent back.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_context
def draft(
    ctx: Context,
    slug: str | None,
    all_: bool,
    engine: str | None,
    include_needs_work: bool,
    as_json: bool,
) -> None:
    """Draft the new segments of SLUG (or of --all articles) with machine translation or the TM.

    Translated and approved English is never touched. Work is saved after every batch, so
    Ctrl-C keeps what was drafted.
    """
    from cipbilingual.mt.registry import engine_for
    from cipbilingual.workflow.drafting import draft_all, draft_article

    if (slug is None) == (not all_):
        raise UsageError("give one SLUG or --all", hint="cipbilingual draft my-article")
    ws = ctx.workspace()
    if slug is not None and not ws.exists(slug):
        ws.load(slug)  # raises NotFoundError with the usual hint
    chosen = engine_for(engine, ws.settings, ws.root)
    bar = _Bar(enabled=not as_json and sys.stderr.isatty())
    try:
        if slug is not None:
            reports = [
                draft_article(
                    ws,
                    slug,
                    chosen,
                    include_needs_work=include_needs_work,
                    progress=bar,
                    person=ctx.user(),
                )
            ]
        else:
            reports = draft_all(
                ws, chosen, include_needs_work=include_needs_work, progress=bar, person=ctx.user()
            )
    finally:
        bar.close()
    interrupted = any(r.interrupted for r in reports)
    if as_json:
        items = [r.to_json() for r in reports]
        click.echo(json.dumps(items[0] if slug else items, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            _print(report)
    if interrupted:
        done = sum(len(r.drafted) for r in reports)
        click.echo(f"cipbilingual: interrupted; {done} segment(s) drafted and saved", err=True)
        sys.exit(130)  # like Ctrl-C anywhere else; what was drafted is saved


def _print(report: Any) -> None:
    click.echo(
        f"{report.slug}: drafted {len(report.drafted)} of {report.candidates} segment(s) "
        f"with {report.engine}"
    )
    if report.skipped:
        click.echo(f"  no draft for {len(report.skipped)}: {', '.join(report.skipped[:10])}")
    if report.changed:
        click.echo(
            f"  left alone (changed meanwhile) {len(report.changed)}: "
            f"{', '.join(report.changed[:10])}"
        )
    for finding in report.findings:
        click.echo(f"  {finding.segment} {finding.check}: {finding.message}")
