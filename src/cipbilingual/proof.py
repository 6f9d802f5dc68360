"""The bilingual proof an editor reads before publishing (pure functions): every segment, whatever
its state, side by side — Chinese | English | state | approver | findings — grouped by block, as a
printable HTML page with no script, or as tab-separated parallel text."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from cipbilingual.export import CJK_FONTS
from cipbilingual.models import STATE_ORDER, Article, Block, BlockKind, Finding, Segment, State


@dataclass(frozen=True)
class ProofFacts:
    """What the gate knows about the article, shown at the top of the proof."""

    publishable: bool
    problems: tuple[str, ...]  # one line per problem (completeness, QA errors, approvals)
    generated: str  # ISO 8601 UTC


def _by_segment(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for finding in findings:
        out.setdefault(finding.segment, []).append(finding)
    return out


_OVERRIDE = "override: "  # how Segment.silence_for marks an approval's override


def _silence_class(finding: Finding) -> str:
    silence = finding.silenced
    if silence is None:
        return ""
    return " overridden" if silence.reason.startswith(_OVERRIDE) else " silenced"


def _block_label(block: Block) -> str:
    if block.kind is BlockKind.TITLE:
        return "Title"
    kind = block.kind.value.replace("_", " ")
    return f"¶{block.index} · {kind}"


def _approver(article: Article, segment: Segment) -> str:
    approval = segment.approval
    if segment.state is State.APPROVED and approval is not None:
        return f"{approval.by} {approval.at}"
    for void in article.void_approvals:
        if void.segment == segment.id:
            return f"void ({void.by or 'nobody'}): {void.reason}"
    return ""


def _finding_text(finding: Finding) -> str:
    text = f"{finding.severity} {finding.check}: {' '.join(finding.message.split())}"
    silence = finding.silenced
    if silence is not None:
        if silence.reason.startswith(_OVERRIDE):
            text += f" (overridden by {silence.by}: {silence.reason[len(_OVERRIDE) :]})"
        else:
            text += f" (silenced by {silence.by}: {silence.reason})"
    return text


_STYLE = f"""\
@page {{ size: A4 landscape; margin: 12mm; }}
body {{ margin: 1.5em; color: #111; line-height: 1.45;
       font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; }}
