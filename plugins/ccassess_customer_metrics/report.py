"""The customer-metrics section of the report: one card per metric (value, formula, inputs,
source, level), three to a row.

Contributed through `ccassess_report_sections` like any plugin's section; the template is
templates/sections/metrics.html, its strings are `LABELS` below.
"""

from __future__ import annotations

from typing import Any

from ccassess import AssessmentResult, ReportSection, Text

#: After the activity audit (900), before the department breakdown (1100).
ORDER = 1000
METRICS_PER_ROW = 3
#: Where a metric's value comes from (the analysis' wording → the report's two words).
#: The names of the figures a metric is computed from, as a client reads them.
INPUT_NAMES = {
    "satisfied": Text("zufrieden (4–5)", "satisfied (4–5)"),
    "responses": Text("Antworten", "answers"),
    "promoters": Text("Promotoren (9–10)", "promoters (9–10)"),
    "passives": Text("Passive (7–8)", "passives (7–8)"),
    "detractors": Text("Kritiker (0–6)", "detractors (0–6)"),
    "average": Text("Durchschnitt", "average"),
    "start": Text("Kunden zu Beginn", "customers at the start"),
    "lost": Text("verloren", "lost"),
    "new": Text("neu gewonnen", "newly won"),
    "end": Text("Kunden am Ende", "customers at the end"),
    "annual_value": Text("Wert pro Jahr", "value per year"),
    "lifetime_years": Text("Kundendauer in Jahren", "customer lifetime in years"),
}

SOURCES = {
    "ratings": "ratings",
    "customer_ratings": "ratings",
    "aggregate": "aggregate",
    "internal_figures": "aggregate",
}
LABELS = {
    "metrics": Text("Kundenkennzahlen", "Customer metrics"),
    "metrics_intro": Text(
        "Ergebniskennzahlen aus den Antworten der Kunden oder aus den angegebenen "
        "Unternehmensdaten, jeweils mit Formel, Eingangswerten und – wo sie auf einer "
        "Stichprobe beruhen – n und 95-%-Konfidenzintervall. Jede Kennzahl hat genau eine "
        "Stufe, gemessen an dokumentierten Ankern; diese Anker sind Konventionen, keine "
        "Standards. Die Kennzahlen fließen nicht in die Werte der Dimensionen ein: Diese "
        "beruhen auf der selbst eingeschätzten Praxis.",
        "Outcome metrics from the customers' answers or from the company figures provided, "
        "each with its formula, inputs and – where it rests on a sample – n and a 95% "
        "confidence interval. Each metric has exactly one level, against documented anchors; "
        "these anchors are conventions, not standards. The metrics do not enter the dimension "
        "scores: those rest on the self-rated practice.",
    ),
    "outcome": Text("Ergebniskennzahl", "Outcome metric"),
    "interval": Text("95-%-Intervall", "95% interval"),
    "interval_to": Text("bis", "to"),
    "interval_method_nps_difference_variance": Text(
        "Varianz der Differenz Promotoren − Kritiker", "variance of promoters − detractors"
    ),
    "interval_method_wilson": Text("Wilson", "Wilson"),
    "interval_method_t": Text("t-Verteilung", "t distribution"),
    "small_sample_anonymity_threshold": Text(
        "Vorsicht: n = {n} liegt unter der Anonymitätsschwelle ({minimum}).",
        "Caution: n = {n} is below the anonymity threshold ({minimum}).",
    ),
    "small_sample_minimum_sample": Text(
        "Vorsicht: n = {n} liegt unter der Mindestzahl von {minimum} Antworten (Faustregel); "
        "das Intervall ist breit.",
        "Caution: n = {n} is below the minimum of {minimum} answers (a rule of thumb); the "
        "interval is wide.",
    ),
    "anchor": Text("Anker", "Anchors"),
    "formula": Text("Formel", "Formula"),
    "inputs": Text("Eingangswerte", "Inputs"),
    "source": Text("Quelle", "Source"),
    "source_ratings": Text("Kundenbewertungen", "customer ratings"),
    "source_aggregate": Text("Unternehmenszahlen", "company figures"),
    "not_available": Text("keine Daten", "no data"),
    "internal_estimate": Text("laut Unternehmenszahlen", "per company figures"),
    "nps_question": Text(
        "Gefragt wurde: „Wie wahrscheinlich ist es, dass Sie das Unternehmen einem Freund oder "
        "Kollegen weiterempfehlen?“ (0 = sehr unwahrscheinlich … 10 = sehr wahrscheinlich)",
        "The question asked: “How likely is it that you would recommend the company to a friend "
        "or colleague?” (0 = not at all likely … 10 = extremely likely)",
    ),
    "nps_trademark": Text(
        "Net Promoter®, NPS® und Net Promoter Score® sind eingetragene Marken von Bain & "
        "Company, Inc., NICE Systems, Inc. und Fred Reichheld.",
        "Net Promoter®, NPS® and Net Promoter Score® are registered trademarks of Bain & "
        "Company, Inc., NICE Systems, Inc. and Fred Reichheld.",
    ),
}


