"""The only package that speaks gettext: articles and the glossary as PO catalogs on disk.

Files are written exactly as GNU msgcat would write them, and replaced atomically.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from pathlib import Path

from cipbilingual import limits
from cipbilingual.errors import CatalogError
from cipbilingual.models import Article, Term
from cipbilingual.store.article import dumps_article, loads_article
from cipbilingual.store.atomic import (
    atomic_folder,
    atomic_write_bytes,
    atomic_write_text,
    sweep_folder,
    writing,
)
from cipbilingual.store.glossary import CatalogHeader, dumps_terms, loads_header, loads_terms
from cipbilingual.store.po import PoCatalog, PoEntry, format_po, parse_po

__all__ = [
    "CatalogHeader",
    "PoCatalog",
    "PoEntry",
    "atomic_folder",
    "atomic_write_bytes",
    "atomic_write_text",
    "dumps_article",
    "dumps_terms",
    "format_po",
    "load_article",
    "load_terms",
    "loads_article",
    "loads_header",
    "loads_terms",
    "parse_po",
    "read_catalog_text",
    "save_article",
    "save_terms",
    "sweep_folder",
    "writing",
]

_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def read_catalog_text(path: Path) -> str:
    """A PO file's text, decoded by the charset its header declares (UTF-8 when none).

    Raises InputError when the file cannot be read or is over the size limit for a catalog,
    CatalogError (file:line) when its bytes do not match its charset or the charset is unknown or
    not ASCII-compatible."""
    data = limits.read_file(Path(path), limits.CATALOG_FILE, "a catalog")
    encoding = "utf-8"
    match = _CHARSET.search(data, 0, 8192)
    if match is not None:
        name = match.group(1).decode("ascii")
        if name.upper() not in ("UTF-8", "UTF8", "CHARSET"):
            line = data.count(b"\n", 0, match.start()) + 1
            try:
                encoding = codecs.lookup(name).name
            except LookupError:
                raise CatalogError(f"{path}:{line}: unknown charset '{name}'") from None
            if "16" in encoding or "32" in encoding:
                raise CatalogError(
                    f"{path}:{line}: charset '{name}' is not supported", hint="convert it to UTF-8"
                )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(
            f"{path}:{line}: not valid {encoding} text",
            hint="the file's bytes do not match the charset in its header",
        ) from None


def load_article(path: Path) -> Article:
    """Load the article stored in the catalog at `path` (its folder names the slug).

    Raises InputError when the file cannot be read, CatalogError naming file and line when it
    is not a valid article catalog. Load-time findings (a voided approval …) are in
    `article.notices`."""
    return loads_article(read_catalog_text(path), Path(path))


def save_article(article: Article, path: Path) -> None:
    """Write the article's catalog atomically; raises InputError for text that cannot be
    stored or a file that cannot be written (the old file is then intact)."""
    atomic_write_text(Path(path), dumps_article(article))


def load_terms(path: Path) -> list[Term]:
    """The glossary's terms; a missing file is an empty glossary. Raises InputError,
    CatalogError (file:line)."""
    if not Path(path).exists():
        return []
    return loads_terms(read_catalog_text(path), Path(path))


def save_terms(terms: Sequence[Term], path: Path) -> None:
    """Write the glossary atomically, ordered by (source, sense), keeping what other tools left
    in the header of the file it replaces. Raises ConflictError for a duplicate term,
    InputError when the file cannot be written, CatalogError when the file it replaces is not
    a readable catalog."""
    path = Path(path)
    header = loads_header(read_catalog_text(path), path) if path.exists() else None
    atomic_write_text(path, dumps_terms(terms, header))
