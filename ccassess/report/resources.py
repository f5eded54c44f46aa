"""Files a report may use, checked and inlined as data: URLs (no WeasyPrint needed).

The HTML the renderer produces is self-contained: stylesheets are inlined into one <style>
element and every image, font or stylesheet a template or a theme references is replaced by a
data: URL. A reference is allowed only when it is relative and its real path (symlinks
resolved) lies inside an allowed folder; anything else (a remote URL, file:///etc/passwd,
../../outside) stops the render with a message naming the reference and where it was found.
WeasyPrint then reads through `fetcher.SafeFetcher`, a second line of defence.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ccassess.catalogs import _
from ccassess.errors import CcassessError

MEDIA_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".css": "text/css",
}
IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"}
#: A single resource larger than this is refused (a logo or a font is far smaller).
MAX_RESOURCE_BYTES = 8 * 1024 * 1024

# url(...) in CSS, quoted or not; @import "x.css" (the url() form is caught by URL_RE).
URL_RE = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
IMPORT_RE = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')\s*([^;]*);?""", re.IGNORECASE)
# Attributes that make a browser or WeasyPrint fetch something.
FETCHING_TAG_RE = re.compile(
    r"<(img|image|link|source|video|audio|object|embed|iframe|input|use|feImage|script)\b[^>]*>",
    re.IGNORECASE,
)
ATTRIBUTE_RE = re.compile(
    r"""(\s(?:src|href|xlink:href|data|poster|srcset)\s*=\s*)(?:"([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)
STYLE_BLOCK_RE = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>)", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE_RE = re.compile(r"""(\sstyle\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


class RefusedReference(CcassessError):
    """A reference a report may not use; `missing` when it names no file."""

    missing = False


def refused(reference: str, origin: str, reason: str, *, missing: bool = False) -> CcassessError:
    error = RefusedReference(
        _("report: refused resource {reference} in {origin} ({reason})").format(
            reference=reference, origin=origin, reason=reason
        )
    )
    error.missing = missing
    return error


def is_inside(path: Path, roots: Sequence[Path]) -> bool:
    real = Path(os.path.realpath(path))
    for root in roots:
        root = Path(os.path.realpath(root))
        if real == root or root in real.parents:
            return True
    return False


def resolve(reference: str, bases: Sequence[Path], roots: Sequence[Path], origin: str) -> Path:
    """The file a relative reference names, looked up in `bases` and confined to `roots`."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or reference.startswith(("/", "\\")):
        raise refused(
            reference,
            origin,
            _(
                "only files inside the theme and template folders and data: URLs may be used; "
                "nothing is read from elsewhere or fetched from the network"
            ),
        )
    relative = unquote(parts.path)
    if not relative:
        raise refused(reference, origin, _("empty reference"))
    for base in bases:
        candidate = base / relative
        if not is_inside(candidate, roots):
            raise refused(
                reference, origin, _("the file lies outside the theme and template folders")
            )
        if candidate.is_file():
            return Path(os.path.realpath(candidate))
    raise refused(reference, origin, _("file not found"), missing=True)


def data_url(path: Path, origin: str) -> str:
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise refused(
            path.name,
            origin,
            _("not an image, font or stylesheet (allowed: {suffixes})").format(
                suffixes=", ".join(sorted(MEDIA_TYPES))
            ),
        )
    if path.stat().st_size > MAX_RESOURCE_BYTES:
        raise refused(
            path.name,
            origin,
            _("larger than {limit} MB").format(limit=MAX_RESOURCE_BYTES // 2**20),
        )
    data = path.read_bytes()
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def image_data_url(path: Path, origin: str) -> str:
    """An image the user named explicitly (the client's logo): checked to be an image."""
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise refused(str(path), origin, _("a logo must be an SVG, PNG, JPEG, GIF or WebP file"))
    if not path.is_file():
        raise refused(str(path), origin, _("file not found"), missing=True)
    with path.open("rb") as stream:
        head = stream.read(512)
    if not _looks_like_image(head, path.suffix.lower()):
        raise refused(str(path), origin, _("the file is not an image"))
    return data_url(path, origin)


def _looks_like_image(head: bytes, suffix: str) -> bool:
    if suffix == ".svg":
        text = head.lstrip(b"\xef\xbb\xbf").lstrip()
        return text.startswith((b"<svg", b"<?xml", b"<!--", b"<!DOCTYPE svg"))
    signatures = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF")
    return head.startswith(signatures)


def _first(match: re.Match[str], *groups: int) -> str:
    return next((match.group(g) for g in groups if match.group(g) is not None), "")


def _skip(reference: str) -> bool:
    """References that never read anything: data: URLs, fragments, empty ones."""
    lowered = reference.strip().lower()
    return not lowered or lowered.startswith(("data:", "#"))


def inline_css(
    css: str, bases: Sequence[Path], roots: Sequence[Path], origin: str, depth: int = 0
) -> str:
    """Replace url(...) and local @import in CSS with data: URLs / the imported text."""
    if depth > 5:
        raise CcassessError(_("report: {origin}: @import nested too deeply").format(origin=origin))

    def replace_import(match: re.Match[str]) -> str:
        reference = _first(match, 1, 2)
        path = resolve(reference, bases, roots, origin)
        if path.suffix.lower() != ".css":
            raise refused(reference, origin, _("@import must name a .css file"))
        text = path.read_text("utf-8")
        inner = inline_css(text, [path.parent], roots, str(path), depth + 1)
        media = match.group(3).strip()
        return f"@media {media} {{\n{inner}\n}}" if media else inner

    def replace_url(match: re.Match[str]) -> str:
        reference = _first(match, 1, 2, 3).strip()
        if _skip(reference):
            return match.group(0)
        return f'url("{data_url(resolve(reference, bases, roots, origin), origin)}")'

    css = IMPORT_RE.sub(replace_import, css)
    return URL_RE.sub(replace_url, css)


def inline_html(html: str, bases: Sequence[Path], roots: Sequence[Path], origin: str) -> str:
    """Inline every fetching reference in rendered HTML, or refuse it.

    User text cannot take part: autoescaping turns its quotes and angle brackets into
    entities, so only markup written by a template matches these patterns.
    """

    def replace_attribute(match: re.Match[str]) -> str:
        reference = _first(match, 2, 3)
        if _skip(reference):
            return match.group(0)
        url = data_url(resolve(reference, bases, roots, origin), origin)
        return f'{match.group(1)}"{url}"'

    def replace_tag(match: re.Match[str]) -> str:
        if match.group(1).lower() == "script":
            raise CcassessError(
                _(
                    "report: {origin}: a template contains <script>; reports have no JavaScript"
                ).format(origin=origin)
            )
        return ATTRIBUTE_RE.sub(replace_attribute, match.group(0))

    def replace_style(match: re.Match[str]) -> str:
        return match.group(1) + inline_css(match.group(2), bases, roots, origin) + match.group(3)

    def replace_style_attribute(match: re.Match[str]) -> str:
        quote = '"' if match.group(2) is not None else "'"
        value = inline_css(_first(match, 2, 3), bases, roots, origin)
        return f"{match.group(1)}{quote}{value}{quote}"

    def replace_markup(part: str) -> str:
        part = FETCHING_TAG_RE.sub(replace_tag, part)
        return STYLE_ATTRIBUTE_RE.sub(replace_style_attribute, part)

    html = STYLE_BLOCK_RE.sub(replace_style, html)
    return _outside_style_blocks(html, replace_markup)


def _outside_style_blocks(html: str, change: Callable[[str], str]) -> str:
    pieces = []
    position = 0
    for match in STYLE_BLOCK_RE.finditer(html):
        pieces.append(change(html[position : match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(change(html[position:]))
    return "".join(pieces)


SOURCE_REFERENCE_RE = re.compile(
    r"""(?:\s(?:src|href|xlink:href|data|poster|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'))"""
    r"""|(?:url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\))"""
    r"""|(?:@import\s+(?:"([^"]*)"|'([^']*)'))""",
    re.IGNORECASE,
)


def check_theme_source(text: str, base: Path, root: Path, origin: str) -> None:
    """Refuse a theme file (CSS or template) that references anything outside the theme.

    A static check before rendering, so the message names the theme file. `base` is where
    relative references start (the CSS file's folder, or the theme folder for templates).
    References built by template expressions ({{ … }}) are checked after rendering.
    """
    for match in SOURCE_REFERENCE_RE.finditer(text):
        reference = _first(match, 1, 2, 3, 4, 5, 6, 7).strip()
        if _skip(reference) or "{{" in reference or "{%" in reference:
            continue
        if reference.lower().startswith("mailto:"):
            continue
        try:
            resolve(reference, [base], [root], origin)
        except CcassessError as exc:
            # A template may name a file of the default theme; that is checked when rendered.
            if not (isinstance(exc, RefusedReference) and exc.missing) or origin.endswith(".css"):
                raise
