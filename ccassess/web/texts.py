"""What the web pages say: the ``web_…`` labels of the catalogs, in the page's language.

The respondent's pages and the consultant's overview read their texts through `PageTexts`
(``t.next`` in a template, ``t["next"]`` in code is the label ``web_next``), so a language
with a catalog is a language the questionnaire speaks.
"""

from __future__ import annotations

from ccassess.catalogs import PSEUDO, label, languages


def page_language(wanted: str, fallback: str) -> str:
    """The language a page is shown in: the one asked for when it has a catalog (the pseudo
    language of the tests too), else the assessment's, else German."""
    for lang in (wanted, fallback):
        if lang in languages() or lang == PSEUDO:
            return lang
    return "de"


class PageTexts:
    """The labels of one area of the pages (``web_``, ``web_admin_``) in one language."""

    def __init__(self, lang: str, prefix: str = "web_") -> None:
        self.lang = lang
        self.prefix = prefix

    def __getitem__(self, key: str) -> str:
        return label(self.lang, self.prefix + key)

    def __getattr__(self, key: str) -> str:  # a template's `t.next`
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]


def texts(lang: str) -> PageTexts:
    """Every text of the respondent's pages in `lang`."""
    return PageTexts(lang)
