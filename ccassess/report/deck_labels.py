"""UI strings of the slide deck (`--format pptx`), German and English."""

from __future__ import annotations

from ccassess.text import Text

_PAIRS = {
    "deck_title": ("Kundenzentrierung: Reifegradanalyse", "Customer centricity: maturity report"),
    "prepared_by": ("Erstellt von {who}", "Prepared by {who}"),
    "logo": ("Logo", "Logo"),
    "logo_consultancy": ("Beratung", "Consultancy"),
    "key_messages": ("Kernbotschaften", "Key messages"),
    "messages_note": (
        "Die Kernbotschaften der Beratung (narrative.md).",
        "The consultant's key messages (narrative.md).",
    ),
    "method_note": (
        "Methode {version}: Werte 0–100 je Perspektive; Reifegrad = Selbstbild der "
        "Mitarbeitenden, Sicht der Kunden getrennt, nie vermischt; 95-%-Intervalle aus der "
        "Streuung der Befragten. n = {internal} Mitarbeitende, {customer} Kunden.",
        "Method {version}: scores 0–100 per perspective; maturity = the staff's self-image, "
        "the customers' view separate, never blended; 95% intervals from the spread of the "
        "respondents. n = {internal} staff, {customer} customers.",
    ),
    "headline": ("Drei Kennzahlen, nie vermischt", "Three headline numbers, never blended"),
    "maturity": ("Reifegrad der Praxis", "Practice maturity"),
    "customers": ("Sicht der Kunden", "Customers' view"),
    "self_image": ("Selbstbild (intern)", "Self-image (internal)"),
    "score": ("Wert (0–100)", "Score (0–100)"),
    "interval": ("(95\u00a0%: {low}–{high})", "(95%: {low}–{high})"),
    "alt_headline": (
        "Säulendiagramm der Kennzahlen (0–100): {values}",
        "Column chart of the headline numbers (0–100): {values}",
    ),
    "modules": (
        "Module: Selbstbild und Sicht der Kunden",
        "Modules: self-image and customers' view",
    ),
    "modules_note": (
        "Module aufsteigend nach Reifegrad; Balken: Selbstbild und Sicht der Kunden (0–100).",
        "Modules from lowest to highest maturity; bars: self-image and customers' view (0–100).",
    ),
    "alt_modules": (
        "Balkendiagramm: Wert je Modul, Selbstbild und Sicht der Kunden (0–100)",
        "Bar chart: score per module, self-image and customers' view (0–100)",
    ),
    "gap": ("Wahrnehmungslücke je Dimension", "Perception gap by dimension"),
    "gap_note": (
        "Nur die gespiegelten Fragen (dieselben Aussagen für beide Seiten); "
        "Lücke = intern − Kunden.",
        "Mirrored questions only (the same statements for both sides); gap = internal − customers.",
    ),
    "gap_overall": (
        "Gesamt: intern {internal}, Kunden {customer}, Lücke {gap}.",
        "Overall: internal {internal}, customers {customer}, gap {gap}.",
    ),
    "alt_gap": (
        "Balkendiagramm: Selbstbild und Sicht der Kunden je Dimension auf den gespiegelten Fragen",
        "Bar chart: self-image and customers' view per dimension on the mirrored questions",
    ),
    "trend": ("Entwicklung je Modul", "Trend per module"),
    "gap_series": ("Wahrnehmungslücke", "Perception gap"),
    "drivers": ("Wichtigkeit × Leistung", "Importance × performance"),
    "drivers_note": (
        "Wichtigkeit abgeleitet: Korrelation (r) jeder Dimension mit „{outcome}“ bei {n} "
        "Kunden, nur mit mindestens 30 Kunden; Korrelation ist keine Ursache. Felder geteilt "
        "am Mittelwert. Die wichtigsten Treiber:",
        "Importance derived: the correlation (r) of each dimension with '{outcome}' across "
        "{n} customers, only with at least 30; a correlation is not a cause. Quadrants split "
        "at the means. Key drivers:",
    ),
    "alt_drivers": (
        "Streudiagramm: jede Dimension nach Sicht der Kunden (waagrecht) und abgeleiteter "
        "Wichtigkeit (senkrecht), eingefärbt nach Feld",
        "Scatter chart: each dimension by the customers' view (across) and derived "
        "importance (up), coloured by quadrant",
    ),
    "rated_note": (
        "Wichtigkeit von den Kunden selbst bewertet (0–100), geteilt am Mittelwert der "
        "gezeigten Bereiche; Leistung = Sicht der Kunden, geteilt bei 50.",
        "Importance rated by the customers themselves (0–100), split at the mean of the areas "
        "shown; performance = the customers' view, split at 50.",
    ),
    "alt_rated": (
        "Streudiagramm: jede Dimension nach Sicht der Kunden (waagrecht) und der von den "
        "Kunden bewerteten Wichtigkeit (senkrecht), eingefärbt nach Feld",
        "Scatter chart: each dimension by the customers' view (across) and the importance "
        "customers gave it (up), coloured by quadrant",
    ),
    "importance": ("Wichtigkeit", "importance"),
    "fix_first": ("Zuerst verbessern", "Fix first"),
    "keep_up": ("Halten", "Keep up"),
    "possible_overkill": ("Womöglich zu viel", "Possible overkill"),
    "low_priority": ("Geringe Priorität", "Low priority"),
    "this_round": ("Diese Runde", "This round"),
    "overall": ("Gesamt", "Overall"),
    "trend_note": (
        "Reifegrad (Selbstbild) je Runde; frühere Runden mit derselben Methode neu berechnet.",
        "Maturity (self-image) per round; earlier rounds rescored with the same method.",
    ),
    "alt_trend": (
        "Liniendiagramm: Reifegrad je Modul und gesamt über die Runden",
        "Line chart: maturity per module and overall across rounds",
    ),
    "rates": ("Rücklauf je Abteilung", "Response rate by department"),
    "answered": ("Geantwortet", "Answered"),
    "not_answered": ("Nicht geantwortet", "Did not answer"),
    "rates_note": (
        "Abteilungen unter {threshold} Antworten sind unter „Weitere“ zusammengefasst.",
        "Departments with fewer than {threshold} answers are merged into 'other'.",
    ),
    "rates_low": (
        "Niedriger Rücklauf (unter 30\u00a0%): {groups}",
        "Low rate (below 30%): {groups}",
    ),
    "alt_rates": (
        "Gestapeltes Balkendiagramm: Geantwortete und nicht Geantwortete je Abteilungsgruppe",
        "Stacked bar chart: staff who answered and who did not, per department group",
    ),
    "initiatives": ("Die wichtigsten Initiativen", "Top initiatives"),
    "initiatives_note": (
        "Nach Priorität aus dem Maßnahmenplan; Verantwortliche aus narrative.md.",
        "By priority from the action plan; owners from narrative.md.",
    ),
    "initiative": ("Initiative", "Initiative"),
    "priority": ("Priorität", "Priority"),
    "owner": ("Verantwortlich", "Owner"),
    "owner_open": ("noch offen", "not yet assigned"),
    "priority_high": ("hoch", "high"),
    "priority_medium": ("mittel", "medium"),
    "priority_low": ("niedrig", "low"),
}

LABELS: dict[str, Text] = {key: Text(de, en) for key, (de, en) in _PAIRS.items()}
