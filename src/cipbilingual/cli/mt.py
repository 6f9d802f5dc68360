"""`cipbilingual mt`: list, install and remove the argos zh→en models on this machine."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cipbilingual.errors import UsageError


def _emit_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{max(1, n // 1024)} KB"


@click.group()
def mt() -> None:
    """List, install and remove machine-translation models (argos zh→en packages).

    Packages live where argos keeps them (ARGOS_PACKAGES_DIR, else the user's data folder),
    so packages installed with argospm are used too.
    """


@mt.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of packages.")
def list_(as_json: bool) -> None:
    """The installed zh→en packages; the first one is the one drafting uses."""
    from cipbilingual.mt.argos import packages_dir, scan

    result = scan()
    for problem in result.problems:
        click.echo(f"cipbilingual: warning: {problem}", err=True)
    found = result.zh_en
    if as_json:
        _emit_json([p.to_json() for p in found])
        return
    if not found:
        click.echo(f"No zh→en model installed (looked in {packages_dir()}).")
        click.echo("Install one with: cipbilingual mt install FILE.argosmodel")
        return
    for n, pkg in enumerate(found):
        mark = "*" if n == 0 else " "
        click.echo(f"{mark} {pkg.name}  {pkg.code} {pkg.version}  {_size(pkg.size)}  {pkg.path}")


@mt.command()
@click.argument("file", type=click.Path(path_type=Path), required=False)
@click.option("--index", is_flag=True, help="Download from the argos package index (internet).")
@click.option("--json", "as_json", is_flag=True, help="Print what was installed as JSON.")
def install(file: Path | None, index: bool, as_json: bool) -> None:
    """Install a zh→en model from FILE.argosmodel, or from the argos index with --index.

    The file is checked first; a bad one is refused and nothing is changed. An older zh→en
    package is replaced.
    """
    from cipbilingual.mt.argos import install_archive, install_from_index

    if (file is None) == (not index):
        raise UsageError(
            "give either FILE.argosmodel or --index",
            hint="cipbilingual mt install translate-zh_en-1_9.argosmodel",
        )
    report = install_from_index() if index else install_archive(file)  # type: ignore[arg-type]
    if as_json:
        _emit_json(report.to_json())
        return
    pkg = report.package
    click.echo(f"Installed {pkg.code} {pkg.version} ({_size(pkg.size)}) in {pkg.path}")
    for old in report.replaced:
        if old.name != pkg.name or old.version != pkg.version:
            click.echo(f"  replaced {old.code} {old.version}")


@mt.command()
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print what was removed as JSON.")
def remove(name: str | None, as_json: bool) -> None:
    """Remove the zh→en package NAME (folder name, code or version; default: the only one)."""
    from cipbilingual.mt.argos import remove_package

    removed = remove_package(name)
    names = [getattr(item, "name", None) or Path(str(item)).name for item in removed]
    if as_json:
        _emit_json({"removed": names})
        return
    for item in names:
        click.echo(f"Removed {item}")
