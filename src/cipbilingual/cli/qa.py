"""`cipbilingual qa` and `cipbilingual silence`: check articles' English; exit 1 when an error
nobody silenced remains; silence a finding with a reason."""

from __future__ import annotations

import click

from cipbilingual.cli import Context
from cipbilingual.cli.articles import emit_json, pass_context
from cipbilingual.cli.findings import SEVERITY, finding_line, summary_line
from cipbilingual.errors import Refusal, UsageError
from cipbilingual.messages import N_, translate
from cipbilingual.models import Severity


@click.command()
@click.argument("slugs", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Check every article.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@click.option(
    "--jobs", type=click.IntRange(min=1), help="Processes for many articles (default: CPUs)."
)
@click.option("--list", "listing", is_flag=True, help="List every check and its severity here.")
@click.option("--no-cache", is_flag=True, help="Check every article again, unchanged or not.")
@pass_context
def qa(
    ctx: Context,
    slugs: tuple[str, ...],
    every: bool,
    as_json: bool,
    jobs: int | None,
    listing: bool,
    no_cache: bool,
) -> None:
    """Check SLUG (or --all): figures, dates, names, omissions, glossary, spacing, length.

    Exits 1 when an error remains that nobody silenced; warnings do not change the exit code.
    """
    language = ctx.language()
    if listing:
        _list_checks(ctx, language, as_json)
        return
    from cipbilingual.workflow.qa import check_articles

    if not slugs and not every:
        raise UsageError("name an article or pass --all")
    if slugs and every:
        raise UsageError("give SLUG or --all, not both")
    findings = check_articles(ctx.workspace(), slugs, language, jobs, cache=not no_cache)
    if as_json:
        emit_json([f.to_json() for f in findings])
    else:
        for finding in findings:
            click.echo(finding_line(finding, language))
        click.echo(summary_line(findings, language))
    errors = sum(f.blocking for f in findings)
    if errors:
        raise Refusal(f"{errors} QA error(s)")


def _list_checks(ctx: Context, language: str, as_json: bool) -> None:
    from cipbilingual.qa.registry import CHECKS

    settings = ctx.workspace().settings.qa
    rows = []
    for spec in CHECKS:
        mine = settings.for_check(spec.name)
        params = {key: mine.params.get(key, p.default) for key, p in spec.params.items()}
        rows.append(
            {
                "check": spec.name,
                "severity": str(mine.severity or spec.severity),
                "default_severity": str(spec.severity),
                "enabled": mine.enabled,
                "summary": translate(spec.summary, language),
                "params": {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()},
            }
        )
    if as_json:
        emit_json(rows)
        return
    from cipbilingual.store.wrap import display_width

    off = translate(N_("off"), language)
    states = [
        translate(SEVERITY[Severity(row["severity"])], language) if row["enabled"] else off
        for row in rows
    ]
    # Columns by display width: a Chinese character takes two (错误 is four columns, not two).
    check_width = max(24, *(display_width(str(row["check"])) for row in rows))
    state_width = max(8, *(display_width(state) for state in states))
    for row, state in zip(rows, states, strict=True):
        check = str(row["check"])
        extra = " ".join(f"{k}={v}" for k, v in row["params"].items())
        click.echo(
            check
            + " " * (check_width - display_width(check) + 1)
            + state
            + " " * (state_width - display_width(state) + 1)
            + str(row["summary"])
            + (f"  ({extra})" if extra else "")
        )


@click.command()
@click.argument("slug")
@click.argument("segment_id")
@click.argument("check")
@click.option("--reason", help="Why the finding is not a problem (required to silence).")
@click.option("--remove", is_flag=True, help="Take the silence back: the finding counts again.")
@pass_context
def silence(
    ctx: Context, slug: str, segment_id: str, check: str, reason: str | None, remove: bool
) -> None:
    """Silence CHECK's findings on SEGMENT_ID of SLUG for its present English, with a reason.

    The silence is kept in the catalog with who and when; any change to the English brings the
    finding back. Silencing an error takes an editor.
    """
    from cipbilingual.workflow.qa import silence_finding, unsilence_finding

    ws = ctx.workspace()
    if remove:
        if reason:
            raise UsageError("give --reason or --remove, not both")
        if not unsilence_finding(ws, slug, segment_id, check, ctx.user()):
            raise UsageError(f"{segment_id} has no silenced '{check}' finding")
        click.echo(f"{slug} {segment_id}: {check} counts again")
        return
    if reason is None:
        raise UsageError("silencing a finding needs a reason", hint="pass --reason TEXT")
    done = silence_finding(ws, slug, segment_id, check, reason, ctx.user())
    click.echo(f"{slug} {segment_id}: {check} silenced by {done.by}: {done.reason}")
