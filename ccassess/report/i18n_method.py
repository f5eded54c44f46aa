"""The report's UI strings of the method section (how the figures are made), kept beside the
main table in `ccassess.report.i18n`, which takes them in."""

from __future__ import annotations

METHOD_STRINGS: dict[str, tuple[str, str]] = {
    "method_intro": (
        "Wie die Zahlen in diesem Bericht entstehen. Jede Zahl lässt sich aus den Antworten "
        "und den hier genannten Regeln nachrechnen.",
        "How the numbers in this report come about. Every number can be recomputed from the "
        "answers and the rules given here.",
    ),
    "three_numbers": ("Drei Kennzahlen, getrennt gehalten", "Three numbers, kept apart"),
    "three_numbers_text": (
        "Der Bericht nennt drei Zahlen und vermischt sie nie. Erstens den Reifegrad der "
        "Praxis: So bewerten die Mitarbeitenden die eigenen Abläufe (Selbstbild); nur ihre "
        "Antworten ergeben den Reifegrad. Zweitens die Sicht der Kunden: ihre Antworten auf "
        "die Fragen, die ihnen gestellt wurden, mit der Zahl der Antwortenden und einem "
        "95-%-Intervall (dem Bereich, in dem der Wert bei einer anderen Stichprobe gleicher "
        "Größe wahrscheinlich läge). Drittens Ergebniskennzahlen wie NPS, Zufriedenheit und "
        "Abwanderung, als Zahlen mit ihren Ankern, nicht eingerechnet. Die Wahrnehmungslücke "
        "vergleicht beide Seiten nur auf denselben gespiegelten Fragen; deshalb ist intern "
        "minus Kunden gleich der Lücke. Gewichte stehen in den Modulen fest: Antworten mehr "
        "Kunden dasselbe, ändert sich keine Zahl. Eine Stufe richtet sich nach dem Wert, wie "
        "er gedruckt ist (gerundet).",
        "The report gives three numbers and never mixes them. First, practice maturity: how "
        "the staff rate their own practices (self-image); only their answers make the "
        "maturity level. Second, the customers' view: their answers to the questions put to "
        "them, with the number who answered and a 95% interval (the range the figure would "
        "probably fall in with another sample of the same size). Third, outcome KPIs such as "
        "NPS, satisfaction and churn, as figures against their anchors, not added in. The "
        "perception gap compares both sides on the same mirrored questions only, so internal "
        "minus customers equals the gap. Weights are fixed in the modules: if more customers "
        "answer the same way, no number changes. A level follows the score as printed "
        "(rounded).",
    ),
    "scales": ("Skalen und Fragetypen", "Scales and question types"),
    "question_type": ("Fragetyp", "Question type"),
    "questions": ("Fragen", "Questions"),
    "scoring_rule": ("Wertung (0–100)", "Scoring (0–100)"),
    "type_other": ("gewertet, wie das Modul es beschreibt", "scored as the module describes"),
    "reverse_note": (
        "Manche Aussagen sind negativ formuliert („Unsere Unterlagen sind kompliziert“). Sie "
        "werden umgekehrt gewertet (100 − Wert), damit ein hoher Wert immer gut ist: Ein hoher "
        "Wert heißt dort, dass die Aussage nicht zutrifft. Der Bericht kennzeichnet solche "
        "Fragen.",
        "Some statements are worded negatively (“our documents are complicated”). They are "
        "scored in reverse (100 − score) so that a high score is always good: there, a high "
        "score means the statement does not apply. The report marks these questions.",
    ),
    "weights": ("Gewichte", "Weights"),
    "weights_intro": (
        "Fragen, Dimensionen und Module werden mit diesen festen Gewichten gemittelt, je "
        "Sichtweise getrennt. Anteil = Gewicht des Moduls am Gesamtwert.",
        "Questions, dimensions and modules are averaged with these fixed weights, each "
        "perspective separately. Share = the module's weight in the overall score.",
    ),
    "share": ("Anteil", "Share"),
    "thresholds": ("Schwellen der Reifegradstufen", "Maturity level thresholds"),
    "from_score": ("ab Wert", "from score"),
    "meaning": ("Bedeutung", "Meaning"),
    "module_levels_differ": (
        "Eigene Stufenschwellen: {modules}.",
        "Own level thresholds: {modules}.",
    ),
    "missing_answers": ("„Weiß nicht“ und fehlende Antworten", "“Don't know” and missing answers"),
    "missing_text": (
        "„Weiß nicht“ und übersprungene Fragen zählen als gestellt, aber nicht beantwortet: "
        "Sie senken die Abdeckung, nie den Wert. Eine Dimension ohne Antworten hat keinen Wert "
        "und geht nicht in den Modulwert ein.",
        "“Don't know” and skipped questions count as asked but not answered: they lower "
        "coverage, never the score. A dimension without answers has no score and does not "
        "enter the module score.",
    ),
    "several_respondents": ("Mehrere Befragte", "Several respondents"),
    "several_text": (
        "Der Wert einer Frage ist der Mittelwert derer, die sie beantwortet haben, getrennt "
        "für Mitarbeitende und Kunden; Dimensionen, Module und der Gesamtwert sind gewichtete "
        "Mittel dieser Werte, nie nach der Zahl der Antwortenden gewichtet. Abteilungen "
        "erscheinen erst ab {threshold} Befragten.",
        "A question's score is the mean over those who answered it, separately for staff and "
        "customers; dimensions, modules and the overall score are weighted means of these "
        "scores, never weighted by the number of respondents. Departments are shown from "
        "{threshold} respondents on.",
    ),
    "agreement_title": ("Übereinstimmung (r_wg)", "Agreement (r_wg)"),
    "agreement_text": (
        "Ein Mittelwert steht nur dann für eine gemeinsame Sicht, wenn die Befragten sich "
        "einig sind. Das misst die Übereinstimmung r_wg, immer innerhalb einer Gruppe "
        "(Mitarbeitende oder Kunden, nie beide zusammen, sonst mäße sie nur die "
        "Wahrnehmungslücke): Sie vergleicht die Streuung der Antworten mit der Streuung, die "
        "zufälliges Ankreuzen auf derselben Skala ergäbe. 0 heißt so uneinig wie der Zufall, "
        "1 heißt alle antworten gleich; für eine Dimension mit mehreren Fragen gilt r_wg(J). "
        "Lesart: bis 0,30 keine, bis 0,50 schwache, bis 0,70 mäßige, bis 0,90 starke, "
        "darüber sehr starke Übereinstimmung. Eine Dimension gilt als umstritten, wenn in einer "
        "Gruppe mindestens {n} Personen geantwortet haben und r_wg unter {rwg} liegt. Für "
        "Fragen ohne Skala (Auswahl, Zahlen) gibt es kein r_wg; dort steht die "
        "Standardabweichung der Werte (0–100), umstritten ab {sd}.",
        "A mean stands for a shared view only if the respondents agree. Agreement r_wg "
        "measures this, always within one group (staff or customers, never both together, "
        "or it would mostly measure the perception gap): it compares the spread of the "
        "answers with the spread that ticking at random on the same scale would give. 0 "
        "means as divided as chance, 1 means everybody gives the same answer; a dimension "
        "with several questions uses r_wg(J). Reading: up to 0.30 no agreement, up to 0.50 "
        "weak, up to 0.70 moderate, up to 0.90 strong, above that very strong. A dimension "
        "counts as disputed when at least {n} people of one group answered and r_wg is below "
        "{rwg}. Questions without a scale (choices, numbers) have no r_wg; there the "
        "standard deviation of the scores (0–100) is shown, disputed from {sd} on.",
    ),
    "reliability_title": (
        "Zuverlässigkeit der Skalen (Cronbachs Alpha)",
        "Reliability of the scales (Cronbach's alpha)",
    ),
    "reliability_text": (
        "Eine Dimension fasst mehrere Fragen zu einem Wert zusammen. Ob diese Fragen "
        "einheitlich dasselbe messen, zeigt Cronbachs Alpha, berechnet je Gruppe über die "
        "Befragten, die alle Fragen der Dimension beantwortet haben (n). Ab {alpha} gilt eine "
        "Skala hier als brauchbar (ab 0,70 als gut); darunter ist sie in den Modultabellen "
        "markiert: Skala uneinheitlich – Einzelfragen lesen. Unter {n} vollständigen "
        "Antworten wird Alpha nicht berechnet (–). Alpha über beide Gruppen zusammen wäre "
        "zu hoch, weil der Unterschied zwischen den Gruppen wie Einheitlichkeit aussieht.",
        "A dimension combines several questions into one score. Cronbach's alpha shows "
        "whether these questions consistently measure one thing; it is computed for each "
        "group over the respondents who answered all of the dimension's questions (n). From "
        "{alpha} on a scale counts as usable here (from 0.70 as good); below that it is marked "
        "in the module tables: scale inconsistent – read the individual items. Below {n} complete "
        "answers alpha is not computed (–). Alpha over both groups together would be too "
        "high, because the difference between the groups looks like consistency.",
    ),
    "alpha": ("Alpha", "Alpha"),
    "alpha_low": ("uneinheitlich", "inconsistent"),
    "n_complete": ("n vollständig", "n complete"),
    "small_n_text": (
        "Jeder Wert nennt die Zahl der Befragten dahinter und, wo er auf einer Stichprobe "
        "beruht, ein 95-%-Intervall. Ein Wert aus weniger als {threshold} Antworten ist mit "
        "„n unter {threshold}“ markiert: nur ein Anhaltspunkt.",
        "Every figure names the number of respondents behind it and, where it rests on a "
        "sample, a 95% interval. A figure from fewer than {threshold} answers is marked "
        "“n below {threshold}”: an indication only.",
    ),
    "modules_versions": ("Module, Versionen und Quellen", "Modules, versions and sources"),
    "version": ("Version", "Version"),
    "sources": ("Quellen der Fragen", "Sources of the items"),
    "formulas": ("Formeln", "Formulas"),
    "method_version": (
        "Methodenversion {method}, Softwareversion {version}.",
        "Method version {method}, software version {version}.",
    ),
}
