"""`cipbilingual ui [SLUG]`: open the terminal UI (also what a bare `cipbilingual` does)."""

from __future__ import annotations

import click

from cipbilingual.cli import Context

pass_context = click.make_pass_decorator(Context)


@click.command()
@click.argument("slug", required=False)
@pass_context
def ui(ctx: Context, slug: str | None) -> None:
    """Open the terminal UI, on article SLUG if given."""
    from cipbilingual.tui.app import build_app, run_app

    app = build_app(ctx.workspace(), ctx.user(), ctx.lang, slug)
    for note in run_app(app):
        click.echo(f"cipbilingual: {note}", err=True)
    if app.return_code:
        raise click.exceptions.Exit(app.return_code)
