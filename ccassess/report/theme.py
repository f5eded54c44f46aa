"""Where templates come from and what a theme may change.

The default theme is templates/ (shipped in the package). A consultant's theme folder holds
any of:

- ``theme.yaml``: name, logo, colours, fonts (merged over the default theme's theme.yaml);
- ``theme.css``: extra CSS, appended after the default stylesheet;
- ``templates/``: templates overriding the default ones by name, or extending them through
  Jinja inheritance (``{% extends "default/base.html" %}``);
- the files these reference (logo, fonts, images), which must lie inside the folder.

A theme that references a file outside its folder or a remote URL is refused before
anything renders, with a message naming the theme file and the reference.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ccassess
from ccassess.catalogs import _
from ccassess.errors import CcassessError, Location
from ccassess.io.structured import read_structured
from ccassess.report.charts.colours import COLOUR_NAMES
from ccassess.report.css_limits import check_css, check_template_css
from ccassess.report.resources import check_theme_source, data_url, inline_css, is_inside, resolve

PACKAGE_DIR = Path(ccassess.__file__).parent
THEME_FILE = "theme.yaml"
THEME_CSS = "theme.css"
DEFAULT_CSS = "report.css"
THEME_KEYS = {"name", "logo", "colours", "colors", "fonts", "plugin_links"}
FONT_KEYS = ("body", "heading")
LEVEL_COUNT = 5
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
FONT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$")
GENERIC_FONTS = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}


def default_templates_dir() -> Path:
    """templates/ inside the installed package (wheel), or the repository's (editable)."""
    packaged = PACKAGE_DIR / "templates"
    if (packaged / "base.html").is_file():
        return packaged
    repository = PACKAGE_DIR.parent / "templates"
    if (repository / "base.html").is_file():
        return repository
    raise FileNotFoundError(
        _(
            "the default report templates are missing (looked in {packaged} and "
            "{repository}); the installation is incomplete"
        ).format(packaged=packaged, repository=repository)
    )


@dataclass
class Theme:
    """A resolved theme: the default theme with a consultant's folder applied."""

    name: str
    colours: dict[str, str]
    levels: list[str]
    fonts: dict[str, list[str]]
    #: The logo as a data: URL (None: no logo).
    logo: str | None
    #: The theme's own CSS with every url() inlined ("" without one).
    css: str = ""
    #: Whether links (http, https, mailto) in plugins' sections stay links; by default a
    #: plugin's link is reduced to its text (the report is printed and read offline).
    plugin_links: bool = False
    #: The consultant's theme folder (None for the default theme).
    folder: Path | None = None
    templates: Path | None = None

    def font_stack(self, role: str) -> str:
        """A CSS font-family value: the theme's fonts, DejaVu Sans, a generic family."""
        names = dict.fromkeys([*self.fonts.get(role, []), "DejaVu Sans"])
        stack = [name if name in GENERIC_FONTS else f'"{name}"' for name in names]
        if not GENERIC_FONTS & set(names):
            stack.append("sans-serif")
        return ", ".join(stack)


def load_theme(folder: Path | None) -> Theme:
    """The default theme, with the consultant's theme folder applied when given."""
    default_dir = default_templates_dir()
    config = _read_config(default_dir / THEME_FILE)
    theme = _build(config, default_dir / THEME_FILE)
    theme.logo = _logo(config, default_dir, default_dir / THEME_FILE)
    if folder is None:
        return theme
    folder = Path(folder)
    if not folder.is_dir():
        raise CcassessError(_("{folder}: theme folder not found").format(folder=folder))
    root = Path(os.path.realpath(folder))
    _check_files(root)
    own_file = root / THEME_FILE
    if own_file.is_file():
        own = _read_config(own_file)
        logo = _logo(own, root, own_file) if "logo" in own else theme.logo
        theme = _build(_merge(config, own), own_file, fallback=theme)
        theme.logo = logo
    theme.folder = root
    css_file = root / THEME_CSS
    if css_file.is_file():
        text = css_file.read_text("utf-8")
        check_theme_source(text, root, root, str(css_file))
        check_css(text, str(css_file))
        # Inlined into a <style> element: "</" must not end it early.
        theme.css = inline_css(text, [root], [root], str(css_file)).replace("</", "<\\/")
    templates = root / "templates"
    if templates.is_dir():
        for path in sorted(templates.rglob("*")):
            if path.is_file():
                source = path.read_text("utf-8", errors="replace")
                check_theme_source(source, root, root, str(path))
                if path.suffix.lower() == ".css":
                    check_css(source, str(path))
                else:
                    check_template_css(source, str(path))
        theme.templates = templates
    return theme


