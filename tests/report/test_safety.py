"""Themes and templates may read only their own files; hostile URLs stop the render."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ccassess.errors import CcassessError
from ccassess.report import ReportOptions
from ccassess.report.html import RenderedReport, render_html
from ccassess.report.pdf import html_to_pdf
from ccassess.report.theme import default_templates_dir, load_theme
from tests.report.conftest import EXAMPLE_THEME, section_html, text_of


def make_theme(tmp_path: Path, css: str = "", files: dict[str, str] | None = None) -> Path:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text("name: Test\n")
    if css:
        (theme / "theme.css").write_text(css)
    for name, content in (files or {}).items():
        path = theme / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return theme


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example/track.png",
        "https://evil.example/font.woff2",
        "file:///etc/passwd",
        "//evil.example/x.png",
        "/etc/passwd",
        "../outside.png",
    ],
)
def test_theme_css_with_a_hostile_url_is_refused(tmp_path, url):
    theme = make_theme(tmp_path, f"body {{ background: url({url}); }}\n")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(CcassessError) as caught:
        load_theme(theme)
    assert url in str(caught.value)
    assert "theme.css" in str(caught.value)


def test_theme_css_import_of_a_remote_stylesheet_is_refused(tmp_path):
    theme = make_theme(tmp_path, '@import "https://evil.example/x.css";\n')
    with pytest.raises(CcassessError, match=re.escape("https://evil.example/x.css")):
        load_theme(theme)


def test_theme_template_referencing_outside_files_is_refused(tmp_path):
    theme = make_theme(
        tmp_path,
        files={
            "templates/base.html": '{% extends "default/base.html" %}{% block head %}'
            '<link rel="stylesheet" href="http://evil.example/x.css">'
            "{% endblock %}"
        },
    )
    with pytest.raises(CcassessError) as caught:
        load_theme(theme)
    assert "http://evil.example/x.css" in str(caught.value) and "base.html" in str(caught.value)


def test_theme_template_with_passwd_image_is_refused(tmp_path):
    theme = make_theme(
        tmp_path, files={"templates/sections/cover.html": '<img src="file:///etc/passwd">'}
    )
    with pytest.raises(CcassessError, match="file:///etc/passwd"):
        load_theme(theme)


def test_symlink_out_of_the_theme_is_refused(tmp_path):
    theme = make_theme(tmp_path)
    os.symlink("/etc/passwd", theme / "logo.svg")
    with pytest.raises(CcassessError, match="outside the theme folder"):
        load_theme(theme)


def test_theme_logo_outside_the_folder_is_refused(tmp_path):
    theme = make_theme(tmp_path)
    (theme / "theme.yaml").write_text("logo: ../../../../etc/passwd\n")
    with pytest.raises(CcassessError, match="etc/passwd"):
        load_theme(theme)


def test_theme_values_are_validated(tmp_path):
    theme = make_theme(tmp_path)
    (theme / "theme.yaml").write_text('colours:\n  primary: "red; } body { display: none"\n')
    with pytest.raises(CcassessError, match=r"colours\.primary"):
        load_theme(theme)
    (theme / "theme.yaml").write_text('fonts:\n  body: "x\\"; } * { color: red"\n')
    with pytest.raises(CcassessError, match=r"fonts\.body"):
        load_theme(theme)


def test_theme_css_cannot_close_the_style_element(registry, small_result, tmp_path, render):
    theme = make_theme(tmp_path, "/* </style><script>alert(1)</script> */\n")
    document = render(small_result, theme=theme)
    assert document.count("</style>") == 1  # the theme's text stays inside the element
    assert "<script" not in document.split("</style>")[1]


def test_example_theme_files_are_inlined(small_result, render):
    document = render(small_result, theme=EXAMPLE_THEME)
    assert "Nordlicht Beratung · Vertraulich" in text_of(document)
    assert '<img class="cover-logo" src="data:image/svg+xml;base64,' in document


def test_client_logo_must_be_an_image(registry, small_result, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("root:x:0:0:root:/root:/bin/bash\n")
    small_result.info.logo = str(fake)
    try:
        with pytest.raises(CcassessError, match="not an image"):
            render_html(small_result, registry.plugins, ReportOptions())
        small_result.info.logo = "/etc/passwd"
        with pytest.raises(CcassessError, match="SVG, PNG"):
            render_html(small_result, registry.plugins, ReportOptions())
    finally:
        small_result.info.logo = None


def test_client_logo_is_embedded(registry, small_result, tmp_path):
    logo = tmp_path / "client.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    small_result.info.logo = str(logo)
    try:
        document = render_html(small_result, registry.plugins, ReportOptions()).inline_html()
    finally:
        small_result.info.logo = None
    assert 'class="cover-client-logo" src="data:image/svg+xml;base64,' in section_html(
        document, "cover"
    )


@pytest.mark.slow
@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.png"])
def test_the_pdf_fetcher_refuses_what_slipped_through(url):
    """Second line of defence: WeasyPrint reads only through the SafeFetcher."""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<image href="{url}" width="10" height="10"/></svg>'
    )
    import base64

    nested = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    for body in (
        f'<img src="{url}">',
        f'<img src="{nested}">',
        f'<a rel="attachment" href="{url}">x</a>',
    ):
        rendered = RenderedReport(
            f"<html><body>{body}</body></html>",
            [default_templates_dir()],
            default_templates_dir().as_uri() + "/",
            "de",
            "t",
        )
        with pytest.raises(CcassessError) as caught:
            html_to_pdf(rendered, ReportOptions())
        assert url in str(caught.value) and "refused" in str(caught.value)


def test_theme_templates_run_in_the_sandbox(tmp_path, small_result, render):
    theme = make_theme(
        tmp_path,
        files={"templates/sections/cover.html": "{{ ''.__class__.__mro__[1].__subclasses__() }}"},
    )
    with pytest.raises(CcassessError, match="sandbox"):
        render(small_result, theme=theme)
