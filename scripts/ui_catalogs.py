"""Extract, update and compile the UI's message catalogs with Babel (pybabel), in one step.

    python scripts/ui_catalogs.py            # extract -> update zh_CN -> compile .mo
    python scripts/ui_catalogs.py --check    # exit 1 if the catalogs are not up to date

Strings are every `_()`, `ngettext()` and `N_()` under src/cipbilingual/tui/, and the `N_()`
messages of the QA checks (qa/, glossary/checks.py, cli/qa.py, cli/findings.py). New strings
arrive in locales/zh_CN/LC_MESSAGES/cipbilingual.po untranslated (or fuzzy); translate them, run
this again, and commit the .pot, .po and .mo together.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "cipbilingual"
LOCALES = PACKAGE / "locales"
POT = LOCALES / "cipbilingual.pot"
DOMAIN = "cipbilingual"
LANGUAGES = ("zh_CN",)
SOURCES = (
    PACKAGE / "tui",
    PACKAGE / "qa",
    PACKAGE / "glossary" / "checks.py",
    PACKAGE / "cli" / "findings.py",
    PACKAGE / "cli" / "qa.py",
)


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(output: Path) -> None:
    from cipbilingual import __version__ as version

    pybabel(
        "extract",
        "--add-location=file",
        "--sort-by-file",
        "--no-wrap",
        "--project=cipbilingual",
        f"--version={version}",
        "--copyright-holder=cipbilingual contributors",
        "-k",
        "N_",
        "-o",
        str(output),
        # Relative, so the locations in the catalogs read the same on every machine.
        *(str(path.relative_to(REPO)) for path in SOURCES),
    )


def main(argv: list[str]) -> int:
    os.chdir(REPO)
    if argv == ["--check"]:
        import tempfile

        from babel.messages.pofile import read_po

        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "fresh.pot"
            extract(fresh)
            with fresh.open("rb") as f:
                wanted = {m.id for m in read_po(f) if m.id}
        for lang in LANGUAGES:
            with (LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as f:
                catalog = read_po(f)
            missing = [m for m in wanted if not catalog.get(m) or not catalog.get(m).string]
            fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
            if missing or fuzzy:
                print(f"{lang}: {len(missing)} untranslated, {len(fuzzy)} fuzzy", file=sys.stderr)
                for message in sorted(map(str, [*missing, *fuzzy])):
                    print(f"  {message!r}", file=sys.stderr)
                return 1
        return 0
    extract(POT)
    for lang in LANGUAGES:
        po = LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        common = ["--no-wrap", "-D", DOMAIN, "-i", str(POT), "-d", str(LOCALES), "-l", lang]
        if po.exists():
            pybabel("update", "--ignore-obsolete", *common)
        else:
            pybabel("init", *common)
    pybabel("compile", "-D", DOMAIN, "-d", str(LOCALES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
