"""`cipbilingual qa`: check articles' English; exit 1 when any finding is an error."""

from __future__ import annotations

import click

from cipbilingual.cli import Context
from cipbilingual.cli.articles import emit_json, pass_context
from cipbilingual.errors import Refusal, UsageError


@click.command()
@click.argument("slugs", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Check every article.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@pass_context
def qa(ctx: Context, slugs: tuple[str, ...], every: bool, as_json: bool) -> None:
    """Check SLUG (or --all): numbers, glossary, Chinese left, looping output, brackets, length."""
    from cipbilingual.models import Severity
    from cipbilingual.workflow.qa import check_articles

    if not slugs and not every:
        raise UsageError("name an article or pass --all")
    if slugs and every:
        raise UsageError("give SLUG or --all, not both")
    findings = check_articles(ctx.workspace(), slugs)
    if as_json:
        emit_json([f.to_json() for f in findings])
    else:
        for f in findings:
            click.echo(f"{f.slug} {f.segment or '-'}: {f.severity} {f.check}: {f.message}")
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    if not as_json:
        click.echo(f"{errors} error(s), {warnings} warning(s)")
    if errors:
        raise Refusal(f"{errors} QA error(s)")
