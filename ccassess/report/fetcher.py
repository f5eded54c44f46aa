"""The only way the renderer reads resources: data: URLs and files inside allowed folders.

WeasyPrint's default fetcher reads any local file and makes network requests. This one
resolves symlinks and refuses everything outside the theme, template and package folders,
stopping the render with a message that names the refused URL. WeasyPrint swallows errors
raised while it draws an SVG image, so every refusal is also recorded in `refused` and
`pdf.html_to_pdf` checks that list after rendering.

Imported only by ccassess.report.pdf (it imports WeasyPrint).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.report.resources import is_inside


class RefusedResource(FatalURLFetchingError):
    """Raised (as a fatal error, so WeasyPrint stops) for a URL the report may not read."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class SafeFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that allows data: URLs and files under `roots` only."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(
            allowed_protocols={"data", "file"},
            allow_redirects=False,
            fail_on_errors=True,
            timeout=1,
        )
        self.roots = [Path(os.path.realpath(root)) for root in roots]
        self.refused: list[RefusedResource] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            self._refuse(
                url,
                _(
                    "only files from the theme and template folders and data: URLs may be used "
                    "in a report; nothing is fetched from the network"
                ),
            )
        path = Path(os.path.realpath(unquote(urlsplit(url).path)))
        if not is_inside(path, self.roots):
            self._refuse(url, _("the file lies outside the theme and template folders"))
        if not path.is_file():
            self._refuse(url, _("file not found"))
        return super().fetch(path.as_uri(), headers)

    def _refuse(self, url: str, reason: str) -> NoReturn:
        error = RefusedResource(url, reason)
        self.refused.append(error)
        raise error


def refused_error(exc: RefusedResource) -> CcassessError:
    return CcassessError(
        _("report: refused resource {reference} ({reason})").format(
            reference=exc.url, reason=exc.reason
        )
    )
