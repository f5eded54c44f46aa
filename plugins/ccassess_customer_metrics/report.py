"""The customer-metrics section of the report: one card per metric (value, formula, inputs,
source, level), three to a row.

Contributed through `ccassess_report_sections` like any plugin's section; the template is
templates/sections/metrics.html, its labels are in
locale/<lang>/LC_MESSAGES/ccassess_customer_metrics_labels.po (inputs' names: ``input_<name>``).
"""

from __future__ import annotations

from typing import Any

from ccassess import AssessmentResult, ReportSection, Text, catalog_text, label

#: After the activity audit (900), before the department breakdown (1100).
ORDER = 1000
METRICS_PER_ROW = 3
#: The catalog of this plugin's labels (locale/<lang>/LC_MESSAGES/<DOMAIN>.po).
DOMAIN = "ccassess_customer_metrics_labels"
#: The figures a metric is computed from whose names (``input_<name>``) the catalog holds.
INPUTS = frozenset(
    {
        "satisfied",
        "responses",
        "promoters",
        "passives",
        "detractors",
        "average",
        "start",
        "lost",
        "new",
        "end",
        "annual_value",
        "lifetime_years",
    }
)
#: Where a metric's value comes from (the analysis' wording → the report's two words).
SOURCES = {
    "ratings": "ratings",
    "customer_ratings": "ratings",
    "aggregate": "aggregate",
    "internal_figures": "aggregate",
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
            catalog_text("metrics", DOMAIN),
            "sections/metrics.html",
            ORDER,
            {"metrics": metrics, "rows": rows},
            labels_domain=DOMAIN,
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
                "name": _input_name(k, lang),
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
        return value.get(lang) or value.get("en") or next((v for v in value.values() if v), "")
    return value.get(lang) if isinstance(value, Text) else str(value)


def _digits(value: Any) -> int:
    """Decimals to show a value with: none for whole or large numbers, one otherwise."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return 0
    return 0 if float(value).is_integer() or abs(value) >= 100 else 1


def _input_name(key: Any, lang: str) -> str:
    """The name of a figure a metric is computed from, as a client reads it (its label
    ``input_<key>``; an unknown one as it is)."""
    return label(lang, f"input_{key}", DOMAIN) if key in INPUTS else str(key)