header h1 {{ font-size: 15pt; margin: 0 0 .3em; }}
header p {{ margin: .2em 0; }}
.verdict {{ font-weight: bold; }}
.verdict.no {{ color: #a00; }}
.verdict.yes {{ color: #060; }}
ul.problems {{ margin: .3em 0 1em; padding-left: 1.2em; color: #a00; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
thead {{ display: table-header-group; }}
th, td {{ border: 1px solid #bbb; padding: .25em .4em; vertical-align: top;
          overflow-wrap: anywhere; }}
thead th {{ background: #eee; text-align: left; }}
col.id {{ width: 4.5em; }} col.zh {{ width: 31%; }} col.en {{ width: 31%; }}
col.state {{ width: 6.5em; }} col.approver {{ width: 9em; }}
tr.block th {{ background: #f6f6f6; text-align: left; font-weight: normal; font-style: italic; }}
tr.segment {{ break-inside: avoid; page-break-inside: avoid; }}
td.zh {{ font-family: {CJK_FONTS}; }}
td.en:empty::after {{ content: "—"; color: #999; }}
td.state {{ font-variant: small-caps; }}
tr.state-approved td.state {{ color: #060; }}
tr.state-new td.state, tr.state-draft td.state {{ color: #777; }}
tr.state-needs_work td.state {{ color: #a00; }}
td.findings ul {{ margin: 0; padding-left: 1em; }}
li.error {{ color: #a00; }}
li.warning {{ color: #850; }}
li.overridden, li.silenced {{ color: #555; text-decoration: line-through; }}
small {{ color: #555; }}"""

# No script, no request of any kind: the page is inert even if a sentence held markup.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"


def render_proof(article: Article, findings: Sequence[Finding], facts: ProofFacts) -> str:
    """The proof as a standalone, printable HTML page; every text is escaped."""
    esc = html.escape
    by_segment = _by_segment(findings)
    counts = article.counts()
    states = ", ".join(f"{counts[s]} {s}" for s in STATE_ORDER if counts[s])
    verdict = (
        '<span class="verdict yes">publishable</span>'
        if facts.publishable
        else '<span class="verdict no">not publishable</span>'
    )
    meta = article.meta
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="robots" content="noindex">',
        f"<title>Proof: {esc(article.slug)}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        f'<header data-slug="{esc(article.slug)}">',
        "<h1>Proof — not for publication</h1>",
        f'<p lang="zh-Hans" class="zh-title">{esc(meta.title)}</p>',
        f"<p>{esc(article.slug)} · {esc(meta.date or 'no date')} · source "
        f"{esc(meta.source_file or 'none')} · {len(article.segments)} segments: "
        f"{esc(states or 'none')} · {verdict}</p>",
        f"<p><small>Made {esc(facts.generated)} by cipbilingual.</small></p>",
    ]
    article_level = by_segment.get("", [])
    if facts.problems or article_level:
        out.append('<ul class="problems">')
        out += [f"<li>{esc(line)}</li>" for line in facts.problems]
        out += [f"<li>{esc(_finding_text(f))}</li>" for f in article_level]
        out.append("</ul>")
    out += [
        "</header>",
        '<table class="proof">',
        '<colgroup><col class="id"><col class="zh"><col class="en"><col class="state">'
        '<col class="approver"><col class="findings"></colgroup>',
        "<thead><tr><th>Segment</th><th>Chinese</th><th>English</th><th>State</th>"
        "<th>Approver</th><th>Findings</th></tr></thead>",
    ]
    for block, segments in article.by_block():
        if not segments:
            continue
        out.append(f'<tbody id="block-{block.index}">')
        out.append(f'<tr class="block"><th colspan="6">{esc(_block_label(block))}</th></tr>')
        for seg in segments:
            notes = by_segment.get(str(seg.id), [])
            items = "".join(
                f'<li class="{f.severity}{_silence_class(f)}">{esc(_finding_text(f))}</li>'
                for f in notes
            )
            approval = seg.approval if seg.state is State.APPROVED else None
            extra = ""
            if approval is not None and approval.override is not None:
                extra += f"<br><small>override: {esc(approval.override.reason)}</small>"
            if approval is not None and approval.signature:
                extra += "<br><small>signed</small>"
            out.append(
                f'<tr class="segment state-{seg.state}" id="{esc(str(seg.id))}">'
                f'<td class="id">{esc(str(seg.id))}</td>'
                f'<td class="zh" lang="zh-Hans">{esc(seg.source)}</td>'
                f'<td class="en" lang="en">{esc(seg.target)}</td>'
                f'<td class="state">{esc(str(seg.state).replace("_", " "))}</td>'
                f'<td class="approver">{esc(_approver(article, seg))}{extra}</td>'
                f'<td class="findings">{f"<ul>{items}</ul>" if items else ""}</td>'
                "</tr>"
            )
        out.append("</tbody>")
    out += ["</table>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


TSV_COLUMNS = ("segment", "block", "state", "chinese", "english", "approver", "findings")


def _tsv_field(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def render_tsv(article: Article, findings: Sequence[Finding]) -> str:
    """Tab-separated parallel text with a header row: one line per segment in document order.
    A backslash, tab or line break inside a field is written `\\\\`, `\\t`, `\\n`, `\\r`."""
    by_segment = _by_segment(findings)
    lines = ["\t".join(TSV_COLUMNS)]
    for block, segments in article.by_block():
        for seg in segments:
            notes = " | ".join(_finding_text(f) for f in by_segment.get(str(seg.id), []))
            row = (
                str(seg.id),
                _block_label(block),
                str(seg.state),
                seg.source,
                seg.target,
                _approver(article, seg),
                notes,
            )
            lines.append("\t".join(_tsv_field(v) for v in row))
    return "\n".join(lines) + "\n"
