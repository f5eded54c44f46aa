"""UI strings of the board sections and the consultant's narrative, German and English.

Kept beside the sections (``ReportSection.labels``) rather than in the report's main table.
"""

from __future__ import annotations

from ccassess.text import Text

_PAIRS = {
    "board_summary": ("Das Wichtigste auf einer Seite", "At a glance"),
    "key_messages": ("Kernbotschaften", "Key messages"),
    "ranking": ("Die Module im Vergleich", "The modules compared"),
    "ranking_line": (
        "Am weitesten: {best} · am meisten Nachholbedarf: {worst} — blau die Einschätzung der "
        "Mitarbeitenden, orange die der Kunden; die Farbstufen dahinter sind die fünf "
        "Reifegrade.",
        "Furthest ahead: {best} · most to do: {worst} — blue is the staff's own rating, orange "
        "the customers'; the coloured bands behind are the five maturity levels.",
    ),
    "initiatives": ("Die wichtigsten Initiativen", "Top initiatives"),
    "next_steps": ("Nächste Schritte", "Next steps"),
    "response_rates": ("Rücklauf", "Response rates"),
    "consultant_comment": ("Kommentar der Beratung", "Consultant's comment"),
    "three_numbers": (
        "Drei Zahlen, nie vermischt: wie die Mitarbeitenden ihre Praxis einschätzen, wie die "
        "Kundschaft sie erlebt, und was sich an Kennzahlen messen lässt.",
        "Three numbers, never blended: how the staff rate their own practice, how customers "
        "experience it, and what the outcome figures say.",
    ),
    "maturity_interval": (
        "95-%-Intervall {low}–{high} · n = {n} Mitarbeitende",
        "95% interval {low}–{high} · n = {n} staff",
    ),
    "no_interval": ("n = {n} · kein Intervall unter zwei Antworten", "n = {n} · no interval"),
    "no_customers": ("Keine Kundenantworten", "No customer answers"),
    "no_outcomes": ("Keine Ergebniskennzahlen erhoben", "No outcome KPIs measured"),
    "owner": ("Verantwortlich", "Owner"),
    "due": ("bis", "due"),
    "owner_open": ("noch offen", "not yet assigned"),
    "first_action": ("Erster Schritt", "First step"),
    "priority_high": ("hoch", "high"),
    "priority_medium": ("mittel", "medium"),
    "priority_low": ("niedrig", "low"),
    "priority": ("Priorität", "Priority"),
    "initiatives_note": (
        "Aus dem Maßnahmenplan, nach Priorität; Verantwortliche aus der Erzählung der "
        "Beratung (narrative.md). Der vollständige Plan steht im ausführlichen Bericht und "
        "in der Excel-Datei.",
        "From the action plan, by priority; owners from the consultant's narrative "
        "(narrative.md). The full plan is in the full report and the Excel workbook.",
    ),
    "next_steps_default": (
        "Vorschlag, solange die Beratung keine eigenen Schritte eingetragen hat:",
        "Suggested until the consultant adds their own steps:",
    ),
    "step_owners": (
        "Jeder der Initiativen oben eine verantwortliche Person und einen Termin geben.",
        "Give each initiative above an owner and a date.",
    ),
    "step_share": (
        "Die Ergebnisse mit den Mitarbeitenden und den beteiligten Kunden teilen.",
        "Share the results with the staff and the customers who took part.",
    ),
    "step_repeat": (
        "In 6 bis 12 Monaten mit denselben Fragen erneut messen, um die Entwicklung zu sehen.",
        "Measure again in 6 to 12 months with the same questions to see what moved.",
    ),
    "group": ("Gruppe", "Group"),
    "perspective": ("Sicht", "Perspective"),
    "answered": ("Geantwortet", "Answered"),
    "invited": ("Eingeladen", "Invited"),
    "rate": ("Rücklauf", "Rate"),
    "staff": ("Mitarbeitende", "Staff"),
    "customers": ("Kunden", "Customers"),
    "all_staff": ("Alle Mitarbeitenden", "All staff"),
    "all_customers": ("Alle Kunden", "All customers"),
    "other": ("Weitere", "Other"),
    "low_rate": ("niedrig", "low"),
    "rate_unknown": ("Einladungen nicht angegeben", "invitations not given"),
    "rates_note": (
        "Abteilungen erscheinen nur ab {threshold} Antworten; kleinere sind unter "
        "„Weitere“ zusammengefasst, ihre Einladungen addiert. Ein Rücklauf unter {low} ist "
        "markiert: Dann sprechen die Antworten womöglich nur für wenige, die sich gemeldet "
        "haben. Einladungen stehen in assessment.yaml unter invited.",
        "Departments appear only from {threshold} answers; smaller ones are merged into "
        "'other', their invitations added up. A rate below {low} is flagged: the answers "
        "may then speak only for the few who chose to reply. Invitations go into "
        "assessment.yaml under invited.",
    ),
    "rates_none": (
        "Ohne Angabe der Eingeladenen (invited in assessment.yaml) lässt sich kein Rücklauf "
        "berechnen; gezeigt sind die Antworten.",
        "Without the number of people invited (invited in assessment.yaml) no rate can be "
        "computed; the answers are shown.",
    ),
    "rates_left_out": (
        "{n} Antworten aus zu kleinen Gruppen sind nicht einzeln gezeigt.",
        "{n} answers from groups too small to show are not listed separately.",
    ),
    "gap_title": ("Wahrnehmungslücke", "Perception gap"),
    "among_clients": (
        "Unter den Kunden der Beratung: {band}",
        "Among the consultancy's clients: {band}",
    ),
    "band_bottom_quarter": ("unteres Viertel", "bottom quarter"),
    "band_lower_middle": ("unter dem Median", "below the median"),
    "band_upper_middle": ("über dem Median", "above the median"),
    "band_top_quarter": ("oberes Viertel", "top quarter"),
    "moved": ("Seit der vorigen Runde", "Since the previous round"),
    "moved_item": (
        "{label} {change} (95\u00a0%: {low} bis {high})",
        "{label} {change} (95%: {low} to {high})",
    ),
    "nothing_moved": (
        "Keine Veränderung ist größer als das statistische Rauschen.",
        "No change is larger than the statistical noise.",
    ),
    "response_line": (
        "Rücklauf der Mitarbeitenden: {rate} ({answered} von {invited})",
        "Staff response rate: {rate} ({answered} of {invited})",
    ),
    "low_rate_line": (
        "Niedriger Rücklauf in: {groups}",
        "Low response rate in: {groups}",
    ),
}

LABELS: dict[str, Text] = {key: Text(de, en) for key, (de, en) in _PAIRS.items()}
