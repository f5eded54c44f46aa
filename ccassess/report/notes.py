"""Sentences about what the anonymity rules withheld, for the report and the terminal."""

from __future__ import annotations

from ccassess.model.result import Withholding
from ccassess.text import Text

_GROUP = {
    "internal": Text("der Mitarbeitenden", "of the staff"),
    "customer": Text("der Kunden", "of the customers"),
}


def withheld_text(held: Withholding, threshold: int) -> Text:
    """Why a group's figures are withheld (or shown at the consultant's risk)."""
    if held.kind == "department":
        group = Text(f"der Abteilung {held.name}", f"of the department {held.name}")
    else:
        group = _GROUP.get(held.name, Text(held.name, held.name))
    where = (
        Text("der Gesamtwert", "the overall score")
        if held.module is None
        else Text(f"die Werte im Modul {held.module}", f"the figures in module {held.module}")
    )
    return Text(
        f"Zurückgehalten: {where.de} {group.de}. Die Gruppe unterscheidet sich von einem am "
        f"{held.earlier} weitergegebenen Bericht dieser Runde um {held.changed} Befragte, "
        f"weniger als die Anonymitätsschwelle {threshold}; aus beiden Berichten ließen sich "
        "deren Antworten errechnen.",
        f"Withheld: {where.en} {group.en}. The group differs from a report of this round "
        f"shared on {held.earlier} by {held.changed} respondent(s), fewer than the anonymity "
        f"threshold {threshold}; the two reports together would expose their answers.",
    )


def withheld_note(held: Withholding, threshold: int, lang: str = "en") -> str:
    return withheld_text(held, threshold).get(lang)
