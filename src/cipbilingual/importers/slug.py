"""Article slugs from what was imported: `2019-11-24-wang-quan-zai-zhong-yi-chang-zhou`."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from cipbilingual import paths
from cipbilingual.importers.document import ImportedDocument

MAX_SLUG = 60
_TITLE_WORDS = 7  # pinyin syllables (or Latin words) of the title that go into the slug
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def derive_slug(doc: ImportedDocument, data: bytes) -> str:
    """`YYYY-MM-DD-` plus the pinyin of the title's first words, lower-case ASCII joined by
    hyphens, at most 60 characters. Without a date an 8-digit hash of the bytes stands in for
    it; without usable title words the hash follows the date. Always a valid slug."""
    digest = hashlib.sha256(data).hexdigest()[:8]
    day = _ISO_DAY.match(doc.date)
    prefix = day.group(1) if day else digest
    slug = prefix
    for word in title_words(doc.title)[:_TITLE_WORDS]:
        if len(slug) + 1 + len(word) > MAX_SLUG:
            break
        slug = f"{slug}-{word}"
    if slug == prefix and day:
        slug = f"{slug}-{digest}"
    return paths.validate_slug(slug)


def title_words(title: str) -> list[str]:
    """The title as ASCII words: one pinyin syllable per Chinese character (tone marks off),
    Latin words and numbers as they are, lower-cased; punctuation dropped."""
    from pypinyin import Style, lazy_pinyin

    words: list[str] = []
    for token in lazy_pinyin(title, style=Style.NORMAL):
        ascii_text = unicodedata.normalize("NFKD", token).encode("ascii", "ignore").decode()
        words.extend(word for word in _NOT_WORD.split(ascii_text.lower()) if word)
    return words
