"""Result → sections (plugins) → Jinja templates → one self-contained HTML document.

The same HTML is the `--format html` output and what WeasyPrint turns into the PDF: every
stylesheet is inlined into one <style> element and every image or font is a data: URL, so
the document reads nothing when it is opened, and WeasyPrint's fetcher has nothing to do.

Templates are looked up in the theme's templates/, then the default templates, then the
folders plugins contribute; "default/<name>" always names the default template, so a theme
can extend what it overrides. Every template is autoescaped, undefined names are errors, and
templates run in Jinja's sandbox (a theme's template cannot reach Python internals).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ccassess.blame import failure, origin
from ccassess.catalogs import LABELS, _
from ccassess.errors import CcassessError, PluginError
from ccassess.format import day, number, percent, percent_spacing
from ccassess.report.charts import Charts, Palette, readable_on, tint
from ccassess.report.i18n import Translator, UnknownLabel, text
from ccassess.report.logo import client_logo
from ccassess.report.narrative import markdown_html
from ccassess.report.profiles import apply_profile
from ccassess.report.resources import inline_css, inline_html
from ccassess.report.sanitise import sanitise, sanitise_markup
from ccassess.report.section import ReportSection
from ccassess.report.self_contained import check_self_contained
from ccassess.report.theme import Theme, default_templates_dir, load_theme
from ccassess.text import Text

if TYPE_CHECKING:
    from ccassess.model.result import AssessmentResult
    from ccassess.plugin.manager import Plugins
    from ccassess.report import ReportOptions

BASE_TEMPLATE = "base.html"
STYLESHEET_TEMPLATE = "report.css"
COMMENT_TEMPLATE = "sections/comment.html"


@dataclass
class SectionView:
    """A section as the base template places it: anchor, title, rendered body."""

    id: str
    anchor: str
    title: str
    order: int
    in_toc: bool
    plugin: str
    kind: str
    html: Markup = field(default_factory=Markup)
    #: Sections contributed as parts of this one (`ReportSection.within`), rendered.
    parts: list[SectionView] = field(default_factory=list)


@dataclass
class RenderedReport:
    """The rendered document and what the PDF step needs to read it safely."""

    html: str
    #: Folders the PDF renderer may read from (default templates, theme, plugin templates).
    roots: list[Path]
    base_url: str
    lang: str
    title: str
    #: What the user should know but that does not stop the report (a logo left out).
    warnings: list[str] = field(default_factory=list)

    def inline_html(self) -> str:
        """The self-contained HTML (already inlined: stylesheets and images are embedded)."""
        return self.html


def render_html(
    result: AssessmentResult, plugins: Plugins, options: ReportOptions
) -> RenderedReport:
    lang = options.lang
    theme = load_theme(options.theme)
    default_dir = default_templates_dir()
    plugin_dirs = _plugin_template_dirs(plugins)
    roots = [default_dir, *([theme.folder] if theme.folder else []), *plugin_dirs]
    search = [*([theme.templates] if theme.templates else []), default_dir, *plugin_dirs]
    env = _environment(tuple(search), default_dir)
    sections = _sections(result, plugins, lang, options.appendix, options.profile)
    t = Translator(lang)
    info = result.info
    warnings: list[str] = []
    title = info.title or text("report_title").get(lang)
    shared: dict[str, Any] = {
        "plugin_links": theme.plugin_links,
        "lang": lang,
        "t": t,
        "result": result,
        "info": info,
        "theme": _theme_view(theme),
        "chart": Charts(Palette.from_theme(theme), theme.font_stack("body"), lang),
        "document": {
            "title": f"{title} – {info.client}" if info.client else title,
            "report_title": title,
            "author": info.prepared_by or theme.name,
            "subject": text("report_subject").get(lang),
            "date": info.date,
            "version": result.ccassess_version,
        },
        "client_logo": client_logo(info.logo, warnings.append),
        "toc": [view for _section, view in sections if view.in_toc],
    }
    for section, view in sections:  # parts first: the sections they belong to place them
        if section.within is not None:
            view.html = _render_section(env, shared, section, view, lang)
    chapters = [view for section, view in sections if section.within is None]
    for section, view in sections:
        if section.within is None:
            view.html = _render_section(env, shared, section, view, lang)
            # a part that the section's template does not place goes at its end
            view.html += Markup("").join(p.html for p in view.parts if p.html not in view.html)
            view.html += _comment(env, shared, section.id, result, lang)
    stylesheet = _render(
        env, STYLESHEET_TEMPLATE, {**shared, "c": theme.colours}, "theme", "stylesheet"
    )
    stylesheet += _section_css(sections, [*plugin_dirs, default_dir], roots)
    if theme.css:
        stylesheet += "\n/* theme.css */\n" + theme.css
    page = _render(
        env,
        BASE_TEMPLATE,
        {**shared, "sections": chapters, "stylesheet": Markup(stylesheet)},
        "theme",
        "base",
    )
    bases = [*([theme.folder] if theme.folder else []), default_dir, *plugin_dirs]
    page = inline_html(page, bases, roots, _("the report templates"))
    check_self_contained(page, _("the report's templates and sections"))
    return RenderedReport(
        page, roots, default_dir.as_uri() + "/", lang, shared["document"]["title"], warnings
    )


# -- sections ------------------------------------------------------------------------------


def _sections(
    result: AssessmentResult, plugins: Plugins, lang: str, appendix: bool, profile: str = "full"
) -> list[tuple[ReportSection, SectionView]]:
    collected: list[tuple[ReportSection, str]] = []
    for contribution in plugins.hooks.report_sections(result, lang, ReportSection):
        for section in contribution.items:
            collected.append((section, contribution.plugin))
    if not appendix:
        collected = [(s, n) for s, n in collected if not (n == "core-report" and s.id == "answers")]
    collected = apply_profile(collected, profile)
    views: list[tuple[ReportSection, SectionView]] = []
    anchors: set[str] = set()
    for section, plugin in collected:
        anchor = _anchor(section.id, anchors)
        kind = (
            "module"
            if section.id.startswith("module-") and plugin == "core-report"
            else (section.id if plugin == "core-report" else "plugin")
        )
        views.append(
            (
                section,
                SectionView(
                    section.id,
                    anchor,
                    section.title.get(lang),
                    section.order,
                    section.in_toc and section.within is None,
                    plugin,
                    kind,
                ),
            )
        )
    hosts = {s.id: view for s, view in views if s.within is None}
    for section, view in views:
        if section.within is None:
            continue
        host = hosts.get(section.within)
        if host is None:
            raise PluginError(
                view.plugin,
                "ccassess_report_sections",
                _("ReportSection {section}: within {within} names no section of the report").format(
                    section=repr(section.id), within=repr(section.within)
                ),
            )
        host.parts.append(view)
    return views


def _comment(
    env: jinja2.Environment,
    shared: dict[str, Any],
    section_id: str,
    result: AssessmentResult,
    lang: str,
) -> Markup:
    """The consultant's comment on a section (narrative.md), rendered and sanitised."""
    narrative = result.narrative
    if not narrative or section_id not in narrative.comments:
        return Markup("")
    context = {
        **shared,
        "t": Translator(lang, prefix="board_"),
        "comment": markdown_html(narrative.comments[section_id]),
    }
    return Markup(_render(env, COMMENT_TEMPLATE, context, "core-report", "comment"))


