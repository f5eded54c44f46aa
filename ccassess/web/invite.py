"""Invitations: personal single-use links or one workshop link per department, written as a
CSV for a mail merge and a printable PDF of QR codes (segno's SVG, rendered by WeasyPrint
through the report's safe pipeline).

The tokens exist only in these two files (and in the links people receive); the workspace
keeps their SHA-256 hashes. Personal staff invitations are added to the department's
`invited` count in assessment.yaml — the setting the report's response rate already reads.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.io.csvfile import write_csv
from ccassess.io.files import atomic_write_bytes, atomic_write_text
from ccassess.io.structured import read_structured
from ccassess.web.texts import PageTexts
from ccassess.workspace import invitations as store
from ccassess.workspace.config import load_config
from ccassess.workspace.store import Workspace


@dataclass(frozen=True)
class InviteRequest:
    perspective: str
    department: str | None
    count: int
    workshop: bool
    base_url: str


@dataclass(frozen=True)
class Link:
    number: int
    url: str
    token: str


def make_links(workspace: Workspace, request: InviteRequest) -> list[Link]:
    """New links (nothing stored yet: `store_links` does that once the files are rendered)."""
    settings = workspace.settings
    department = request.department
    if department and settings.departments and department not in settings.departments:
        raise CcassessError(
            _("unknown department {department}; departments: {departments}").format(
                department=repr(department), departments=", ".join(settings.departments)
            )
        )
    if department and request.perspective == "customer":
        raise CcassessError(_("--department is for internal (staff) invitations only"))
    if not request.workshop and not 1 <= request.count <= 10_000:
        raise CcassessError(
            _("--count {count}: give a number from 1 to 10000").format(count=request.count)
        )
    number = 1 if request.workshop else request.count
    base = request.base_url.rstrip("/")
    prefix = "w" if request.workshop else "r"
    tokens = [store.new_token() for _number in range(number)]
    return [Link(i, f"{base}/{prefix}/{token}", token) for i, token in enumerate(tokens, start=1)]


def store_links(workspace: Workspace, request: InviteRequest, links: Sequence[Link]) -> None:
    """The links' hashes in the current round (one transaction), and the department's
    `invited` count for personal staff invitations."""
    round_ = workspace.round()
    kind = "workshop" if request.workshop else "personal"
    with workspace.write() as db:
        for link in links:
            store.insert_invitation(
                db, round_.id, kind, request.perspective, request.department, token=link.token
            )
    if not request.workshop and request.perspective == "internal" and request.department:
        add_invited(workspace, request.department, len(links))


def add_invited(workspace: Workspace, department: str, count: int) -> None:
    """Add `count` to the department's `invited` in assessment.yaml (checked before it is
    written; the file's other keys stay as they are, its comments are not kept)."""
    import yaml

    path = workspace.config_path
    data = _plain(read_structured(path))
    if not isinstance(data, dict):
        return
    invited = dict(data.get("invited") or {})
    invited[department] = int(invited.get(department) or 0) + count
    data["invited"] = invited
    text = (
        "# ccassess workspace: the assessment's settings (edit freely) and workspace fields.\n"
        "# `invited` counts the personal invitations `ccassess invite` made per department.\n"
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
    )
    previous = path.read_text("utf-8")
    atomic_write_text(path, text)
    try:
        workspace.config = load_config(path)
    except Exception:
        atomic_write_text(path, previous)
        raise


def _plain(value: Any) -> Any:
    """The parsed file as plain dicts and lists (the strict reader's carry locations)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def links_csv(links: Sequence[Link], request: InviteRequest) -> bytes:
    rows: list[Sequence[Any]] = [("number", "link", "perspective", "department")]
    rows += [
        (link.number, link.url, request.perspective, request.department or "") for link in links
    ]
    return write_csv(rows)


def _qr_svg(url: str) -> str:
    import segno

    return str(segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True))


def links_pdf(links: Sequence[Link], request: InviteRequest, title: str, lang: str) -> bytes:
    """A printable PDF: one card per link with its QR code and the link written out."""
    # late import: only invitations render a PDF here
    from ccassess.report import ReportOptions
    from ccassess.report.html import RenderedReport
    from ccassess.report.pdf import html_to_pdf

    t = PageTexts(lang, "web_invite_")
    heading = t["heading"].format(title=title)
    scan = t["scan"]
    cards = []
    for link in links:
        group = request.department or (t["customers"] if request.perspective == "customer" else "")
        cards.append(
            f'<section class="card"><h2>{html.escape(heading)}</h2>'
            f"<p>{html.escape(group)}</p>"
            f'<div class="qr">{_qr_svg(link.url)}</div>'
            f'<p>{html.escape(scan)}</p><p class="url">{html.escape(link.url)}</p>'
            f'<p class="no">#{link.number}</p></section>'
        )
    document = f"""<!doctype html><html lang="{html.escape(lang)}"><head>
<meta charset="utf-8"><title>{html.escape(heading)}</title><style>
@page {{ size: A4; margin: 12mm; }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10pt; margin: 0; }}
.card {{ break-inside: avoid; border: 1px dashed #777; padding: 6mm; margin-bottom: 6mm;
  text-align: center; }}
h2 {{ font-size: 13pt; margin: 0 0 2mm; }}
.qr svg {{ width: 55mm; height: 55mm; }}
.url {{ font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; }}
.no {{ color: #555; font-size: 8pt; }}
</style></head><body>{"".join(cards)}</body></html>"""
    rendered = RenderedReport(document, [], "file:///nonexistent/", lang, heading)
    return html_to_pdf(rendered, ReportOptions(lang=lang))


def invite(workspace: Workspace, request: InviteRequest, stem: Path) -> tuple[int, Path, Path]:
    """Make the links, render both files, store the hashes, then write the files. A render
    that fails stores nothing; links stored whose files could not be written are unused."""
    settings = workspace.settings
    links = make_links(workspace, request)
    title = settings.title or settings.client or ""
    pdf = links_pdf(links, request, title, settings.language)
    table = links_csv(links, request)
    store_links(workspace, request, links)
    csv_path = atomic_write_bytes(stem.with_name(stem.name + ".csv"), table)
    pdf_path = atomic_write_bytes(stem.with_name(stem.name + ".pdf"), pdf)
    return len(links), csv_path, pdf_path
