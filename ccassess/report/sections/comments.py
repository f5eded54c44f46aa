"""Open-text comments, grouped by question and perspective (already filtered and scrubbed by
ccassess/scoring/comments.py); labels in German and English beside the section."""

from __future__ import annotations

from typing import Any

from ccassess.report.sections.view import View
from ccassess.text import Text

LABELS = {
    "comments": Text("Offene Antworten", "Open-text comments"),
    "intro": Text(
        "Was Befragte in eigenen Worten geschrieben haben, je Frage. Gezeigt nur, wo mindestens "
        "{minimum} Befragte einer Gruppe die Frage beantwortet haben; E-Mail-Adressen, "
        "Telefonnummern und Namen sind durch […] ersetzt, die Reihenfolge verrät nicht, wer "
        "was geschrieben hat.",
        "What respondents wrote in their own words, by question. Shown only where at least "
        "{minimum} respondents of a group answered the question; e-mail addresses, phone "
        "numbers and names are replaced by […], and the order does not tell who wrote what.",
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
                "comments": g.comments,
            }
            for g in groups
        ],
    }
