"""Glossary commands: list, add, remove, import, export, check."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cipbilingual.cli import Context
from cipbilingual.errors import UsageError

pass_context = click.make_pass_decorator(Context)

FORMAT = click.Choice(["tsv", "csv", "tbx"])
STATUS = click.Choice(["preferred", "admitted", "deprecated"])


def emit_json(data: object) -> None:
    """JSON on stdout, UTF-8, one document."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
def glossary() -> None:
    """Keep the house glossary (locales/en/LC_MESSAGES/glossary.po)."""


@glossary.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the terms as a JSON list.")
@pass_context
def list_(ctx: Context, as_json: bool) -> None:
    """List the glossary's terms."""
    from cipbilingual.workflow.glossary import describe_term, load_glossary, term_to_json

    terms = load_glossary(ctx.workspace()).terms
    if as_json:
        emit_json([term_to_json(t) for t in terms])
        return
    if not terms:
        click.echo("The glossary is empty. Add a term with: cipbilingual glossary add ZH EN")
        return
    for term in terms:
        click.echo(describe_term(term))
        for line in term.note.splitlines():
            click.echo(f"    {line}")
        if term.conflict is not None:
            theirs = term.conflict.theirs.target if term.conflict.theirs else "(removed)"
            click.echo(
                f"    merge conflict ({term.conflict.note}); theirs: {theirs}; "
                f"settle with: cipbilingual git choose-term {term.source} mine|theirs"
            )


@glossary.command()
@click.argument("source")
@click.argument("target")
@click.option("--sense", default="", help="Tells this entry from another for the same term.")
@click.option("--abbreviation", "-a", default="", help="e.g. CIP, WOFE.")
@click.option("--note", default="", help="Usage note for translators.")
@click.option(
    "--forbid",
    "forbidden",
    multiple=True,
    metavar="TEXT",
    help="A forbidden English variant (repeatable).",
)
@click.option(
    "--variant",
    "variants",
    multiple=True,
    metavar="TEXT",
    help="Another accepted English rendering (repeatable).",
)
@click.option("--status", type=STATUS, default="preferred", show_default=True)
@click.option("--case-sensitive", is_flag=True, help="The English must keep this capitalisation.")
@click.option("--full-form-first", is_flag=True, help="First mention: 'English (ABBR)'.")
@click.option("--replace", is_flag=True, help="Replace the entry with the same term and sense.")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def add(
    ctx: Context,
    source: str,
    target: str,
    sense: str,
    abbreviation: str,
    note: str,
    forbidden: tuple[str, ...],
    variants: tuple[str, ...],
    status: str,
    case_sensitive: bool,
    full_form_first: bool,
    replace: bool,
    as_json: bool,
) -> None:
    """Add SOURCE (Chinese) with its house English TARGET."""
    from cipbilingual.models import Term, TermStatus
    from cipbilingual.workflow.glossary import add_term, describe_term, term_to_json

    term = Term(
        source=source,
        target=target,
        sense=sense,
        abbreviation=abbreviation,
        note=note,
        forbidden=forbidden,
        variants=variants,
        status=TermStatus(status),
        case_sensitive=case_sensitive,
        full_form_first=full_form_first,
    )
    stored = add_term(ctx.workspace(), term, replace=replace)
    if as_json:
        emit_json(term_to_json(stored))
    else:
        click.echo(f"Added {describe_term(stored)}")