def _render_section(
    env: jinja2.Environment,
    shared: dict[str, Any],
    section: ReportSection,
    view: SectionView,
    lang: str,
) -> Markup:
    links = shared["plugin_links"]
    own = view.plugin == "core-report"
    # what a plugin marks safe (Markup in its context, its labels) passes the sanitiser
    data = section.context if own else sanitise_markup(section.context, links)
    context = {**shared, "section": view, "context": data}
    if section.labels or section.labels_domain or section.labels_prefix:
        labels = section.labels if own else _sanitised_labels(section.labels, links)
        context["t"] = Translator(
            lang,
            labels,
            domain=section.labels_domain or LABELS,
            prefix=section.labels_prefix,
            clean=None if own else (lambda value: str(sanitise(value, links))),
        )
    if not own:
        _refuse_unescaped(env, section.template, view.plugin, section.id)
    return Markup(_render(env, section.template, context, view.plugin, section.id))


def _section_css(
    sections: list[tuple[ReportSection, SectionView]], bases: list[Path], roots: list[Path]
) -> str:
    """The sections' own CSS (`ReportSection.css`), url() and @import inlined from the
    template folders; a problem names the section's plugin."""
    parts = []
    for section, view in sections:
        if not section.css:
            continue
        origin = _("section {section} of plugin {plugin}, css").format(
            section=repr(section.id), plugin=repr(view.plugin)
        )
        try:
            css = inline_css(section.css, bases, roots, origin)
        except CcassessError as exc:
            if view.plugin == "core-report":
                raise
            raise PluginError(view.plugin, None, exc.message.removeprefix("report: ")) from exc
        # inlined into a <style> element: "</" must not end it early
        title = origin.replace("*/", "* /")
        parts.append(f"\n/* {title} */\n" + css.replace("</", "<\\/"))
    return "".join(parts)


