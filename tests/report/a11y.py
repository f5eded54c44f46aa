"""Accessibility checks on a rendered report: the HTML and the tagged PDF's structure tree.

Each check returns a list of problems (empty: fine), so a failing test says what is wrong
where: a chart or image without a text alternative, a table without header cells, a missing
language or title, more than one h1 or a skipped heading level, content out of page order.
"""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from io import BytesIO
from typing import Any

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
VOID = {"img", "br", "meta", "link", "input", "hr", "col", "wbr", "source"}


def heading_problems(levels: list[int], where: str) -> list[str]:
    """One h1, first; no level deeper than one below the heading before it."""
    problems = []
    if levels.count(1) != 1 or (levels and levels[0] != 1):
        problems.append(f"{where}: expected one H1 first, found levels {levels[:5]}…")
    for index, (before, level) in enumerate(zip([0, *levels], levels, strict=False)):
        if level > before + 1:
            problems.append(f"{where}: heading {index + 1} skips from H{before} to H{level}")
    return problems


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.lang = ""
        self.title = ""
        self.levels: list[int] = []
        self.svgs: list[dict[str, Any]] = []
        self.ids: dict[str, str] = {}
        self.images: list[dict[str, str | None]] = []
        self.tables: list[dict[str, int]] = []
        self.loose_headers = 0
        #: h2 headings per report section (data-section): a section's title is its only h2.
        self.section_h2: dict[str, int] = {}
        self._section = ""
        self._text_for: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, dict(attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, dict(attrs))

    def _open(self, tag: str, a: dict[str, str | None]) -> None:
        if tag == "html":
            self.lang = a.get("lang") or ""
        elif tag == "section" and a.get("data-section"):
            self._section = a.get("data-section") or ""
        elif tag in HEADINGS:
            self.levels.append(int(tag[1]))
            if tag == "h2" and self._section:
                self.section_h2[self._section] = self.section_h2.get(self._section, 0) + 1
        elif tag == "svg":
            self.svgs.append(a)
        elif tag == "img":
            self.images.append(a)
        elif tag == "table":
            self.tables.append({"th": 0, "td": 0})
        elif tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
            if "thead" not in self.stack and a.get("scope") not in ("row", "col"):
                self.loose_headers += 1
        elif tag == "title":
            self._text_for = (a.get("id") or "") if "svg" in self.stack else "<doc>"

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if tag == "title":
            self._text_for = None

    def handle_data(self, data: str) -> None:
        if self._text_for == "<doc>":
            self.title += data
        elif self._text_for:
            self.ids[self._text_for] = self.ids.get(self._text_for, "") + data


def html_problems(document: str) -> list[str]:
    """What keeps the HTML report from being read without sight."""
    page = _Html()
    page.feed(document)
    problems = []
    if not page.lang:
        problems.append("html: <html> declares no lang")
    if not page.title.strip():
        problems.append("html: the document has no <title>")
    problems += heading_problems(page.levels, "html")
    for index, svg in enumerate(page.svgs, start=1):
        name = svg.get("aria-label") or page.ids.get(svg.get("aria-labelledby") or "", "")
        if svg.get("role") != "img" or not name.strip():
            problems.append(f"html: chart {index} has no text alternative (role=img and a name)")
    for image in page.images:
        if not (image.get("alt") or "").strip():
            problems.append(f"html: image {str(image.get('src'))[:40]} has no alt text")
    for index, table in enumerate(page.tables, start=1):
        if not table["th"]:
            problems.append(f"html: table {index} has no header cells (th)")
    for section, count in page.section_h2.items():
        if count > 1:
            problems.append(f"html: section {section} has {count} h2 headings (its title only)")
    if page.loose_headers:
        problems.append(f"html: {page.loose_headers} th outside <thead> without a scope")
    return problems


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    items = kids if isinstance(kids, list) else [kids]
    return [k.get_object() for k in items if hasattr(k.get_object(), "get")]


def pdf_problems(data: bytes) -> list[str]:
    """What keeps the tagged PDF from being read without sight, from its structure tree."""
    import pypdf

    reader = pypdf.PdfReader(BytesIO(data))
    root = reader.trailer["/Root"]
    problems = []
    if not str(root.get("/Lang") or "").strip():
        problems.append("pdf: the catalog declares no /Lang")
    title = (reader.metadata or {}).get("/Title")
    if not str(title or "").strip():
        problems.append("pdf: no /Title in the document information")
    preferences = root.get("/ViewerPreferences") or {}
    if not preferences.get("/DisplayDocTitle"):
        problems.append("pdf: viewers are not told to show the title (/DisplayDocTitle)")
    if "/StructTreeRoot" not in root:
        return [*problems, "pdf: not tagged (no /StructTreeRoot)"]
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    levels: list[int] = []
    figures = 0
    order: list[int] = []

    def walk(node: Any) -> None:
        nonlocal figures
        tag = str(node.get("/S") or "")
        if "/Pg" in node:
            order.append(pages.get(node.raw_get("/Pg").idnum, -1))
        if tag in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6"):
            levels.append(int(tag[2]))
        elif tag == "/Figure":
            figures += 1
            if not str(node.get("/Alt") or "").strip():
                problems.append(f"pdf: figure {figures} (page {order[-1] + 1}) has no /Alt")
        elif tag == "/Table" and not _has(node, "/TH"):
            problems.append(f"pdf: a table on page {order[-1] + 1} has no header cells (TH)")
        for kid in _kids(node):
            walk(kid)

    walk(root["/StructTreeRoot"].get_object())
    problems += heading_problems(levels, "pdf")
    back = [(a, b) for a, b in itertools.pairwise(order) if b < a]
    if back:
        problems.append(
            f"pdf: reading order goes back from page {back[0][0] + 1} to {back[0][1] + 1}"
        )
    return problems


def _has(node: Any, tag: str) -> bool:
    return any(str(k.get("/S")) == tag or _has(k, tag) for k in _kids(node))


def pdf_structure(data: bytes) -> dict[str, Any]:
    """Figures' /Alt texts and heading levels, in the order of the structure tree."""
    import pypdf

    reader = pypdf.PdfReader(BytesIO(data))
    found: dict[str, Any] = {"alt": [], "levels": []}

    def walk(node: Any) -> None:
        tag = str(node.get("/S") or "")
        if tag == "/Figure":
            found["alt"].append(str(node.get("/Alt") or ""))
        elif tag[:2] == "/H" and tag[2:].isdigit():
            found["levels"].append(int(tag[2:]))
        for kid in _kids(node):
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object())
    return found
