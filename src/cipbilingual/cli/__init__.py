"""The `cipbilingual` command: parse, call one workflow function, print.

Subcommands live in sibling modules and are imported only when used, so `--help` stays fast.
Errors from the core become one line on stderr and exit code 2 (bad usage/input) or 1 (the answer
is "no"); nothing else prints a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from cipbilingual import __version__
from cipbilingual.errors import CipError

# name -> "module:attribute", loaded on first use. Order is the order in --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("cipbilingual.cli.articles:init", "Make DIR a cipbilingual workspace."),
    "import": ("cipbilingual.cli.articles:import_", "Import a Chinese article (txt, md, html)."),
    "status": ("cipbilingual.cli.articles:status", "Segment counts by state, per article."),
    "show": ("cipbilingual.cli.show:show", "List an article's segments."),
    "draft": ("cipbilingual.cli.draft:draft", "Draft new segments with MT or the TM."),
    "translate": ("cipbilingual.cli.articles:translate", "Set a segment's English."),
    "approve": ("cipbilingual.cli.articles:approve", "Approve translated segments (editors)."),
    "reject": ("cipbilingual.cli.articles:reject", "Send a segment back with a reason (editors)."),
    "qa": ("cipbilingual.cli.qa:qa", "Check articles: figures, names, omissions, glossary."),
    "silence": ("cipbilingual.cli.qa:silence", "Silence a QA finding of a segment, with a reason."),
    "log": ("cipbilingual.cli.history:log", "Who did what to an article or a segment, and when."),
    "comment": ("cipbilingual.cli.history:comment", "Comment on a segment, or resolve a comment."),
    "revert": ("cipbilingual.cli.history:revert", "Put back an earlier English of a segment."),
    "queue": ("cipbilingual.cli.history:queue", "Your review queue: segments and comments."),
    "report": ("cipbilingual.cli.history:report", "Who translated, approved, sent back what."),
    "export": ("cipbilingual.cli.articles:export", "Export an article's approved English."),
    "changes": (
        "cipbilingual.cli.articles:changes",
        "What changed since an article's last publication.",
    ),
    "xliff": (
        "cipbilingual.cli.xliff:xliff",
        "Send articles to CAT tools as XLIFF, take them back.",
    ),
    "glossary": ("cipbilingual.cli.glossary:glossary", "Keep the house glossary."),
    "git": ("cipbilingual.cli.git:git", "Merge catalogs per segment in git; settle clashes."),
    "tm": ("cipbilingual.cli.tm:tm", "Search, import and export the translation memory."),
    "mt": ("cipbilingual.cli.mt:mt", "List, install and remove MT models."),
    "align": ("cipbilingual.cli.align:align", "Align a Chinese file with its published English."),
    "ui": ("cipbilingual.cli.ui:ui", "Open the terminal UI."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        target, _ = COMMANDS[cmd_name]
        module_name, attr = target.split(":")
        module = importlib.import_module(module_name)
        command: click.Command = getattr(module, attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help from the table, so --help imports no subcommand module.
        with formatter.section("Commands"):
            formatter.write_dl([(name, short) for name, (_, short) in COMMANDS.items()])


class Context:
    """What global options give every command: where the workspace is, who acts, UI language."""

    def __init__(self, workspace: Path | None, user: str | None, lang: str | None) -> None:
        self.workspace_dir = workspace
        self.user_option = user
        self.lang = lang

    def workspace(self) -> Any:
        from cipbilingual.workspace import Workspace

        return Workspace.discover(self.workspace_dir)

    def language(self) -> str:
        """The language of messages: --lang, else the environment's locale (en or zh_CN)."""
        from cipbilingual.messages import resolve_language

        return resolve_language(self.lang)

    def user(self) -> str:
        """The acting person: --user, else CIPBILINGUAL_USER, else git's user.name; may be ''."""
        from cipbilingual.workflow.people import acting_person

        return acting_person(self.user_option)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--workspace",
    type=click.Path(path_type=Path, file_okay=False),
    help="The workspace folder (default: found upwards from here).",
)
@click.option("--user", help="Who is acting (default: $CIPBILINGUAL_USER, else git's user.name).")
@click.option(
    "--lang",
    type=click.Choice(["en", "zh_CN"]),
    help="UI language (default: from the environment).",
)
@click.version_option(__version__, prog_name="cipbilingual")
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None, user: str | None, lang: str | None) -> None:
    """Translate Chinese news articles into English; publish only what an editor approved.

    With no command, opens the terminal UI.
    """
    ctx.obj = Context(workspace, user, lang)
    if ctx.invoked_subcommand is None:
        try:
            ui_command = LazyGroup().get_command(ctx, "ui")
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("cipbilingual"):
                raise
            ui_command = None
        if ui_command is None:
            click.echo(ctx.get_help())
            return
        ctx.invoke(ui_command)


def one_line(message: str) -> str:
    """An error message as printed: one line, no raw control characters (whatever a user typed
    or a file held is shown escaped), no credentials in URLs."""
    from cipbilingual.text import redact_urls, shown

    return shown(redact_urls(message), None)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning cipbilingual errors into one line and an exit code."""
    try:
        cli.main(args=argv, prog_name="cipbilingual", standalone_mode=False)
    except CipError as exc:
        message = exc.message + (f" ({exc.hint})" if exc.hint else "")
        click.echo(f"cipbilingual: error: {one_line(message)}", err=True)
        for line in exc.details:  # a refusal's list of problems, one per indented line
            click.echo(f"  {one_line(line)}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("cipbilingual: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"cipbilingual: error: {one_line(exc.format_message())}", err=True)
        sys.exit(2 if exc.exit_code != 0 else 0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("cipbilingual: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # A closed pipe (`| head`) is not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
