"""The client's logo (the assessment's `logo:`): embedded when it is a sound image of sane
size, otherwise left out with a warning that names the file (issue 17).

Wrong kinds of file (a text file called logo.png, a PDF) are errors, as before
(`resources.image_data_url`). A file of the right kind that cannot be decoded (truncated,
damaged) or is oversized (more than 8 MB, more than 25 million pixels, an SVG wider or
higher than 100,000 units) is not worth stopping a report for: the report is rendered without
it and the warning says which file and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ccassess.catalogs import N_, _, cli_language
from ccassess.format import number
from ccassess.report.resources import MAX_RESOURCE_BYTES, image_data_url, refused

ORIGIN = N_("the assessment's logo setting")
MAX_PIXELS = 25_000_000
MAX_SVG_SIDE = 100_000.0
SVG_NUMBER_RE = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def client_logo(path: str | None, warn: Callable[[str], None]) -> str | None:
    """The logo as a data: URL, or None (no logo, or one that cannot be used: warned)."""
    if not path:
        return None
    file = Path(path)
    if not file.is_file():
        raise refused(str(file), _(ORIGIN), _("file not found"), missing=True)
    problem = _problem(file)
    if problem is not None:
        warn(
            _("logo {file}: {problem}; the report is rendered without it").format(
                file=file, problem=problem
            )
        )
        return None
    return image_data_url(file, _(ORIGIN))


def _problem(file: Path) -> str | None:
    size = file.stat().st_size
    if size > MAX_RESOURCE_BYTES:
        limit = MAX_RESOURCE_BYTES // 2**20
        return _("the file is {size} MB; a logo may have {limit} MB").format(
            size=number(size / 2**20, cli_language(), 1), limit=limit
        )
    if file.suffix.lower() == ".svg":
        return _svg_problem(file)
    # late import: only a report with a raster logo needs Pillow
    from PIL import Image, ImageFile, UnidentifiedImageError

    # WeasyPrint, once imported, lets Pillow load truncated images without a word; the check
    # must see the damage whatever was imported before it
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(file) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                lang = cli_language()
                return _("{width} × {height} pixels is oversized (at most {limit} pixels)").format(
                    width=number(width, lang),
                    height=number(height, lang),
                    limit=number(MAX_PIXELS, lang),
                )
            image.load()
    except UnidentifiedImageError:
        return None  # not an image at all: image_data_url refuses it with an error
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        return _("the image is damaged and cannot be read ({reason})").format(reason=exc)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return None


def _svg_problem(file: Path) -> str | None:
    # late import: only a report with an SVG logo parses XML
    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
    from defusedxml.ElementTree import ParseError, fromstring  # type: ignore[import-untyped]

    try:
        root = fromstring(file.read_bytes())
    except (ParseError, DefusedXmlException, ValueError) as exc:
        return _("the SVG is damaged and cannot be read ({reason})").format(reason=exc)
    if not str(root.tag).endswith("svg"):
        return None  # not an SVG: image_data_url refuses it with an error
    for side in ("width", "height"):
        match = SVG_NUMBER_RE.match(root.get(side) or "")
        if match and abs(float(match.group(1))) > MAX_SVG_SIDE:
            return _("its {side} ({value}) is oversized (at most {limit})").format(
                side=side, value=root.get(side), limit=number(MAX_SVG_SIDE, cli_language())
            )
    viewbox = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        if any(abs(float(v)) > MAX_SVG_SIDE * 10 for v in viewbox):
            return _("its viewBox ({value}) is oversized").format(value=root.get("viewBox"))
    except ValueError:
        return _("its viewBox is not four numbers")
    return None
