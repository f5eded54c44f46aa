"""The report's UI strings in German and English: one table, used by every template via t().

Templates never hard-code a language. `t("key")` returns the string for the report's language;
`t("key", n=…)` fills {placeholders} with values that the caller has already formatted (they
are escaped). A plugin's section brings its own strings (`ReportSection.labels`), which its
template's `t` finds first. An unknown key is an error, so a typo cannot slip into a report.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from ccassess.report.i18n_method import METHOD_STRINGS
from ccassess.report.i18n_privacy import PRIVACY_STRINGS
from ccassess.text import Text

STRINGS: dict[str, tuple[str, str]] = {
    # document
    "report_title": ("Kundenzentrierung: Reifegradanalyse", "Customer centricity: maturity report"),
    "report_subject": (
        "Reifegrad der Kundenzentrierung – Ergebnisse, Lücken und Maßnahmen",
        "Customer-centricity maturity – results, gaps and actions",
    ),
    "client": ("Kunde", "Client"),
    "date": ("Datum", "Date"),
    "prepared_by": ("Erstellt von", "Prepared by"),
    "confidential": ("Vertraulich", "Confidential"),
    "skipped_plugins": (
        "Unvollständig: Plugins wurden wegen eines Fehlers weggelassen",
        "Incomplete: plugins were left out because they failed",
    ),
    "skipped_plugin": ("Plugin {plugin}", "Plugin {plugin}"),
    "skipped_modules": ("mit den Modulen {modules}", "with the modules {modules}"),
    "page": ("Seite", "Page"),
    "page_of": ("von", "of"),
    # section titles
    "contents": ("Inhalt", "Contents"),
    "summary": ("Zusammenfassung", "Executive summary"),
    "overview": ("Reifegrad im Überblick", "Maturity overview"),
    "perception_gap": ("Wahrnehmungslücke", "Perception gap"),
    "importance": ("Wichtigkeit und Leistung", "Importance and performance"),
    "importance_intro": (
        "Kunden haben angegeben, wie wichtig ihnen jeder dieser Bereiche ist, und ihn bewertet; "
        "beides auf der Skala 0–100. Die Wichtigkeit teilt sich am Mittelwert der gezeigten "
        "Bereiche ({importance}): Kunden nennen fast alles wichtig, sie ordnet die Bereiche "
        "also gegeneinander. Die Bewertung teilt sich an der Mitte der Skala ({performance}). "
        "Unter der Wichtigkeit: n und das 95-%-Intervall; Bereiche, deren Intervalle sich "
        "überschneiden, unterscheiden sich nicht belastbar. "
        "Importance-Performance-Analyse nach Martilla & James 1977.",
        "Customers said how important each of these areas is to them and rated it, both on the "
        "0–100 scale. Importance is split at the mean of the areas shown ({importance}): "
        "customers call almost everything important, so it ranks the areas against each "
        "other. The rating is split at the middle of the scale ({performance}). "
        "Below the importance: n and the 95% interval; areas whose intervals overlap do not "
        "differ reliably. Importance-performance analysis after Martilla & James 1977.",
    ),
    "importance_area": ("Bereich", "Area"),
    "importance_value": ("Wichtigkeit", "Importance"),
    "importance_performance": ("Bewertung durch Kunden", "Customers' rating"),
    "importance_field": ("Feld", "Field"),
    "quadrant_concentrate": ("Hier ansetzen", "Concentrate here"),
    "quadrant_keep_up": ("Niveau halten", "Keep up the good work"),
    "quadrant_low_priority": ("Geringere Priorität", "Lower priority"),
    "quadrant_possible_overkill": (
        "Möglicherweise mehr Aufwand als nötig",
        "Possibly more effort than needed",
    ),
    "importance_small": (
        "Weniger als {threshold} Antworten: nicht ausgewiesen.",
        "Fewer than {threshold} answers: not shown.",
    ),
    "departments": ("Abteilungen", "Department breakdown"),
    "trend": ("Entwicklung seit der letzten Runde", "Trend since earlier rounds"),
    "trend_intro": (
        "Dieselben Module in früheren Runden dieser Bewertung. Die Spalte „Veränderung“ "
        "vergleicht die aktuelle Runde mit der vorigen; Werte von 0 bis 100.",
        "The same modules in earlier rounds of this assessment. The change column compares "
        "the current round with the previous one; scores from 0 to 100.",
    ),
    "current_round": ("aktuell", "current"),
    "change": ("Veränderung", "Change"),
    "trend_dimensions": ("Größte Veränderungen je Dimension", "Largest changes by dimension"),
    "action_plan": ("Maßnahmenplan", "Action plan"),
    "method": ("Methodik", "Method"),
    "answers": ("Anhang: Antworten", "Appendix: answers"),
    "module_chapter": ("Modul", "Module"),
    # summary
    "overall_score": ("Gesamtwert", "Overall score"),
    "maturity_level": ("Reifegrad", "Maturity level"),
    "level": ("Stufe", "Level"),
    "kpi_level": ("Stufe (nach Anker)", "Level (by anchors)"),
    "level_n": ("Stufe {n}", "Level {n}"),
    "out_of_100": ("von 100", "out of 100"),
    "strengths": ("Stärkste Dimensionen", "Strongest dimensions"),
    "weaknesses": ("Schwächste Dimensionen", "Weakest dimensions"),
    "respondents": ("Befragte", "Respondents"),
    "group_spread": ("Streuung (SD)", "Spread (SD)"),
    "group_spread_note": (
        "Streuung (SD): wie weit die persönlichen Werte der Befragten einer Gruppe auseinander "
        "liegen (Standardabweichung, 0–100). Ab etwa 20 Punkten sieht die Gruppe sich "
        "uneinheitlich; dann sagt ihr Mittelwert wenig über die einzelnen Teams.",
        "Spread (SD): how far the group's respondents' own scores lie apart (standard "
        "deviation, 0–100). From about 20 points the group sees itself inconsistently; its mean "
        "then says little about its individual teams.",
    ),
    "internal": ("intern", "internal"),
    "customers": ("Kunden", "customers"),
    "internal_title": ("Intern", "Internal"),
    "customers_title": ("Kunden", "Customers"),
    "coverage": ("Abdeckung", "Coverage"),
    "coverage_text": (
        "{answered} von {asked} möglichen Antworten gegeben, {dont_know} × „weiß nicht“",
        "{answered} of {asked} possible answers given, {dont_know} × “don't know”",
    ),
    "modules_assessed": ("Module bewertet", "modules assessed"),
    "gap_sentence": (
        "Die eigene Organisation sieht sich bei {internal} Punkten, die Kunden sehen sie bei "
        "{customer}: eine Wahrnehmungslücke von {gap} Punkten.",
        "The organisation rates itself at {internal} points, its customers at {customer}: "
        "a perception gap of {gap} points.",
    ),
    "gap_sentence_reverse": (
        "Die Kunden sehen das Unternehmen mit {customer} Punkten besser als es sich selbst "
        "({internal}); Lücke {gap} Punkte.",
        "Customers rate the company higher ({customer} points) than it rates itself "
        "({internal}); gap {gap} points.",
    ),
    "gap_basis": (
        "Grundlage: dieselben gespiegelten Fragen für beide Seiten, daher intern − Kunden = Lücke.",
        "Based on the same mirrored questions for both sides, so internal − customers = gap.",
    ),
    "gap_interval": (
        "95-%-Intervall der Lücke {low} bis {high} (n = {n_internal} intern, {n_customer} Kunden).",
        "95% interval of the gap {low} to {high} (n = {n_internal} internal, "
        "{n_customer} customers).",
    ),
    "mirror_internal": ("Spiegel intern", "Mirrored: internal"),
    "module_from_parts": (
        "Der Modulwert (Selbstbild) ist der gewichtete Mittelwert der Dimensionswerte im "
        "Selbstbild mit den angegebenen Gewichten; Dimensionen ohne Antworten der "
        "Mitarbeitenden zählen nicht.",
        "The module score (self-image) is the weighted mean of the dimensions' self-image "
        "scores with the weights shown; dimensions the staff did not answer do not count.",
    ),
    "module_scores_intro": (
        "Selbstbild = Reifegrad aus den Antworten der Mitarbeitenden; Sicht der Kunden = "
        "Kundenfragen und gespiegelte Fragen; die Lücke vergleicht nur die gespiegelten "
        "Fragen, beide Seiten auf denselben Fragen. n = intern / Kunden; dahinter die "
        "95-%-Intervalle von Selbstbild und Sicht der Kunden (t-Intervall aus den "
        "persönlichen Werten der Befragten).",
        "Self-image = maturity from the staff's answers; customers' view = customer and "
        "mirrored questions; the gap compares the mirrored questions only, both sides on the "
        "same questions. n = internal / customers; after it the 95% intervals of the "
        "self-image and the customers' view (t interval from the respondents' own scores).",
    ),
    "mirror_customers": ("Spiegel Kunden", "Mirrored: customers"),
    "key_findings": ("Wichtigste Befunde", "Key findings"),
    "headline_maturity": ("Reifegrad der Praxis", "Practice maturity"),
    "headline_maturity_sub": (
        "Selbstbild der Mitarbeitenden · n = {n}",
        "The staff's self-assessment · n = {n}",
    ),
    "headline_customers": ("Sicht der Kunden", "Customers' view"),
    "interval_line": (
        "95-%-Intervall {low}–{high} · n = {n}",
        "95% interval {low}–{high} · n = {n}",
    ),
    "headline_outcomes": ("Ergebniskennzahlen", "Outcome KPIs"),
    "outcomes_note": (
        "Kennzahlen stehen neben dem Reifegrad und fließen nicht in ihn ein. Die Stufe folgt "
        "den dokumentierten Ankern der Kennzahl (Beginn der Stufen 2 bis 5).",
        "The KPIs stand beside the maturity level and are not part of it. Their level follows "
        "each KPI's documented anchors (where levels 2 to 5 begin).",
    ),
    "kpi": ("Kennzahl", "KPI"),
    "kpi_value": ("Wert", "Value"),
    "kpi_interval": ("95-%-Intervall", "95% interval"),
    "interval_columns": ("95-%-Intervall: intern, Kunden", "95% interval: internal, customers"),
    "kpi_anchors": ("Anker Stufen 2–5", "Anchors, levels 2–5"),
    "company_figure": ("Unternehmenszahl", "company figure"),
    "self_image": ("Selbstbild", "Self-image"),
    "customers_level": ("Kunden: {level}", "Customers: {level}"),
    "reverse_item": (
        "umgekehrt gewertet: hoher Wert = Aussage trifft nicht zu",
        "reverse-scored: a high score means the statement does not apply",
    ),
    "respondents_line": (
        "{internal} intern · {customer} Kunden",
        "{internal} internal · {customer} customers",
    ),
    # overview
    "radar_title": ("Alle Dimensionen im Vergleich", "All dimensions compared"),
    "series_overall": ("Gesamt", "Overall"),
    "series_internal": ("Selbstbild (intern)", "Self-image (internal)"),
    "series_customer": ("Fremdbild (Kunden)", "Customers' view"),
    "module_scores": ("Werte der Module", "Module scores"),
    "module": ("Modul", "Module"),
    "dimension": ("Dimension", "Dimension"),
    "score": ("Wert", "Score"),
    "gap": ("Lücke", "Gap"),
    "weight": ("Gewicht", "Weight"),
    "n": ("n", "n"),
    "overall": ("Gesamt", "Overall"),
    "ranking_title": (
        "Module nach Reifegrad: Selbstbild und Sicht der Kunden (0–100)",
        "Modules by maturity: self-image and customers' view (0–100)",
    ),
    "axis_key": ("Achsen des Netzdiagramms", "Axes of the radar chart"),
    # module section
    "module_score": ("Modulwert", "Module score"),
    "dimensions": ("Dimensionen", "Dimensions"),
    "dimension_scores": ("Werte der Dimensionen", "Dimension scores"),
    "levels_meaning": ("Was die Stufen bedeuten", "What the levels mean"),
    "where_you_stand": ("Wo Sie stehen", "Where you stand"),
    "findings": ("Befunde", "Findings"),
    "open_questions": ("Offene Fragen", "Open questions"),
    "open_questions_note": (
        "Die Antworten werden hier nur gezählt; ihr Wortlaut kann Personen erkennbar machen "
        "und steht, wo vorgesehen, nur im Anhang.",
        "The answers are only counted here; their wording can make people identifiable and "
        "appears, where provided for, in the appendix only.",
    ),
    "open_question": ("„{text}“", "“{text}”"),
    "open_answered": (
        "{who}: {answered} von {asked} haben geantwortet",
        "{who}: {answered} of {asked} answered",
    ),
    "recommendations": ("Empfehlungen", "Recommendations"),
    "no_findings": ("Keine Auffälligkeiten.", "Nothing stands out."),
    "agreement_rwg": ("Übereinstimmung (r_wg)", "Agreement (r_wg)"),
    "spread": ("Streuung (SD)", "Spread (SD)"),
    "perspective": ("Sichtweise", "Perspective"),
    "group_internal": ("Mitarbeitende", "staff"),
    "group_customer": ("Kunden", "customers"),
    "group_both": ("Mitarbeitende und Kunden", "staff and customers"),
    "band_none": ("keine", "none"),
    "band_weak": ("schwach", "weak"),
    "band_moderate": ("mäßig", "moderate"),
    "band_strong": ("stark", "strong"),
    "band_very_strong": ("sehr stark", "very strong"),
    "no_scale": ("ohne Skala", "no scale"),
    "dispersion": ("Übereinstimmung je Sichtweise", "Agreement within each perspective"),
    "dispersion_intro": (
        "Wie einig sich die Befragten einer Sichtweise sind, getrennt für Mitarbeitende und "
        "Kunden: Übereinstimmung r_wg(J) zwischen 0 (so verstreut wie zufällige Antworten) "
        "und 1 (alle antworten gleich), mit der üblichen Lesart (keine bis 0,30, schwach bis "
        "0,50, mäßig bis 0,70, stark bis 0,90, darüber sehr stark). Dimensionen ohne Skalenfragen "
        "zeigen nur die Streuung (SD, 0–100). Als uneinig markiert: ab {n} Befragten r_wg "
        "unter {rwg} (ohne r_wg: SD ab {sd}).",
        "How far the respondents of one perspective agree, staff and customers separately: "
        "agreement r_wg(J) from 0 (as spread as random answers) to 1 (everybody answers the "
        "same), read with the usual bands (none up to 0.30, weak up to 0.50, moderate up to "
        "0.70, strong up to 0.90, very strong above). Dimensions without scale questions show "
        "the spread only (SD, 0–100). A dimension is marked as disputed when at least {n} "
        "respondents answered and r_wg is below {rwg} (without r_wg: when the SD is {sd} or "
        "more).",
    ),
    "disagree": ("uneinig", "disputed"),
    "disagree_in": ("uneinig: {groups}", "disputed: {groups}"),
    "disagreement_note": (
        "Uneinigkeit innerhalb einer Sichtweise: {names}. Hier lohnt ein Gespräch, bevor "
        "gehandelt wird; der Mittelwert steht dort nicht für eine gemeinsame Sicht.",
        "Disagreement within one perspective: {names}. Worth a conversation before acting; "
        "the mean there does not stand for a shared view.",
    ),
    "inconsistent": (
        "Skala uneinheitlich – Einzelfragen lesen",
        "scale inconsistent – read the individual items",
    ),
    "inconsistent_note": (
        "Skala uneinheitlich (Cronbachs Alpha unter {alpha} in einer Sichtweise): {names}. "
        "Die Fragen dieser Dimensionen messen nicht einheitlich dasselbe; lesen Sie die "
        "Einzelfragen, bevor Sie den Dimensionswert deuten.",
        "Scale inconsistent (Cronbach's alpha below {alpha} within a perspective): {names}. "
        "The questions of these dimensions do not consistently measure one thing; read the "
        "individual items before interpreting the dimension's score.",
    ),
    "small_n": ("n unter {threshold}", "n below {threshold}"),
    "small_n_note": (
        "n unter {threshold}: Der Wert beruht auf weniger als {threshold} Befragten und ist nur "
        "ein Anhaltspunkt.",
        "n below {threshold}: the figure rests on fewer than {threshold} respondents and is only "
        "an indication.",
    ),
    "severity_critical": ("kritisch", "critical"),
    "severity_warning": ("Warnung", "warning"),
    "severity_info": ("Hinweis", "note"),
    "priority_high": ("hoch", "high"),
    "priority_medium": ("mittel", "medium"),
    "priority_low": ("niedrig", "low"),
    "respondents_module": ("{n} Befragte", "{n} respondents"),
    # perception gap
    "gap_intro": (
        "Dieselben Fragen wurden intern und den Kunden gestellt. Die Lücke ist der interne "
        "Wert minus der Wert der Kunden: positiv heißt, das Unternehmen sieht sich besser, "
        "als seine Kunden es erleben.",
        "The same questions were asked internally and of customers. The gap is the internal "
        "score minus the customers' score: positive means the company sees itself better "
        "than its customers experience it.",
    ),
    "gap_by_dimension": ("Lücke je Dimension", "Gap by dimension"),
    "largest_item_gaps": (
        "Größte Lücken bei einzelnen Fragen",
        "Largest gaps on individual questions",
    ),
    "question": ("Frage", "Question"),
    # heatmaps
    "colour_scale": ("Farbskala: Wert 0–100", "Colour scale: score 0–100"),
    "low": ("schwach", "weak"),
    "high": ("stark", "strong"),
    "other": ("Sonstige", "other"),
    # departments
    "departments_intro": (
        "Werte der internen Befragten je Abteilung. Eine Abteilung erscheint nur, wenn "
        "mindestens {threshold} Personen geantwortet haben.",
        "Scores of the internal respondents by department. A department is shown only when "
        "at least {threshold} people answered.",
    ),
    "invited": ("Eingeladen", "Invited"),
    "response_rate": ("Rücklauf", "Response rate"),
    "response_rate_total": (
        "Rücklauf der Mitarbeitendenbefragung: {answered} von {invited} Eingeladenen haben "
        "geantwortet ({rate}). Je Abteilung unten; kleine Abteilungen nur zusammengefasst.",
        "Response rate of the staff survey: {answered} of {invited} people invited answered "
        "({rate}). By department below; small departments only merged.",
    ),
    "response_rate_over": (
        "{answered} Mitarbeitende haben geantwortet, mehr als die {invited} in den "
        "Einstellungen als eingeladen angegebenen: Die Einladungszahlen sind zu prüfen, ein "
        "Rücklauf wird nicht ausgewiesen.",
        "{answered} staff answered, more than the {invited} the settings list as invited: "
        "check the invitation counts; no response rate is shown.",
    ),
    "departments_merged": (
        "{count} Abteilungen mit weniger als {threshold} Befragten sind in „Sonstige“ "
        "zusammengefasst.",
        "{count} departments with fewer than {threshold} respondents are merged into “other”.",
    ),
    "departments_merged_one": (
        "Eine Abteilung mit weniger als {threshold} Befragten ist in „Sonstige“ zusammengefasst.",
        "One department with fewer than {threshold} respondents is merged into “other”.",
    ),
    "departments_left_out": (
        "{n} Befragte sind nicht ausgewiesen, weil auch zusammengefasst weniger als "
        "{threshold} Personen blieben.",
        "{n} respondents are not shown because even merged they stayed below {threshold} people.",
    ),
    "department": ("Abteilung", "Department"),
    "module_hidden": (
        "– = in diesem Modul zu wenige Antworten, um sie auszuweisen.",
        "– = too few answers in this module to show.",
    ),
    # action plan
    "action_plan_intro": (
        "Die Empfehlungen, gebündelt zu {count} Initiativen und geordnet nach Priorität "
        "(0–100). Priorität = Gewichtsanteil × Evidenzfaktor × (100 − Wert). Der Wert ist der "
        "kritischere der beiden Blickwinkel, wie angezeigt: das Selbstbild oder, wo Kunden "
        "gefragt wurden und es schlechter sehen, ihre Sicht. Gewichtsanteil: Gewicht der "
        "Dimension im Verhältnis zur schwersten Dimension ihres Moduls × Gewicht des Moduls "
        "im Verhältnis zum schwersten Modul (bei gleichen Gewichten 1). Evidenzfaktor 1,0, "
        "wenn Kunden den Bedarf bestätigen, sonst 0,8. Beispiel: Selbstbild 70, Kunden 31, "
        "gleiche Gewichte: 1 × 1,0 × (100 − 31) = 69. Ab 50 hoch, ab 30 mittel. Die "
        "Initiative steht mit ihrer höchsten Priorität; Verantwortliche und Termine werden im "
        "Excel-Maßnahmenplan gepflegt.",
        "The recommendations, bundled into {count} initiatives and ordered by priority "
        "(0–100). Priority = weight share × evidence factor × (100 − score). The score is the "
        "more critical of the two views as displayed: the self-image or, where customers were "
        "asked and see it worse, theirs. Weight share: the dimension's weight relative to the "
        "heaviest dimension of its module × the module's weight relative to the heaviest "
        "module (1 with equal weights). Evidence factor 1.0 where customers confirm the need, "
        "otherwise 0.8. Example: self-image 70, customers 31, equal weights: "
        "1 × 1.0 × (100 − 31) = 69. High from 50, medium from 30. An initiative ranks by its "
        "highest priority; owners and dates are kept in the Excel action plan.",
    ),
    "initiative": ("Initiative", "Initiative"),
    "more_in_plan": (
        "{count} weitere im vollständigen Maßnahmenplan",
        "{count} more in the full action plan",
    ),
    "initiative_why": ("Warum", "Why it matters"),
    "initiative_count": (
        "{count} Empfehlungen · höchste Priorität {priority}",
        "{count} recommendations · highest priority {priority}",
    ),
    "evidence_customer": ("Urteil der Kunden", "customers' ratings"),
    "evidence_kpi": ("Kennzahl", "KPI"),
    "evidence_mirror": ("Wahrnehmungslücke", "perception gap"),
    "evidence_self_rated": ("Selbsteinschätzung", "self-assessment"),
    "evidence_customer_confirmed": ("von Kunden bestätigt", "confirmed by customers"),
    "finding_small_sample": (
        "Vorsicht: beruht auf weniger Antworten als die Anonymitätsschwelle ({threshold})",
        "Caution: rests on fewer answers than the anonymity threshold ({threshold})",
    ),
    "key_findings_intro": (
        "Geordnet nach Schwere, dann nach Beleg: Urteile der Kunden (Kundenwerte, Kennzahlen, "
        "Wahrnehmungslücken) vor Selbsteinschätzungen, dann mehr Antworten vor weniger.",
        "Ranked by severity, then by evidence: the customers' verdict (their scores, KPIs, "
        "perception gaps) before self-assessments, then more answers before fewer.",
    ),
    "recommendation": ("Empfehlung", "Recommendation"),
    "priority": ("Priorität", "Priority"),
    "from_to": ("Stufe", "Level"),
    "no_recommendations": ("Keine Empfehlungen.", "No recommendations."),
    # answers
    "answers_intro": (
        "Alle Antworten, nur mit pseudonymen Kennungen (I = intern, C = Kunde); Namen und "
        "Abteilungen erscheinen nie. „?“ = weiß nicht.",
        "All answers, with pseudonymous ids only (I = internal, C = customer); names and "
        "departments never appear. “?” = don't know.",
    ),
    "answers_capped": (
        "Der Anhang zeigt die Antworten von {shown} der {total} Befragten (eine feste "
        "Auswahl); alle Antworten exportiert `ccassess export`.",
        "The appendix shows the answers of {shown} of the {total} respondents (a fixed "
        "selection); `ccassess export` exports all answers.",
    ),
    "respondent": ("Befragte(r)", "Respondent"),
    "perspective_internal": ("intern", "internal"),
    "perspective_customer": ("Kunde", "customer"),
}


STRINGS.update(METHOD_STRINGS)
STRINGS.update(PRIVACY_STRINGS)


def text(key: str) -> Text:
    """The bilingual Text for a key (section titles are Text)."""
    de, en = STRINGS[key]
    return Text(de, en)


class UnknownLabel(KeyError):
    """A template asked for a UI string that neither its section nor the report has."""


class Translator:
    """t(key, **values) for one language; values are escaped, the tables are trusted.

    `labels` are a section's own strings (``ReportSection.labels``), looked up first.
    """

    def __init__(self, lang: str, labels: Mapping[str, Text] | None = None) -> None:
        self.lang = lang
        self.index = 0 if lang == "de" else 1
        self.labels = labels or {}

    def __call__(self, key: str, **values: object) -> Markup:
        label = self.labels.get(key)
        if label is not None:
            template = label.get(self.lang)
        else:
            try:
                template = STRINGS[key][self.index]
            except KeyError:
                raise UnknownLabel(
                    f"report string {key!r} is neither in the section's labels nor in "
                    "ccassess.report.i18n.STRINGS"
                ) from None
        return Markup(template).format(**values) if values else Markup(template)
