"""UI strings of the importance × performance section, German and English."""

from __future__ import annotations

from ccassess.text import Text

_PAIRS = {
    "drivers": ("Wichtigkeit × Leistung", "Importance × performance"),
    "intro_derived": (
        "Wie wichtig ist eine Dimension für die Kunden, und wie gut schneidet das Unternehmen "
        "dort in ihren Augen ab? Die Wichtigkeit ist hier abgeleitet, nicht erfragt: die "
        "Korrelation (r) zwischen der Bewertung der Dimension und „{outcome}“ bei denselben "
        "{n} Kunden.",
        "How much does a dimension matter to customers, and how well does the company do "
        "there in their eyes? Importance here is derived, not asked: the correlation (r) "
        "between a customer's rating of the dimension and '{outcome}', across the same {n} "
        "customers.",
    ),
    "intro_rated": (
        "Wie wichtig ist eine Dimension für die Kunden (von ihnen selbst bewertet), und wie "
        "gut schneidet das Unternehmen dort in ihren Augen ab?",
        "How much does a dimension matter to customers (as they rated it), and how well "
        "does the company do there in their eyes?",
    ),
    "fix_first": ("Zuerst verbessern", "Fix first"),
    "keep_up": ("Halten", "Keep up"),
    "possible_overkill": ("Womöglich zu viel", "Possible overkill"),
    "low_priority": ("Geringe Priorität", "Low priority"),
    "axis_performance": (
        "Leistung: Sicht der Kunden (0–100)",
        "Performance: customers' view (0–100)",
    ),
    "axis_importance_derived": ("Abgeleitete Wichtigkeit (r)", "Derived importance (r)"),
    "axis_importance_rated": ("Wichtigkeit (0–100)", "Importance (0–100)"),
    "key_drivers": ("Die wichtigsten Treiber", "Key drivers"),
    "dimension": ("Dimension", "Dimension"),
    "importance": ("Wichtigkeit", "Importance"),
    "interval": ("95\u00a0%", "95%"),
    "performance": ("Kundensicht", "Customers' view"),
    "quadrant": ("Feld", "Quadrant"),
    "all_points": ("Alle Punkte", "All points"),
    "caveats_derived": (
        "Vorsicht beim Lesen: Eine Korrelation zeigt, was mit der Gesamtbewertung zusammen "
        "auftritt, nicht was sie verursacht. Die Felder teilen am Mittelwert über die "
        "gezeigten Dimensionen; Punkte nahe den Linien liegen im Zweifel auf beiden Seiten. "
        "Überlappen die Intervalle zweier Dimensionen, ist ihre Reihenfolge nicht gesichert. "
        "Gezeigt nur mit mindestens {minimum} Kunden je Dimension.",
        "Read with care: a correlation shows what goes together with the overall rating, "
        "not what causes it. The quadrants split at the mean over the dimensions shown; "
        "points near the lines could lie on either side. Where two dimensions' intervals "
        "overlap, their order is not certain. Shown only with at least {minimum} customers "
        "per dimension.",
    ),
    "caveats_rated": (
        "Die Felder teilen am Mittelwert über die gezeigten Dimensionen; Punkte nahe den "
        "Linien liegen im Zweifel auf beiden Seiten.",
        "The quadrants split at the mean over the dimensions shown; points near the lines "
        "could lie on either side.",
    ),
}

LABELS: dict[str, Text] = {key: Text(de, en) for key, (de, en) in _PAIRS.items()}
