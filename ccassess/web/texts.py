"""What the web questionnaire's pages say, in German and English."""

from __future__ import annotations

LANGUAGES = ("de", "en")

_TEXTS: dict[str, tuple[str, str]] = {
    "welcome": ("Willkommen", "Welcome"),
    "intro": (
        "Diese Befragung dauert etwa {minutes} Minuten. Jede Seite wird gespeichert, sobald "
        "Sie auf „Speichern und weiter“ tippen: Sie können jederzeit aufhören und später "
        "über denselben Link weitermachen. Ihre Antworten werden nur zusammengefasst "
        "ausgewertet.",
        "This survey takes about {minutes} minutes. Each page is saved when you tap "
        "“Save and continue”: you can stop at any time and continue later through the same "
        "link. Your answers are only evaluated in aggregate.",
    ),
    "start": ("Befragung beginnen", "Start the survey"),
    "next": ("Speichern und weiter", "Save and continue"),
    "back": ("Speichern und zurück", "Save and go back"),
    "previous": ("Zurück zur letzten Seite", "Back to the last page"),
    "progress": ("Seite {k} von {n}", "Page {k} of {n}"),
    "dont_know": ("weiß nicht", "don't know"),
    "errors": (
        "Bitte prüfen Sie die markierten Antworten.",
        "Please check the answers marked below.",
    ),
    "optional": (
        "Sie können eine Frage auch leer lassen.",
        "You may leave a question unanswered.",
    ),
    "review": ("Fast geschafft", "Almost done"),
    "review_text": (
        "Sie haben alle Seiten gesehen. Nach dem Absenden können Sie Ihre Antworten nicht mehr "
        "ändern.",
        "You have seen every page. Once you submit, your answers can no longer be changed.",
    ),
    "answered": ("{a} von {n} Fragen beantwortet.", "{a} of {n} questions answered."),
    "submit": ("Antworten absenden", "Submit my answers"),
    "thanks": ("Vielen Dank!", "Thank you!"),
    "thanks_text": (
        "Ihre Antworten sind gespeichert. Sie können dieses Fenster schließen.",
        "Your answers have been saved. You may close this window.",
    ),
    "neutral": ("Dieser Link ist nicht (mehr) gültig", "This link is not valid (any more)"),
    "neutral_text": (
        "Bitte verwenden Sie den Link aus Ihrer Einladung. Wenn Sie die Befragung schon "
        "abgeschickt haben, ist nichts mehr zu tun.",
        "Please use the link from your invitation. If you have already submitted the survey, "
        "there is nothing left to do.",
    ),
    "closed": ("Die Befragung ist beendet", "The survey has closed"),
    "closed_text": (
        "Antworten werden nicht mehr angenommen. Vielen Dank für Ihr Interesse.",
        "Answers are no longer accepted. Thank you for your interest.",
    ),
    "expired": (
        "Das Formular war abgelaufen; bitte senden Sie die Seite noch einmal.",
        "The form had expired; please send the page again.",
    ),
    "resume_hint": (
        "Zum Fortsetzen später: Speichern Sie die Adresse dieser Seite als Lesezeichen.",
        "To continue later, bookmark the address of this page.",
    ),
    "language": ("Sprache", "Language"),
    "department": ("Abteilung", "Department"),
    "item": ("Eintrag", "Entry"),
    "submit_problems": (
        "Einige Antworten passen nicht zusammen; bitte prüfen Sie diese Seite.",
        "Some answers do not fit together; please check this page.",
    ),
    "invalid": ("Diese Antwort wird nicht angenommen:", "This answer is not accepted:"),
    "skip_link": ("Zum Fragebogen springen", "Skip to the questionnaire"),
}


def texts(lang: str) -> dict[str, str]:
    """Every text of the pages in `lang` (de or en)."""
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in _TEXTS.items()}
