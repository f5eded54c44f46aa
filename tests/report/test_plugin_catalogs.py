"""A plugin's section labels come from its own catalog (plugin API 1.3): a ``locale/`` folder
beside the plugin, found when the plugin is loaded, named by ``ReportSection.labels_domain``."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ccassess import CcassessError, catalog_text, label
from ccassess.actions.load_plugins import load_registry
from ccassess.catalogs import LOCALE_DIR, PSEUDO
from ccassess.plugin.locale import plugin_locale
from ccassess.plugin.registry import Registry
from ccassess.report import ReportOptions
from ccassess.report.html import render_html
from tests.report.conftest import section_html
from tests.report.synthetic import synthetic_result

PLUGIN = """
from pathlib import Path

from ccassess import ReportSection, catalog_text, hookimpl, label

DOMAIN = "{domain}"


@hookimpl
def ccassess_template_dirs():
    return [Path(__file__).parent / "templates"]


@hookimpl
def ccassess_report_sections(result, lang):
    return [
        ReportSection(
            "acme",
            catalog_text("acme_title", DOMAIN),
            "acme.html",
            context={{"name": "<Welt>", "said": label(lang, "from_code", DOMAIN)}},
            labels_domain=DOMAIN,
        )
    ]
"""
TEMPLATE = (
    "<h2>{{ section.title }}</h2><p>{{ t('hello', name=context.name) }} · {{ t('n') }}"
    " · {{ t('only_english') }} · {{ context.said }} · {{ t('marked') }}</p>"
)
CATALOGS = {
    "en": {
        "acme_title": "Acme check",
        "hello": "Hello {name}",
        "from_code": "said in code",
        "only_english": "English only",
        "marked": "<b>bold</b><script>alert(1)</script>",
    },
    "de": {
        "acme_title": "Acme-Prüfung",
        "hello": "Hallo {name}",
        "from_code": "im Code gesagt",
        "marked": "<b>fett</b><script>alert(1)</script>",
    },
}


def po(entries: dict[str, str]) -> str:
    body = "".join(f'\nmsgid "{key}"\nmsgstr "{text}"\n' for key, text in entries.items())
    return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n' + body


def plugin_folder(tmp_path: Path, domain: str) -> Path:
    folder = tmp_path / "plugins"
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "acme.html").write_text(TEMPLATE, "utf-8")
    (folder / "acme.py").write_text(textwrap.dedent(PLUGIN.format(domain=domain)), "utf-8")
    for lang, entries in CATALOGS.items():
        messages = folder / "locale" / lang / "LC_MESSAGES"
        messages.mkdir(parents=True)
        (messages / f"{domain}.po").write_text(po(entries), "utf-8")
    return folder


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    return load_registry(plugin_folder(tmp_path_factory.mktemp("acme"), "acme_labels"))


def render(registry: Registry, lang: str) -> str:
    result = synthetic_result(registry, modules=("leadership",))
    options = ReportOptions(format="html", lang=lang)
    return render_html(result, registry.plugins, options).inline_html()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "de",
            "<h2>Acme-Prüfung</h2><p>Hallo &lt;Welt&gt; · n · English only · im Code gesagt"
            " · <b>fett</b></p>",
        ),
        (
            "en",
            "<h2>Acme check</h2><p>Hello &lt;Welt&gt; · n · English only · said in code"
            " · <b>bold</b></p>",
        ),
    ],
)
def test_a_plugin_section_takes_its_labels_from_its_catalog(registry, lang, expected):
    section = section_html(render(registry, lang), "acme")
    # its own labels first, then the report's ("n"); a key its German catalog lacks falls
    # back to English; values escaped; its labels are markup, sanitised like |safe
    assert expected in section
    assert "<script" not in section


def test_the_pseudo_language_wraps_a_plugin_s_labels(registry):
    section = section_html(render(registry, PSEUDO), "acme")
    assert "<h2>[[Acme check]]</h2><p>[[Hello &lt;Welt&gt;]] · [[n]] · [[English only]]" in section


def test_an_unknown_key_of_a_plugin_catalog_is_an_error(registry):
    with pytest.raises(KeyError, match="'nope'"):
        label("de", "nope", "acme_labels")
    with pytest.raises(KeyError, match="'nope'"):
        catalog_text("nope", "acme_labels")


def test_a_plugin_without_a_locale_folder_has_none(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "plain.py").write_text("X = 1\n", "utf-8")
    registry = load_registry(folder)
    assert "local:plain" in registry.plugins.info
    assert plugin_locale(object()) is None


def test_a_package_s_locale_folder_is_found_from_any_of_its_modules():
    import ccassess_silo_check
    import ccassess_silo_check.report

    expected = Path(ccassess_silo_check.__file__).parent / "locale"
    assert plugin_locale(ccassess_silo_check) == expected
    assert plugin_locale(ccassess_silo_check.report) == expected
    assert plugin_locale(ccassess_silo_check.report.silo_sections) == expected  # a function
    assert plugin_locale(label) is None or plugin_locale(label) == LOCALE_DIR  # the core's


def test_a_labels_domain_that_is_not_a_name_is_a_one_line_error(tmp_path):
    folder = plugin_folder(tmp_path, "acme_bad")
    source = (folder / "acme.py").read_text("utf-8")
    (folder / "acme.py").write_text(source.replace("labels_domain=DOMAIN", "labels_domain=3"))
    registry = load_registry(folder)
    with pytest.raises(CcassessError) as caught:
        render(registry, "en")
    assert str(caught.value) == (
        "plugin 'local:acme', hook ccassess_report_sections: ReportSection 'acme': "
        "labels_domain must be a catalog domain (str), got 3"
    )