def _logo(config: dict[str, Any], folder: Path, file: Path) -> str | None:
    reference = config.get("logo")
    if not reference:
        return None
    if not isinstance(reference, str):
        raise CcassessError(_("expected a file name"), Location(str(file), path="logo"))
    origin = f"{file}: logo"
    return data_url(resolve(reference, [folder], [folder], origin), origin)


def _check_files(root: Path) -> None:
    """Every file in a theme folder must really be inside it (no symlinks leading out)."""
    for dirpath, _dirnames, filenames in os.walk(root, followlinks=False):
        for name in filenames:
            path = Path(dirpath) / name
            if not is_inside(path, [root]):
                raise CcassessError(
                    _(
                        "report: refused resource {file} in theme {theme} (it links to "
                        "{target}, outside the theme folder)"
                    ).format(file=path, theme=root, target=os.path.realpath(path))
                )


def _read_config(path: Path) -> dict[str, Any]:
    data = read_structured(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CcassessError(
            _("expected a mapping (name, logo, colours, fonts)"), Location(str(path))
        )
    unknown = sorted(set(data) - THEME_KEYS)
    if unknown:
        raise CcassessError(
            _("unknown key {key}; known: {known}").format(
                key=repr(unknown[0]), known=", ".join(sorted(THEME_KEYS))
            ),
            Location(str(path), path=unknown[0]),
        )
    if "colors" in data:
        data = dict(data)
        data["colours"] = data.pop("colors")
    return dict(data)


def _merge(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = {**base[key], **value}
        else:
            merged[key] = value
    return merged


def _build(config: dict[str, Any], file: Path, fallback: Theme | None = None) -> Theme:
    def fail(key: str, message: str) -> CcassessError:
        return CcassessError(message, Location(str(file), path=key))

    colours_data = config.get("colours") or {}
    if not isinstance(colours_data, dict):
        raise fail("colours", _("expected a mapping of colour names to #rrggbb values"))
    colours: dict[str, str] = {}
    for key in COLOUR_NAMES:
        value = colours_data.get(key)
        if value is None and fallback is not None:
            value = fallback.colours[key]
        if not isinstance(value, str) or not HEX_COLOUR.match(value):
            raise fail(
                f"colours.{key}",
                _("expected a colour like '#17365d', got {value}").format(value=repr(value)),
            )
        colours[key] = _long_hex(value)
    unknown = sorted(set(colours_data) - set(COLOUR_NAMES) - {"levels"})
    if unknown:
        raise fail(
            f"colours.{unknown[0]}",
            _("unknown colour {colour}; known: {known}").format(
                colour=repr(unknown[0]), known=", ".join((*COLOUR_NAMES, "levels"))
            ),
        )
    levels = colours_data.get("levels", fallback.levels if fallback else None)
    if (
        not isinstance(levels, list)
        or len(levels) != LEVEL_COUNT
        or not all(isinstance(v, str) and HEX_COLOUR.match(v) for v in levels)
    ):
        raise fail(
            "colours.levels",
            _("expected a list of {n} colours like '#c23b3b' (level 1 to 5)").format(n=LEVEL_COUNT),
        )
    fonts_data = config.get("fonts") or {}
    if not isinstance(fonts_data, dict):
        raise fail("fonts", _("expected a mapping: body, heading → font family names"))
    fonts: dict[str, list[str]] = {}
    for key in FONT_KEYS:
        value = fonts_data.get(key, fonts_data.get("body"))
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(
            isinstance(n, str) and FONT_NAME.match(n) for n in names
        ):
            raise fail(
                f"fonts.{key}",
                _(
                    "expected a font family name (letters, digits, spaces, - _ .) or a list of "
                    "them, got {value}"
                ).format(value=repr(value)),
            )
        fonts[key] = names
    name = config.get("name", "")
    if not isinstance(name, str):
        raise fail("name", _("expected text"))
    links = config.get("plugin_links", fallback.plugin_links if fallback else False)
    if not isinstance(links, bool):
        raise fail(
            "plugin_links", _("expected true or false, got {value}").format(value=repr(links))
        )
    return Theme(
        name=name,
        colours=colours,
        levels=[_long_hex(v) for v in levels],
        fonts=fonts,
        logo=None,
        plugin_links=links,
    )


def _long_hex(value: str) -> str:
    if len(value) == 4:
        return "#" + "".join(c * 2 for c in value[1:])
    return value.lower()
