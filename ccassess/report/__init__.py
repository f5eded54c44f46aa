"""The report layer: result → context → Jinja templates → HTML → WeasyPrint → PDF.

Templates compute nothing: every number they show is in the result or the context.
Heavy imports (WeasyPrint, openpyxl) happen inside the functions that need them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _
from ccassess.errors import CcassessError

if TYPE_CHECKING:
    from ccassess.model.result import AssessmentResult
    from ccassess.model.settings import AssessmentSettings
    from ccassess.plugin.manager import Plugins

SUFFIX = {
    "pdf": ".pdf",
    "html": ".html",
    "json": ".json",
    "md": ".md",
    "xlsx": ".xlsx",
    "pptx": ".pptx",
}


@dataclass(frozen=True)
class ReportOptions:
    format: str = "pdf"
    lang: str = "de"
    output: Path | None = None
    theme: Path | None = None
    appendix: bool = False
    pdf_variant: str | None = None
    #: Which sections: "full" (every one) or "board" (the short report), see profiles.py.
    profile: str = "full"
    #: A norm file (`ccassess benchmark build`): show where this client stands.
    benchmark: Path | None = None

    def for_assessment(self, settings: AssessmentSettings) -> ReportOptions:
        """What the user left open (language "", no theme) taken from the assessment."""
        theme = self.theme or (Path(settings.theme) if settings.theme else None)
        return replace(self, lang=self.lang or settings.language, theme=theme)


def default_output(result: AssessmentResult, options: ReportOptions) -> Path:
    return report_file_name(result.info.client, options.format)


def report_file_name(client: str | None, fmt: str, tag: str = "") -> Path:
    """`<client>-report[-<tag>].<ext>`: the client's name as a file name (ASCII, lower case)."""
    import re

    stem = re.sub(r"[^A-Za-z0-9]+", "-", client or "ccassess").strip("-").lower()
    tag = re.sub(r"[^A-Za-z0-9]+", "-", tag).strip("-").lower()
    return Path(f"{stem or 'ccassess'}-report{'-' + tag if tag else ''}{SUFFIX[fmt]}")


def write_report(
    result: AssessmentResult,
    plugins: Plugins,
    options: ReportOptions,
    warn: Callable[[str], None] | None = None,
) -> Path:
    """Render the result in the requested format and write it atomically; return the path.

    HTML and PDF render under a time and memory limit (ccassess.report.limits); what does not
    stop the report (a logo that cannot be used) goes to `warn` (default: standard error).
    """
    # late import: each format loads only what it needs (WeasyPrint, openpyxl)
    from ccassess.io.files import atomic_write_bytes, atomic_write_text

    if options.benchmark is not None:
        # late import: only a report with a norm file needs them
        from ccassess.definitions.norms import load_norms
        from ccassess.scoring.benchmark import positions

        result = replace(result, benchmark=positions(result, load_norms(options.benchmark)))
    path = options.output or default_output(result, options)
    if path.exists() and path.is_dir():
        raise CcassessError(
            _("{path}: is a folder; give a file name for the report").format(path=path)
        )
    if options.format == "json":
        # late import: each format loads only what it needs (WeasyPrint, openpyxl)
        from ccassess.model.serial import result_to_json

        return atomic_write_text(path, result_to_json(result) + "\n")
    if options.format == "md":
        # late import: each format loads only what it needs (WeasyPrint, openpyxl)
        from ccassess.report.markdown import render_markdown

        return atomic_write_text(path, render_markdown(result, options.lang))
    if options.format == "xlsx":
        # late import: each format loads only what it needs (WeasyPrint, openpyxl)
        from ccassess.report.action_plan import action_plan_workbook

        return atomic_write_bytes(path, action_plan_workbook(result, options.lang))
    if options.format == "pptx":
        # late import: each format loads only what it needs (python-pptx)
        from ccassess.report.pptx_deck import render_pptx

        return atomic_write_bytes(path, render_pptx(result, options))
    # late import: each format loads only what it needs (WeasyPrint, openpyxl)
    from ccassess.report.limits import run_limited

    content, warnings, failures, plugin_warnings = run_limited(
        lambda: _render(result, plugins, options)
    )
    # what the plugins' hooks did in the rendering process, told in this one (cli/app.py)
    plugins.failures.extend(failures)
    plugins.warnings.extend(plugin_warnings)
    for warning in warnings:
        (warn or _warn)(warning)
    if isinstance(content, str):
        return atomic_write_text(path, content)
    return atomic_write_bytes(path, content)


def _render(
    result: AssessmentResult, plugins: Plugins, options: ReportOptions
) -> tuple[str | bytes, list[str], list[Any], list[str]]:
    """HTML or PDF, the warnings, and the plugin failures and warnings that rendering added
    (runs in the rendering process, ccassess.report.limits)."""
    # late import: each format loads only what it needs (WeasyPrint, openpyxl)
    from ccassess.report.html import render_html

    failed, warned = len(plugins.failures), len(plugins.warnings)
    rendered = render_html(result, plugins, options)
    if options.format == "html":
        content: str | bytes = rendered.inline_html()
    else:
        # late import: each format loads only what it needs (WeasyPrint, openpyxl)
        from ccassess.report.pdf import html_to_pdf

        content = html_to_pdf(rendered, options)
    return content, rendered.warnings, plugins.failures[failed:], plugins.warnings[warned:]


def _warn(message: str) -> None:
    # late import: the terminal module (and click) only when there is a warning to print
    from ccassess.terminal import echo

    echo(_("warning: {message}").format(message=message), err=True)
