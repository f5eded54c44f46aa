"""The pseudo language ``qps`` wraps every label in [[…]]: a report rendered in it shows which
texts bypass the catalogs. What is left once the wrapped labels, the numbers and the data
(module content, the assessment's names, the analysis' texts) are taken out must hold no word:
then every word of the report's own comes from a catalog."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest

from ccassess.catalogs import PSEUDO
from ccassess.format import day
from ccassess.model.result import AssessmentResult
from ccassess.plugin.registry import Registry
from ccassess.report import ReportOptions
from ccassess.report.html import render_html
from ccassess.report.narrative import markdown_html
from ccassess.testing import visible_text
from ccassess.text import Text

#: A word: three letters or more (ids and units such as "n", "r_wg", "%" are shorter).
WORD = re.compile(r"[^\W\d_]{3,}")


def strings(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every text a value holds: the data the report shows (module content in English and
    German, names, the analysis' texts)."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield value
        return
    if id(value) in seen or value is None or isinstance(value, int | float | bool):
        return
    seen.add(id(value))
    if isinstance(value, Text):
        yield from (text for text in (value.de, value.en) if text)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key, seen)
            yield from strings(item, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from strings(item, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name), seen)


def data_texts(result: AssessmentResult, registry: Registry) -> list[str]:
    """The data as a reader sees it (markdown rendered), longest first: a longer text goes
    before the shorter ones it contains."""
    found = set(strings(result)) | set(strings(list(registry.modules.values())))
    # the assessment's date, as Babel writes it (locale data, not a label)
    found.add(day(result.info.date, PSEUDO))
    shown = {" ".join(text.split()) for text in found}
    shown |= {visible_text(str(markdown_html(text))) for text in found}
    return sorted((text for text in shown if WORD.search(text)), key=len, reverse=True)


def unwrapped(text: str) -> str:
    """The text outside [[…]]; labels may hold labels ("[[[[staff]]: 35 of 60]]") and single
    brackets ("[…]")."""
    kept: list[str] = []
    depth = index = 0
    while index < len(text):
        if text.startswith("[[", index):
            depth, index = depth + 1, index + 2
        elif depth and text.startswith("]]", index):
            depth, index = depth - 1, index + 2
            kept.append(" ")
        else:
            if not depth:
                kept.append(text[index])
            index += 1
    return "".join(kept)


def leftover_words(html: str, data: list[str]) -> list[str]:
    text = unwrapped(visible_text(html))
    for item in data:
        text = text.replace(item, " ")
    return sorted(set(WORD.findall(text)))


@pytest.fixture(scope="module")
def pseudo_html(registry: Registry, demo_result: AssessmentResult) -> str:
    options = ReportOptions(format="html", lang=PSEUDO, appendix=False)
    return render_html(demo_result, registry.plugins, options).inline_html()


def test_every_word_of_the_report_comes_from_a_catalog(pseudo_html, demo_result, registry):
    assert "[[" in pseudo_html
    assert leftover_words(pseudo_html, data_texts(demo_result, registry)) == []


def test_a_text_that_bypasses_the_catalogs_is_found(pseudo_html, demo_result, registry):
    """The check above can fail: an unwrapped sentence is left over."""
    bypassing = pseudo_html.replace("</body>", "<p>Handwritten sentence</p></body>")
    assert leftover_words(bypassing, data_texts(demo_result, registry)) == [
        "Handwritten",
        "sentence",
    ]


def test_module_content_falls_back_to_english(pseudo_html, demo_result):
    title = demo_result.modules[0].title
    assert title.en and title.de and title.en != title.de
    text = visible_text(pseudo_html)
    assert title.en in text and title.de not in text


def test_the_cli_takes_the_pseudo_language_without_listing_it(run, tmp_path):
    target = tmp_path / "report.html"
    done = run("demo", "--lang", PSEUDO, "--format", "html", "-o", target)
    assert done.exit_code == 0, done.output
    assert "[[" in target.read_text("utf-8")
    assert PSEUDO not in run("demo", "--help").output


@pytest.mark.slow
def test_a_pseudo_language_pdf_has_wrapped_bookmarks(run, tmp_path, demo_result):
    from pypdf import PdfReader

    target = tmp_path / "report.pdf"
    done = run("demo", "--lang", PSEUDO, "-o", target)
    assert done.exit_code == 0, done.output
    titles = [item.title for item in PdfReader(target).outline if not isinstance(item, list)]
    modules = {module.title.en for module in demo_result.modules}
    assert titles and all(t.startswith("[[") or t in modules for t in titles), titles
    assert any(t in modules for t in titles)  # module content: English, not wrapped