@glossary.command()
@click.argument("source")
@click.option("--sense", default="", help="The sense to edit (default: the term's plain entry).")
@click.option("--target", "-t", default=None, help="New house English.")
@click.option("--abbreviation", "-a", default=None)
@click.option("--note", default=None)
@click.option(
    "--forbid", "forbidden", multiple=True, metavar="TEXT", help="Add a forbidden variant."
)
@click.option("--allow", "allowed", multiple=True, metavar="TEXT", help="Drop a forbidden variant.")
@click.option(
    "--variant", "variants", multiple=True, metavar="TEXT", help="Add an accepted variant."
)
@click.option("--status", type=STATUS, default=None)
@click.option("--case-sensitive/--any-case", default=None)
@click.option("--full-form-first/--no-full-form-first", default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_context
def edit(
    ctx: Context,
    source: str,
    sense: str,
    target: str | None,
    abbreviation: str | None,
    note: str | None,
    forbidden: tuple[str, ...],
    allowed: tuple[str, ...],
    variants: tuple[str, ...],
    status: str | None,
    case_sensitive: bool | None,
    full_form_first: bool | None,
    as_json: bool,
) -> None:
    """Change some fields of SOURCE's entry and keep the rest."""
    from cipbilingual.models import TermStatus
    from cipbilingual.workflow.glossary import (
        describe_term,
        edit_term,
        load_glossary,
        term_to_json,
    )

    ws = ctx.workspace()
    old = load_glossary(ws).get(source, sense)
    changes: dict[str, object] = {}
    for name, value in (
        ("target", target),
        ("abbreviation", abbreviation),
        ("note", note),
        ("case_sensitive", case_sensitive),
        ("full_form_first", full_form_first),
    ):
        if value is not None:
            changes[name] = value
    if status is not None:
        changes["status"] = TermStatus(status)
    if forbidden or allowed:
        kept = [f for f in old.forbidden if f not in allowed]
        changes["forbidden"] = (*kept, *forbidden)
    if variants:
        changes["variants"] = (*old.variants, *variants)
    if not changes:
        raise UsageError("nothing to change", hint="give at least one option, e.g. --forbid TEXT")
    stored = edit_term(ws, source, sense, **changes)
    if as_json:
        emit_json(term_to_json(stored))
    else:
        click.echo(f"Changed {describe_term(stored)}")


@glossary.command()
@click.argument("source")
@click.option("--sense", default=None, help="Remove only this sense of the term.")
@click.option("--all-senses", is_flag=True, help="Remove every sense of the term.")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def remove(ctx: Context, source: str, sense: str | None, all_senses: bool, as_json: bool) -> None:
    """Remove SOURCE from the glossary."""
    from cipbilingual.workflow.glossary import (
        describe_term,
        remove_all_senses,
        remove_term,
        term_to_json,
    )

    if sense is not None and all_senses:
        raise UsageError("--sense and --all-senses exclude each other")
    ws = ctx.workspace()
    removed = remove_all_senses(ws, source) if all_senses else remove_term(ws, source, sense)
    if as_json:
        emit_json([term_to_json(t) for t in removed])
        return
    for term in removed:
        click.echo(f"Removed {describe_term(term)}")


@glossary.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMAT, help="Default: from the file name.")
@click.option("--replace", is_flag=True, help="Let the file's English replace existing entries.")
@click.option("--source-lang", metavar="CODE", help="xml:lang of the Chinese in a TBX file.")
@click.option("--target-lang", metavar="CODE", help="xml:lang of the English in a TBX file.")
@click.option("--json", "as_json", is_flag=True)
@pass_context
def import_(
    ctx: Context,
    file: Path,
    fmt: str | None,
    replace: bool,
    source_lang: str | None,
    target_lang: str | None,
    as_json: bool,
) -> None:
    """Merge FILE (TSV or CSV with a header row, or TBX) into the glossary."""
    from cipbilingual.workflow.glossary import import_glossary

    report = import_glossary(
        ctx.workspace(),
        file,
        format=fmt,
        replace=replace,
        source_lang=source_lang,
        target_lang=target_lang,
    )
    if as_json:
        emit_json(report.to_json())
        return
    click.echo(
        f"Imported {file}: {len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.unchanged)} unchanged"
    )
    for notice in report.notices:
        click.echo(f"  ! {notice}")


@glossary.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMAT, help="Default: from the file name.")
@pass_context
def export(ctx: Context, file: Path, fmt: str | None) -> None:
    """Write the glossary to FILE: TSV, CSV or TBX (v3, TBX-Basic)."""
    from cipbilingual.workflow.glossary import export_glossary

    count = export_glossary(ctx.workspace(), file, format=fmt)
    click.echo(f"Exported {count} terms to {file}")


@glossary.command()
@click.argument("slugs", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Check every article.")
@click.option("--json", "as_json", is_flag=True, help="Findings as in `qa --json`.")
@pass_context
def check(ctx: Context, slugs: tuple[str, ...], all_: bool, as_json: bool) -> None:
    """Check articles' English against the glossary; exit 1 when there are errors."""
    from cipbilingual.errors import Refusal
    from cipbilingual.workflow.glossary import check_articles

    if bool(slugs) == all_:
        raise UsageError("name the articles to check, or pass --all", hint="not both")
    findings = check_articles(ctx.workspace(), () if all_ else slugs, ctx.language())
    errors = sum(1 for f in findings if f.blocking)
    if as_json:
        emit_json([f.to_json() for f in findings])
    else:
        from cipbilingual.cli.findings import finding_line

        for f in findings:
            click.echo(finding_line(f, ctx.language()))
        warnings = len(findings) - errors
        click.echo(f"{errors} error(s), {warnings} warning(s)" if findings else "No findings.")
    if errors:
        articles = len({f.slug for f in findings if f.blocking})
        raise Refusal(f"{errors} glossary error(s) in {articles} article(s)")
