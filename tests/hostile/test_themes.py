"""Hostile themes and logos (issue 17, "Themes"): what a theme or an assessment's `logo:` can
make the renderer read, allocate, loop on or leave in the HTML.

- `logo:` with an absolute path or a symlink out of the assessment's folder: exit 2 naming
  the key; a logo inside the folder is embedded (and copied into a workspace by `init`).
- a theme's CSS asking for a page of 100000cm or a font of 1e9px: exit 2 naming the file and
  line, before anything renders.
- a theme template that loops for ever: stopped by the render time limit; one that eats
  memory: stopped by the memory limit; both exit 2 with a one-line error.
- <object data=http…>, <iframe>, <meta http-equiv=refresh> from a theme's template: refused,
  never in the HTML.
- a damaged or oversized logo: the report is written without it and a warning names the file.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

# Imported on purpose: WeasyPrint makes Pillow load truncated images silently, as it does in
# any process that has rendered a report; the logo check must not depend on import order.
import weasyprint  # noqa: F401

from tests.hostile.conftest import assert_refused
from tests.hostile.kit import people, write_assessment, write_responses

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="40" height="20"/></svg>'
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An assessment folder with answers (five leadership respondents)."""
    here = tmp_path / "assessment"
    write_assessment(here)
    write_responses(here / "responses.yaml", people("I", 5))
    return here


def _report(run: Callable, folder: Path, *extra: object, fmt: str = "html", env=None):
    target = folder.parent / f"report.{fmt}"
    result = run(
        "report",
        "-a",
        folder / "assessment.yaml",
        folder / "responses.yaml",
        "--format",
        fmt,
        "-o",
        target,
        *extra,
        env=env,
    )
    return result, target


def _theme(tmp_path: Path, css: str = "", templates: dict[str, str] | None = None) -> Path:
    theme = tmp_path / "theme"
    (theme / "templates" / "sections").mkdir(parents=True)
    (theme / "theme.yaml").write_text("name: Feindlich\n")
    if css:
        (theme / "theme.css").write_text(css)
    for name, text in (templates or {}).items():
        (theme / "templates" / name).write_text(text)
    return theme


# -- the assessment's logo -------------------------------------------------------------------


def test_logo_with_an_absolute_path_is_refused(run, folder, tmp_path):
    elsewhere = tmp_path / "elsewhere.svg"
    elsewhere.write_text(SVG)
    write_assessment(folder, logo=str(elsewhere))
    result, target = _report(run, folder)
    assert_refused(result, "assessment.yaml", "logo", "absolute path")
    assert not target.exists()
    init = run("init", tmp_path / "ws", "--from", folder / "assessment.yaml")
    assert_refused(init, "logo", "absolute path")


def test_logo_symlink_out_of_the_folder_is_refused(run, folder, tmp_path):
    secret = tmp_path / "secret.svg"
    secret.write_text(SVG.replace("<rect", "<text>geheim</text><rect"))
    os.symlink(secret, folder / "logo.svg")
    write_assessment(folder, logo="logo.svg")
    result, target = _report(run, folder)
    assert_refused(result, "logo", "leads outside the assessment's folder")
    assert not target.exists()
    write_assessment(folder, logo="../secret.svg")
    assert_refused(_report(run, folder)[0], "logo", "leads outside")


def test_logo_inside_the_folder_is_embedded_and_brought_into_a_workspace(run, folder, tmp_path):
    (folder / "logo.svg").write_text(SVG)
    write_assessment(folder, logo="logo.svg")
    result, target = _report(run, folder)
    assert result.exit_code == 0, result.output
    assert 'class="cover-client-logo" src="data:image/svg+xml;base64,' in target.read_text()
    workspace = tmp_path / "ws"
    assert run("init", workspace, "--from", folder / "assessment.yaml").exit_code == 0
    assert (workspace / "logo.svg").read_text() == SVG
    assert "logo: logo.svg" in (workspace / "assessment.yaml").read_text()


