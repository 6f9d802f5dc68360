"""An article as XLIFF 1.2: every segment's source, the approved English as its target."""

from __future__ import annotations

from lxml import etree

from cipbilingual import __version__
from cipbilingual.models import Article, State

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def article_to_xliff(
    article: Article, source_language: str = "zh-CN", target_language: str = "en"
) -> str:
    """XLIFF 1.2 text. Only approved English becomes a <target> (state "signed-off",
    approved="yes"); other segments carry their source alone, so nothing unreviewed leaves."""
    root = etree.Element("xliff", nsmap={None: XLIFF_NS}, version="1.2")
    file = etree.SubElement(
        root,
        "file",
        original=article.meta.source_file or article.slug,
        datatype="plaintext",
        attrib={"source-language": source_language, "target-language": target_language},
    )
    header = etree.SubElement(file, "header")
    etree.SubElement(
        header,
        "tool",
        attrib={
            "tool-id": "cipbilingual",
            "tool-name": "cipbilingual",
            "tool-version": __version__,
        },
    )
    body = etree.SubElement(file, "body")
    for segment in article.segments:
        unit = etree.SubElement(body, "trans-unit", id=str(segment.id), resname=str(segment.id))
        unit.set(XML_SPACE, "preserve")
        etree.SubElement(unit, "source").text = segment.source
        if segment.state is State.APPROVED:
            unit.set("approved", "yes")
            target = etree.SubElement(unit, "target", state="signed-off")
            target.text = segment.target
    text: str = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    ).decode("utf-8")
    return text