def _sanitised_labels(labels: Mapping[str, Text], links: bool) -> dict[str, Text]:
    """A plugin's labels are markup (`t()` returns them unescaped): sanitised, like `|safe`."""
    return {
        key: Text(*(str(sanitise(v, links)) if v else v for v in (label.de, label.en)))  # type: ignore[arg-type]
        for key, label in labels.items()
    }


def _refuse_unescaped(env: jinja2.Environment, name: str, plugin: str, section: str) -> None:
    """A plugin's template may not turn autoescaping off (``{% autoescape false %}``): its
    HTML would pass unsanitised."""
    try:
        source = env.loader.get_source(env, name)[0] if env.loader else ""
        tree = env.parse(source)
    except jinja2.TemplateError:
        return  # reported by the renderer, with file and line
    for node in tree.find_all((jinja2.nodes.ScopedEvalContextModifier,)):
        for option in getattr(node, "options", []):
            if option.key == "autoescape":
                raise PluginError(
                    plugin,
                    None,
                    _(
                        "section {section}, template {template}: turns autoescaping off (line "
                        "{line}); mark single values safe with |safe instead"
                    ).format(section=repr(section), template=repr(name), line=node.lineno),
                )


def _anchor(section_id: str, taken: set[str]) -> str:
    base = "sec-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", section_id).strip("-") or "section")
    anchor, counter = base, 2
    while anchor in taken:
        anchor, counter = f"{base}-{counter}", counter + 1
    taken.add(anchor)
    return anchor


def _plugin_template_dirs(plugins: Plugins) -> list[Path]:
    folders: list[Path] = []
    for contribution in plugins.hooks.template_dirs():
        for item in contribution.items:
            folder = Path(item)
            if not folder.is_dir():
                raise contribution.error(_("{folder} is not a folder").format(folder=folder))
            folders.append(folder.resolve())
    return folders


# -- Jinja ---------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _environment(search: tuple[Path, ...], default_dir: Path) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(default_dir)}),
            jinja2.FileSystemLoader(list(search)),
        ]
    )
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
        finalize=_typeset,
    )
    env.filters.update(
        safe=_safe,
        num=_num,
        pct=_pct,
        signed=_signed,
        day=_day,
        css_string=_css_string,
        css_font=_css_font,
        level_text=_level_text,
    )
    return env


def _render(
    env: jinja2.Environment, name: str, context: dict[str, Any], plugin: str, what: str
) -> str:
    """Render a template; what goes wrong in a plugin's section names the plugin (and the
    template's file and line), so that `--skip-broken-plugins` can leave that plugin out."""
    if plugin in ("theme", "core-report"):
        return _render_template(env, name, context, plugin, what)
    try:
        return _render_template(env, name, context, plugin, what)
    except PluginError:
        raise
    except CcassessError as exc:
        raise PluginError(plugin, None, exc.message.removeprefix("report: ")) from exc
    except Exception as exc:
        template = _filename(env, name)
        roots = (template,) if template else ()
        where = _("section {section}, template {template}").format(
            section=repr(what), template=repr(name)
        )
        raise failure(plugin, None, exc, roots, where) from exc


def _filename(env: jinja2.Environment, name: str) -> str | None:
    try:
        return env.get_template(name).filename
    except Exception:
        return None


