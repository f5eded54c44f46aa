"""Sentences about what the anonymity rules withheld, for the report and the terminal."""

from __future__ import annotations

from ccassess.model.result import AssessmentResult, Withholding
from ccassess.text import Text

_GROUP = {
    "internal": Text("der Mitarbeitenden", "of the staff"),
    "customer": Text("der Kunden", "of the customers"),
}


def withheld_text(
    held: Withholding, threshold: int, accepted: bool = False, title: Text | None = None
) -> Text:
    """Why a group's figures are withheld (or, `accepted`, shown at the consultant's risk)."""
    if held.kind == "department":
        group = Text(f"der Abteilung {held.name}", f"of the department {held.name}")
    else:
        group = _GROUP.get(held.name, Text(held.name, held.name))
    where = (
        Text("der Gesamtwert", "the overall score")
        if held.module is None
        else Text(
            f"die Werte im Modul „{(title or Text.both(held.module)).de}“",
            f"the figures in the module “{(title or Text.both(held.module)).en}”",
        )
    )
    verdict = (
        Text(
            "Auf Risiko des Beraters gezeigt (vermerkt)",
            "Shown at the consultant's risk (recorded)",
        )
        if accepted
        else Text("Zurückgehalten", "Withheld")
    )
    return Text(
        f"{verdict.de}: {where.de} {group.de}. Die Gruppe unterscheidet sich von einem am "
        f"{held.earlier} weitergegebenen Bericht dieser Runde um {held.changed} Befragte, "
        f"weniger als die Anonymitätsschwelle {threshold}; aus beiden Berichten ließen sich "
        "deren Antworten errechnen.",
        f"{verdict.en}: {where.en} {group.en}. The group differs from a report of this round "
        f"shared on {held.earlier} by {held.changed} respondent(s), fewer than the anonymity "
        f"threshold {threshold}; the two reports together would expose their answers.",
    )


def withheld_note(
    held: Withholding, threshold: int, lang: str = "en", accepted: bool = False
) -> str:
    return withheld_text(held, threshold, accepted).get(lang)


def privacy_notes(result: AssessmentResult) -> list[Text]:
    """Every withheld (or knowingly shown) group of a result, as sentences."""
    privacy = result.privacy
    titles = {m.id: m.title for m in result.modules}
    return [
        withheld_text(w, privacy.threshold, accepted, titles.get(w.module or ""))
        for accepted, items in ((False, privacy.withheld), (True, privacy.accepted))
        for w in items
    ]
