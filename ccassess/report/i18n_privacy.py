"""The report's UI strings about anonymity (what was merged, left out or withheld, and why),
kept beside the main table in `ccassess.report.i18n`, which takes them in."""

from __future__ import annotations

PRIVACY_STRINGS: dict[str, tuple[str, str]] = {
    "departments_merged_into": ("in „Sonstige“ zusammengefasst", "merged into “other”"),
    "departments_left_out_into": ("nicht einzeln ausgewiesen", "not shown on their own"),
    "departments_small": (
        "{count} Abteilungen mit je weniger als {threshold} Befragten: {into}.",
        "{count} departments with fewer than {threshold} respondents each: {into}.",
    ),
    "departments_small_one": (
        "Eine Abteilung mit weniger als {threshold} Befragten: {into}.",
        "One department with fewer than {threshold} respondents: {into}.",
    ),
    "departments_protect": (
        "{names}: genug Befragte, aber ebenfalls {into}, damit sich die kleinen Abteilungen "
        "nicht aus dem Gesamtwert herausrechnen lassen.",
        "{names}: enough respondents, but {into} as well, so that the small departments "
        "cannot be computed from the total.",
    ),
    "departments_protect_one": (
        "{names}: genug Befragte, aber ebenfalls {into}, damit sich die kleinen Abteilungen "
        "nicht aus dem Gesamtwert herausrechnen lassen.",
        "{names}: enough respondents, but {into} as well, so that the small departments "
        "cannot be computed from the total.",
    ),
    "departments_without": (
        "{n} Befragte ohne Abteilungsangabe: {into}.",
        "{n} respondents without a department: {into}.",
    ),
    "privacy_heading": ("Anonymität", "Anonymity"),
    "privacy_text": (
        "Jeder Wert über eine Gruppe (Perspektive, Abteilung, Zelle) erscheint nur, wenn "
        "mindestens {threshold} Befragte genau zu diesem Wert eine Antwort gegeben haben "
        "(„weiß nicht“ zählt nicht); sonst ist er zusammengefasst oder ausgelassen, und so "
        "viele weitere Werte, dass er sich nicht durch Abziehen errechnen lässt. Freitext "
        "erscheint nur, wenn mindestens {free_text} Befragte ihn so genannt haben. Werte, die "
        "sich von einem früher weitergegebenen Bericht dieser Runde um weniger als {threshold} "
        "Befragte unterscheiden, werden zurückgehalten.",
        "Every figure about a group (perspective, department, cell) appears only when at "
        'least {threshold} respondents gave an answer to that very figure ("don\'t know" does '
        "not count); otherwise it is merged or left out, together with as many other figures "
        "as needed so that it cannot be recovered by subtraction. Free text appears only when "
        "at least {free_text} respondents gave it. Figures that differ from a report of this "
        "round shared earlier by fewer than {threshold} respondents are withheld.",
    ),
}
