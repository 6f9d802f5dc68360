"""`cipbilingual ui [SLUG]`: open the terminal UI (also what a bare `cipbilingual` does)."""

from __future__ import annotations

import sys

import click

from cipbilingual.cli import Context
from cipbilingual.errors import UsageError

pass_context = click.make_pass_decorator(Context)


@click.command()
@click.argument("slug", required=False)
@pass_context
def ui(ctx: Context, slug: str | None) -> None:
    """Open the terminal UI, on article SLUG if given."""
    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        raise UsageError(
            "the terminal UI needs a terminal: standard input and output are not both one",
            hint="run it in a terminal; scripts use the other commands, listed by --help",
        )
    from cipbilingual.tui.app import build_app, run_app

    app = build_app(ctx.workspace(), ctx.user(), ctx.lang, slug)
    for note in run_app(app):
        click.echo(f"cipbilingual: {note}", err=True)
    if app.return_code:
        raise click.exceptions.Exit(app.return_code)


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):  # a closed stream
        return False
