"""Content checks on the built-in modules: sources, duplicates and mirrored items."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MODULE_FILES = sorted((ROOT / "plugins").glob("ccassess_*/module.yaml"))
RAW_SOURCE_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
INTERNAL_FRAMING = {"de": "Unsere Kunden würden sagen: ", "en": "Our customers would say that "}


def questions() -> list[tuple[str, dict]]:
    found = []
    for path in MODULE_FILES:
        module = yaml.safe_load(path.read_text("utf-8"))
        for dimension in module["dimensions"]:
            found += [(module["id"], q) for q in dimension["questions"]]
    return found


def bibliography_keys() -> set[str]:
    text = (ROOT / "docs" / "sources.md").read_text("utf-8")
    return set(re.findall(r"^\| `([^`]+)` \|", text, re.M))


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def texts(question: dict) -> list[str]:
    text = question["text"]
    if "internal" in text:
        return [text["customer"]["de"], text["customer"]["en"], text["internal"]["de"]]
    return [text["de"], text["en"]]


def test_the_modules_are_found() -> None:
    assert len(MODULE_FILES) == 7


@pytest.mark.parametrize(("module", "question"), questions(), ids=lambda v: str(v)[:40])
def test_every_source_is_a_bibliography_key(module: str, question: dict) -> None:
    assert question["source"] in bibliography_keys(), f"{module}.{question['id']}"


def test_no_two_items_share_a_text() -> None:
    seen: dict[str, str] = {}
    for module, question in questions():
        for text in texts(question):
            key = normalised(text)
            where = f"{module}.{question['id']}"
            assert key not in seen, f"{where} repeats {seen[key]}: {text}"
            seen[key] = where


def test_question_ids_are_unique_across_modules() -> None:
    ids = [question["id"] for _, question in questions()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("module", "question"),
    [(m, q) for m, q in questions() if q.get("perspective") == "both"],
    ids=lambda v: str(v)[:40],
)
def test_mirrored_items_have_both_texts_and_one_framing(module: str, question: dict) -> None:
    text = question["text"]
    for side in ("internal", "customer"):
        for lang in ("de", "en"):
            assert text[side][lang].strip(), f"{module}.{question['id']} {side}/{lang}"
    for lang, prefix in INTERNAL_FRAMING.items():
        assert text["internal"][lang].startswith(prefix), f"{module}.{question['id']} {lang}"


@pytest.mark.parametrize(
    ("module", "question"),
    [(m, q) for m, q in questions() if q.get("perspective") in ("both", "customer")],
    ids=lambda v: str(v)[:40],
)
def test_customer_texts_name_no_department_or_module(module: str, question: dict) -> None:
    text = question["text"].get("customer", question["text"])
    for lang in ("de", "en"):
        words = normalised(text[lang])
        assert module.replace("_", " ") not in words
        assert "abteilung" not in words or "von einer abteilung zur nächsten" in words


def test_no_raw_source_file_names_in_plugins_or_docs() -> None:
    suffixes = {".yaml", ".md", ".py", ".html"}
    for folder in ("plugins", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in suffixes and "responses" not in path.parts:
                found = RAW_SOURCE_FILE.search(path.read_text("utf-8", errors="replace"))
                assert not found, f"{path.relative_to(ROOT)}: {found.group(0) if found else ''}"


def test_bain_is_quoted_as_firms_not_customers() -> None:
    readmes = (ROOT / "plugins").glob("*/README.md")
    for path in [*MODULE_FILES, *readmes, ROOT / "docs" / "index.md"]:
        text = path.read_text("utf-8")
        assert "8 % ihrer Kunden" not in text and "8 % of their customers" not in text, path
        assert "92 %" not in text, path