def _png(width: int, height: int, body: bytes | None = None) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * (width + 1) * min(height, 4)) if body is None else body
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("broken.png", _png(4, 4, body=b"not zlib at all"), "damaged"),
        ("huge.png", _png(30_000, 30_000), "oversized"),
        ("broken.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect", "damaged"),
        ("huge.svg", SVG.replace('width="40"', 'width="1e9"'), "oversized"),
    ],
)
def test_damaged_or_oversized_logo_is_left_out_with_a_warning(run, folder, name, content, why):
    logo = folder / name
    logo.write_bytes(content if isinstance(content, bytes) else content.encode())
    write_assessment(folder, logo=name)
    result, target = _report(run, folder)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and name in warnings[0] and why in warnings[0], result.stderr
    assert 'class="cover-client-logo"' not in target.read_text()


# -- what a theme can ask of the renderer ----------------------------------------------------


@pytest.mark.parametrize(
    ("css", "shown"),
    [
        ("@page {\n  size: 100000cm 100000cm;\n}\n", "size: 100000cm"),
        ("body { color: #123; }\nh1 { font-size: 1e9px }\n", "font-size: 1e9px"),
        ("p { font: bold 5000pt serif }\n", "font: 5000pt"),
        (".x { width: 99999999% }\n", "width: 99999999%"),
        (".y { line-height: 1e12 }\n", "line-height: 1e12"),
    ],
)
def test_theme_css_beyond_the_limits_is_refused_before_rendering(run, folder, tmp_path, css, shown):
    theme = _theme(tmp_path, css)
    result, target = _report(run, folder, "--theme", theme, fmt="pdf")
    line = css[: css.index(shown.split(":")[0] + ":")].count("\n") + 1
    assert_refused(result, f"theme.css:{line}", shown.split(":")[0])
    assert not target.exists()


def test_theme_template_style_beyond_the_limits_is_refused(run, folder, tmp_path):
    cover = '<section><p style="font-size: 1e9px">x</p></section>\n'
    theme = _theme(tmp_path, templates={"sections/cover.html": cover})
    result, _ = _report(run, folder, "--theme", theme)
    assert_refused(result, "cover.html:1", "font-size")


def test_sensible_theme_css_still_renders(run, folder, tmp_path):
    css = "@page { size: A3 landscape; margin: 2cm }\nh1 { font-size: 28pt; line-height: 1.2 }\n"
    result, target = _report(run, folder, "--theme", _theme(tmp_path, css))
    assert result.exit_code == 0, result.output
    assert "font-size: 28pt" in target.read_text()


def test_template_that_loops_for_ever_is_stopped(run, folder, tmp_path):
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    theme = _theme(tmp_path, templates={"sections/cover.html": loops})
    env = {"CCASSESS_RENDER_SECONDS": "3"}
    result, target = _report(run, folder, "--theme", theme, env=env)
    assert_refused(result, "time limit (3 s", "CCASSESS_RENDER_SECONDS")
    assert not target.exists()


def test_template_that_eats_memory_is_stopped(run, folder, tmp_path):
    greedy = "{% set x = 'x' * 4000000000 %}{{ x | length }}"
    theme = _theme(tmp_path, templates={"sections/cover.html": greedy})
    env = {"CCASSESS_RENDER_MEMORY_MB": "300"}
    result, target = _report(run, folder, "--theme", theme, env=env)
    assert_refused(result, "memory limit", "CCASSESS_RENDER_MEMORY_MB")
    assert not target.exists()


# -- the HTML stays self-contained -----------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "named"),
    [
        ("<object data=http://127.0.0.1:9/x.svg></object>", "<object>"),
        ('<object data="http://127.0.0.1:9/x.svg" type="image/svg+xml"></object>', "<object>"),
        ('<iframe src="https://example.org/"></iframe>', "<iframe>"),
        ("<iframe srcdoc='&lt;p&gt;x'></iframe>", "<iframe>"),
        ('<meta http-equiv="refresh" content="0; url=https://example.org/">', "refresh"),
        ("<img src=http://127.0.0.1:9/x.png>", "<img src="),
        ('<p onmouseover="alert(1)">x</p>', "onmouseover"),
        ('<embed src="x.swf">', "<embed>"),
    ],
)
def test_remote_and_active_markup_never_reaches_the_html(run, folder, tmp_path, markup, named):
    """Quoted references are refused when the theme is read (naming the reference); the
    rest by the final check of the HTML (naming the element)."""
    theme = _theme(tmp_path, templates={"sections/cover.html": f"<section>{markup}</section>"})
    result, target = _report(run, folder, "--theme", theme)
    assert_refused(result, "refused")
    message = result.stderr
    assert named in message or ("self-contained" not in message and "resource" in message)
    assert not target.exists()