def _render_template(
    env: jinja2.Environment, name: str, context: dict[str, Any], plugin: str, what: str
) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise CcassessError(
            _(
                "report: template {template} ({who}) was found neither in the theme, the "
                "default templates nor the plugins' template folders"
            ).format(template=repr(exc.name), who=_who(plugin, what))
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise CcassessError(
            _("report: template {file}:{line}: {message}").format(
                file=exc.filename or exc.name, line=exc.lineno, message=exc.message
            )
        ) from None
    except SecurityError as exc:
        message = _("report: template {template} ({who}): refused by the sandbox ({reason})")
        raise CcassessError(
            _at(exc, message.format(template=repr(name), who=_who(plugin, what), reason=exc))
        ) from None
    except jinja2.UndefinedError as exc:
        message = _("report: template {template} ({who}): {reason}")
        raise CcassessError(
            _at(
                exc, message.format(template=repr(name), who=_who(plugin, what), reason=exc.message)
            )
        ) from None
    except UnknownLabel as exc:
        message = _("report: template {template} ({who}): {reason}")
        raise CcassessError(
            _at(
                exc, message.format(template=repr(name), who=_who(plugin, what), reason=exc.args[0])
            )
        ) from None


def _at(exc: BaseException, message: str) -> str:
    """`message` and `` (at file:line)`` of the template line that failed, where Jinja's
    traceback has it."""
    where = origin(exc)
    # TRANSLATORS: {message} is a whole message, {where} a file and line
    return _("{message} (at {where})").format(message=message, where=where) if where else message


def _who(plugin: str, what: str) -> str:
    if plugin in ("theme", "core-report"):
        return what
    return _("section {section} of plugin {plugin}").format(section=repr(what), plugin=repr(plugin))


@jinja2.pass_context
def _typeset(ctx: Any, value: Any) -> Any:
    """Every text a template prints sets "%" as its language does ("49 %" with a no-break
    space in German, "49%" in English), wherever the text comes from (a module's wording, a
    plugin's finding). Markup (charts, translated strings) is left as it is."""
    if isinstance(value, str) and not isinstance(value, Markup) and "%" in value:
        return percent_spacing(value, ctx.get("lang", ""))
    return value


@jinja2.pass_context
def _safe(ctx: Any, value: Any) -> Markup:
    """``|safe``: HTML passes the allow-list sanitiser (no scripts, handlers, forms, frames,
    outside URLs; links only where the theme allows them)."""
    return sanitise(value, bool(ctx.get("plugin_links", False)))


@jinja2.pass_context
def _num(ctx: Any, value: float | None, digits: int = 0) -> str:
    return number(value, ctx["lang"], digits)


@jinja2.pass_context
def _pct(ctx: Any, value: float | None, digits: int = 0) -> str:
    return percent(value, ctx["lang"], digits)


@jinja2.pass_context
def _signed(ctx: Any, value: float | None, digits: int = 0) -> str:
    """A gap with its sign: +31, −4, ±0."""
    if value is None:
        return "–"
    shown = number(abs(value), ctx["lang"], digits)
    if shown == number(0, ctx["lang"], digits):
        return f"±{shown}"
    return f"+{shown}" if value > 0 else f"−{shown}"


@jinja2.pass_context
def _day(ctx: Any, value: str | None) -> str:
    return day(value, ctx["lang"])


@jinja2.pass_context
def _level_text(ctx: Any, level: int | None) -> str:
    return Translator(ctx["lang"])("level_n", n=level) if level else "–"


def _css_string(value: str) -> Markup:
    """A CSS string literal (for `content:`), safe inside a <style> element."""
    escaped = "".join(
        f"\\{ord(c):x} " if c in '"\\<>&\n\r' or ord(c) < 32 else c for c in str(value)
    )
    return Markup(f'"{escaped}"')


def _css_font(value: str) -> Markup:
    """A font stack from the theme (already validated: names, quotes, commas only)."""
    if not re.fullmatch(r'[A-Za-z0-9 _.,"-]*', value):
        raise CcassessError(_("report: invalid font stack {value}").format(value=repr(value)))
    return Markup(value)


def _theme_view(theme: Theme) -> dict[str, Any]:
    return {
        "name": theme.name,
        "logo": theme.logo,
        "colours": theme.colours,
        "levels": [
            {"level": i + 1, "colour": c, "text": readable_on(c), "tint": tint(c, 0.8)}
            for i, c in enumerate(theme.levels)
        ],
        "body_font": theme.font_stack("body"),
        "heading_font": theme.font_stack("heading"),
        "tints": {key: tint(value, 0.88) for key, value in theme.colours.items()},
    }