def metrics_sections(result: AssessmentResult, lang: str, key: str) -> list[ReportSection]:
    """The metrics section, when a module has metrics (analysis `key`)."""
    metrics = []
    for module in result.modules:
        data = module.analysis.get(key)
        if not isinstance(data, dict):
            continue
        entries = data.get("metrics") or []
        for metric in entries.values() if isinstance(entries, dict) else entries:
            if isinstance(metric, dict):
                metrics.append(_card(metric, lang))
    if not metrics:
        return []
    rows = [metrics[i : i + METRICS_PER_ROW] for i in range(0, len(metrics), METRICS_PER_ROW)]
    rows[-1] += [None] * (METRICS_PER_ROW - len(rows[-1]))  # empty cells keep the grid
    return [
        ReportSection(
            "metrics",
            LABELS["metrics"],
            "sections/metrics.html",
            ORDER,
            {"metrics": metrics, "rows": rows},
            labels=LABELS,
        )
    ]


def _card(metric: dict[str, Any], lang: str) -> dict[str, Any]:
    value = metric.get("value")
    internal = metric.get("internal_figure")
    return {
        "id": metric.get("id"),
        "label": _local(metric.get("label"), lang) or str(metric.get("id", "")),
        "value": value,
        # as the report's headline shows it (one number, one form on every page)
        "digits": metric["digits"] if "digits" in metric else _digits(value),
        "unit": _unit(str(metric.get("unit") or "")),
        # "49 %" with a no-break space in German, "49%" in English
        "unit_space": "" if metric.get("unit") == "%" and lang == "en" else "\u00a0",
        "n": metric.get("n"),
        "inputs": [
            {
                "name": INPUT_NAMES[k].get(lang) if k in INPUT_NAMES else str(k),
                "value": v,
                "digits": _digits(v),
            }
            for k, v in (metric.get("inputs") or {}).items()
        ],
        "source": SOURCES.get(metric.get("source") or "", metric.get("source")),
        "formula": _local(metric.get("formula"), lang),
        "note": _local(metric.get("note"), lang),
        "internal_figure": internal,
        "internal_digits": _digits(internal),
        "score": metric.get("score"),
        "level": metric.get("level"),
        "interval": _interval(metric.get("interval")),
        "interval_digits": metric["digits"]
        if "digits" in metric
        else _interval_digits(metric.get("interval")),
        "interval_method": metric.get("interval_method"),
        "small_sample": _small_sample(metric.get("small_sample")),
        "anchor": _local((metric.get("anchor") or {}).get("basis"), lang),
    }


def _unit(unit: str) -> str:
    """A unit that is a range is the figure's scale: "3,7 (1–7)", as in the summary."""
    return f"({unit})" if "–" in unit else unit


def _interval(value: Any) -> list[float] | None:
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int | float) for v in value)
    ):
        return [float(value[0]), float(value[1])]
    return None


def _interval_digits(value: Any) -> int:
    interval = _interval(value)
    return 0 if interval is None or max(abs(v) for v in interval) >= 10 else 1


def _small_sample(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict) or value.get("reason") not in (
        "anonymity_threshold",
        "minimum_sample",
    ):
        return None
    return {"label": f"small_sample_{value['reason']}", **value}


def _local(value: Any, lang: str) -> str:
    """A text of the analysis data ({"de": …, "en": …} or plain) in the report's language."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return value.get(lang) or next((v for v in value.values() if v), "")
    return value.get(lang) if isinstance(value, Text) else str(value)


def _digits(value: Any) -> int:
    """Decimals to show a value with: none for whole or large numbers, one otherwise."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return 0
    return 0 if float(value).is_integer() or abs(value) >= 100 else 1
