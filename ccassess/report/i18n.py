"""The report's labels: `t("key")` in every template, looked up in the ``labels`` catalogs.

Templates never hard-code a language. `t("key")` returns the label in the report's language
(``ccassess/locale/<lang>/LC_MESSAGES/labels.po``); `t("key", n=…)` fills {placeholders} with
values that the caller has already formatted (they are escaped). A section may bring its own
labels: a plugin's catalog domain (`ReportSection.labels_domain`) and/or a key prefix (the
built-in sections' ``board_…``, ``trend_…``), which its template's `t` finds first. An unknown
key is an error, so a typo cannot slip into a report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ccassess.catalogs import LABELS, has_label, label
from ccassess.text import Text


@dataclass(frozen=True, slots=True)
class LabelText(Text):
    """A label where a `Text` is expected (a section's title): `get` asks the catalog, so
    every language with a catalog (and the pseudo language) gets its own text."""

    key: str = ""
    domain: str = LABELS

    def get(self, lang: str) -> str:
        return label(lang, self.key, self.domain)


def catalog_text(key: str, domain: str = LABELS) -> Text:
    """The label `key` of catalog `domain` as a Text, e.g. a plugin's section title:
    ``ReportSection("silo", catalog_text("silo", "ccassess_silo_check_labels"), …)``. An unknown key
    is an error here already."""
    return LabelText(label("de", key, domain), label("en", key, domain), key=key, domain=domain)


def text(key: str) -> Text:
    """The report's label `key` as a Text (section titles are Text)."""
    return catalog_text(key)


class UnknownLabel(KeyError):
    """A template asked for a label that neither its section nor the report has."""


class Translator:
    """t(key, **values) for one language; values are escaped, the catalogs are trusted.

    A key is looked up in this order: `labels` (the deprecated ``ReportSection.labels``,
    Text objects), then ``prefix + key`` in `domain` (a section's own labels), then `key` in
    the report's ``labels`` catalog. `clean` sanitises what a plugin's catalog returns.
    """

    def __init__(
        self,
        lang: str,
        labels: Mapping[str, Text] | None = None,
        *,
        domain: str = LABELS,
        prefix: str = "",
        clean: Callable[[str], str] | None = None,
    ) -> None:
        self.lang = lang
        self.labels = labels or {}
        self.domain = domain
        self.prefix = prefix
        self.clean = clean

    def __call__(self, key: str, **values: object) -> Markup:
        template = self.lookup(key)
        return Markup(template).format(**values) if values else Markup(template)

    def lookup(self, key: str) -> str:
        own = self.labels.get(key)
        if own is not None:
            return own.get(self.lang)
        if self.domain != LABELS or self.prefix:
            wanted = self.prefix + key
            if has_label(self.lang, wanted, self.domain):
                found = label(self.lang, wanted, self.domain)
                return self.clean(found) if self.clean else found
        if has_label(self.lang, key):
            return label(self.lang, key)
        raise UnknownLabel(
            f"report string {key!r} is neither in the section's labels nor in the labels "
            "catalog (ccassess/locale/en/LC_MESSAGES/labels.po)"
        )
