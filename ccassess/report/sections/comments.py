"""Open-text comments, grouped by question and perspective (already filtered and scrubbed by
ccassess/scoring/comments.py); labels in German and English beside the section."""

from __future__ import annotations

from typing import Any

from ccassess.report.sections.view import View
from ccassess.text import Text

LABELS = {
    "comments": Text("Offene Antworten", "Open-text comments"),
    "intro": Text(
        "Was Befragte in eigenen Worten geschrieben haben, je Frage: nur wo mindestens "
        "{minimum} Befragte einer Gruppe die Frage beantwortet haben, und von den Antworten "
        "nur die, die mindestens {minimum} Befragte so gegeben haben (in Klammern: wie "
        "viele). Seltenere Antworten werden nur gezählt, damit niemand an seinen Worten "
        "erkannt wird. E-Mail-Adressen, Telefonnummern und Namen sind durch […] ersetzt.",
        "What respondents wrote in their own words, by question: only where at least "
        "{minimum} respondents of a group answered the question, and of the answers only "
        "those at least {minimum} respondents gave (in brackets: how many). Rarer answers "
        "are only counted, so that no one is recognised by their words. E-mail addresses, "
        "phone numbers and names are replaced by […].",
    ),
    "others": Text(
        "{n} weitere Antworten, jeweils von weniger als {minimum} Befragten",
        "{n} other answers, each given by fewer than {minimum} respondents",
    ),
    "answered": Text("{n} Antworten", "{n} answers"),
    "group_internal": Text("Mitarbeitende", "Staff"),
    "group_customer": Text("Kunden", "Customers"),
}


def comments(view: View) -> dict[str, Any] | None:
    groups = view.result.comments
    if not groups:
        return None
    titles = {m.id: view.tr(m.title) for m in view.result.modules}
    return {
        "minimum": view.result.privacy.free_text_threshold,
        "groups": [
            {
                "module": titles.get(g.module, g.module),
                "question": view.tr(g.text),
                "perspective": g.perspective,
                "answered": g.answered,
                "comments": list(zip(g.comments, g.counts, strict=True)),
                "others": g.others,
            }
            for g in groups
        ],
    }
