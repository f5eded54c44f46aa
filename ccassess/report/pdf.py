"""HTML → PDF with WeasyPrint, reading only through the SafeFetcher.

WeasyPrint is imported inside the function: importing it costs every command that does not
render a PDF. Metadata (title, author, subject, language) comes from the HTML head; bookmarks
from the headings (see report.css); the PDF/A-3b and PDF/UA-1 variants are WeasyPrint's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccassess.catalogs import _
from ccassess.errors import CcassessError

if TYPE_CHECKING:
    from ccassess.report import ReportOptions
    from ccassess.report.html import RenderedReport

PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")


def html_to_pdf(rendered: RenderedReport, options: ReportOptions) -> bytes:
    """The PDF bytes; a refused resource stops the render with a one-line CcassessError."""
    from weasyprint import HTML

    # late import: only PDF output needs WeasyPrint
    from ccassess.report.fetcher import RefusedResource, SafeFetcher, refused_error

    variant = options.pdf_variant
    if variant is not None and variant not in PDF_VARIANTS:
        raise CcassessError(
            _("--pdf-variant {variant} is not supported; use one of {variants}").format(
                variant=repr(variant), variants=", ".join(PDF_VARIANTS)
            )
        )
    fetcher = SafeFetcher(rendered.roots)
    try:
        document = HTML(
            string=rendered.inline_html(), base_url=rendered.base_url, url_fetcher=fetcher
        )
        pdf = document.write_pdf(pdf_variant=variant, custom_metadata=False)
    except RefusedResource as exc:
        raise refused_error(exc) from None
    if fetcher.refused:  # refused inside an SVG image, where WeasyPrint swallows errors
        raise refused_error(fetcher.refused[0])
    assert pdf is not None
    return pdf
