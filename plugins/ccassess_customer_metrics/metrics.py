"""Customer metrics from raw customer ratings or internal aggregates, mapped to 0–100. Pure.

Formulas (the texts shown in the report are the module's `formulas:`):
- CSAT = answers of 4 or 5 on the 1–5 scale ÷ all answers × 100;
- NPS = % promoters (9–10) − % detractors (0–6) on the 0–10 scale;
- CES = mean of the 1–7 answers (higher = less effort);
- churn = customers lost ÷ customers at the start × 100;
- retention = (customers at the end − new customers) ÷ customers at the start × 100,
  or 100 − churn when end or new customers are not known;
- CLV = average annual value × average lifetime in years.

Raw customer ratings win over the company's own aggregates. Since module version 2.0.0 the
aggregates are key figures, entered once per round (`perspective: key_figures`); two key
figures that disagree are refused where answers are read, so here they are merged. A round
answered with an earlier version, where staff entered them, keeps its rule: when several
staff entered aggregates for the same metric, the most complete set is used, the first in
input order on a tie (figures are company-wide numbers: averaging or adding different
people's figures would invent numbers nobody reported).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from ccassess import (
    DONT_KNOW,
    Interval,
    Module,
    ModuleResult,
    Respondent,
    Text,
    mean_interval,
    nps_interval,
    wilson_interval,
)

METRICS = ("csat", "nps", "ces", "churn", "retention", "clv")

LABELS = {
    "csat": Text("Kundenzufriedenheit (CSAT)", "Customer satisfaction (CSAT)"),
    "nps": Text("Net Promoter Score (NPS)", "Net Promoter Score (NPS)"),
    "ces": Text("Customer Effort Score (CES)", "Customer Effort Score (CES)"),
    "churn": Text("Abwanderungsrate", "Churn rate"),
    "retention": Text("Bindungsrate", "Retention rate"),
    "clv": Text("Kundenwert (CLV)", "Customer lifetime value (CLV)"),
}
UNITS = {"csat": "%", "nps": "", "ces": "1–7", "churn": "%", "retention": "%", "clv": ""}

#: Which dimension each metric belongs to.
DIMENSION_OF = {
    "csat": "satisfaction",
    "nps": "loyalty",
    "ces": "effort",
    "churn": "retention",
    "retention": "retention",
    "clv": "customer_value",
}

#: Customer ratings that are metric inputs. In a dimension's practice score they are left out:
#: they count once, through the metric.
RATING_QUESTIONS = {"csat": "csat_rating", "nps": "nps_rating", "ces": "ces_rating"}

#: Internal aggregate questions per group; one respondent's set is used per group.
AGGREGATES = {
    "csat": ("csat_satisfied", "csat_responses"),
    "nps": ("nps_promoters", "nps_passives", "nps_detractors"),
    "ces": ("ces_average",),
    "customers": ("customers_start", "customers_lost", "customers_new", "customers_end"),
    "clv": ("avg_annual_value", "avg_lifetime_years"),
}

#: Metric value → score 0–100, linear between these anchors (clipped at the ends). The values
#: at scores 20, 40, 60 and 80 are where maturity levels 2, 3, 4 and 5 begin.
ANCHORS: dict[str, tuple[tuple[float, float], ...]] = {
    # per cent satisfied: < 50 level 1, 50–65 level 2, 65–75 level 3, 75–85 level 4, ≥ 85 level 5
    "csat": ((0, 0), (50, 20), (65, 40), (75, 60), (85, 80), (100, 100)),
    # negative level 1, 0–20 level 2, 20–40 level 3, 40–60 level 4, ≥ 60 level 5
    "nps": ((-100, 0), (0, 20), (20, 40), (40, 60), (60, 80), (100, 100)),
    # < 4 (more effort than ease) level 1, 4–5 level 2, 5–5.5 level 3, 5.5–6 level 4, ≥ 6 level 5
    "ces": ((1, 0), (4, 20), (5, 40), (5.5, 60), (6, 80), (7, 100)),
    # lower is better: > 25 % level 1, 15–25 level 2, 10–15 level 3, 5–10 level 4, ≤ 5 level 5
    "churn": ((0, 100), (5, 80), (10, 60), (15, 40), (25, 20), (100, 0)),
    # ≤ 75 % level 1, 75–85 level 2, 85–90 level 3, 90–95 level 4, ≥ 95 level 5
    "retention": ((0, 0), (75, 20), (85, 40), (90, 60), (95, 80), (100, 100)),
    # CLV has no absolute benchmark (it depends on the business): no score.
}

#: Below this many answers a figure is flagged as resting on a thin sample. A documented
#: heuristic, not a standard: one NPS library calls n < 30 a "thin sample"; at n = 30 the
#: NPS interval is still about ±30 points wide.
MIN_SAMPLE = 30

#: What each KPI's levels are anchored on (all of them conventions, none a standard), with the
#: reference the texts rest on.
ANCHOR_BASIS = {
    "csat": (
        Text(
            "Konvention, kein Standard: Stufen ab 50, 65, 75 und 85 % zufriedener Antworten. "
            "Anbieter nennen ähnliche Bänder (über 80 % exzellent, unter 40 % unzufrieden; "
            "unter 70 % bedenklich).",
            "A convention, not a standard: levels from 50, 65, 75 and 85% satisfied answers. "
            "Vendors quote similar bands (above 80% excellent, below 40% dissatisfied; below "
            "70% concerning).",
        ),
        "CSAT top-2-box share (SogoSurvey help; youropinion.is; Abacum benchmark 60–80 %)",
    ),
    "nps": (
        Text(
            "Konvention, kein Standard: Stufen ab 0, 20, 40 und 60. Die verbreiteten Bänder "
            "(über 0 gut, über 20 günstig, über 50 exzellent) werden Bain zugeschrieben, sind "
            "aber nicht belegt; der beste Vergleich ist der eigene Vorwert oder direkte "
            "Wettbewerber (Branchenmittel USA 2023: −6 bis +30).",
            "A convention, not a standard: levels from 0, 20, 40 and 60. The common bands "
            "(above 0 good, above 20 favourable, above 50 excellent) are attributed to Bain but "
            "not documented; the best comparison is your own previous score or direct "
            "competitors (US industry averages 2023: −6 to +30).",
        ),
        "Reichheld 2003 (formula); vendor bands (e.g. renegademarketing 2023); XM Institute "
        "2023 US consumer NPS benchmark",
    ),
    "ces": (
        Text(
            "Konvention: Unter 4, der Mitte der Skala 1–7, überwiegt der Aufwand; Stufen ab 4, "
            "5, 5,5 und 6.",
            "A convention: below 4, the midpoint of the 1–7 scale, effort outweighs ease; levels "
            "from 4, 5, 5.5 and 6.",
        ),
        "CES 2.0 (Dixon, Toman & DeLisi, The Effortless Experience, 2013)",
    ),
    "churn": (
        Text(
            "Konvention dieses Moduls, stark branchenabhängig: Stufen ab 25, 15, 10 und 5 % "
            "Abwanderung (weniger ist besser).",
            "This module's convention, strongly industry-dependent: levels from 25, 15, 10 and "
            "5% churn (lower is better).",
        ),
        "Zendesk 2025 (formula); Reichheld & Sasser 1990 (why retention matters)",
    ),
    "retention": (
        Text(
            "Konvention dieses Moduls, stark branchenabhängig: Stufen ab 75, 85, 90 und 95 % "
            "Bindung.",
            "This module's convention, strongly industry-dependent: levels from 75, 85, 90 and "
            "95% retention.",
        ),
        "Zendesk 2025 (formula); Reichheld & Sasser 1990 (why retention matters)",
    ),
}

#: How each interval is computed (the analysis data names it).
INTERVAL_METHODS = {
    "nps": "nps_difference_variance",
    "csat": "wilson",
    "ces": "t",
}

NOTES = {
    "no_data": Text("Keine Angaben.", "No data."),
    "incomplete": Text(
        "Angaben unvollständig; die Kennzahl kann nicht berechnet werden.",
        "Figures incomplete; the metric cannot be computed.",
    ),
    "no_responses": Text(
        "Null Antworten angegeben; die Kennzahl ist nicht definiert.",
        "Zero answers given; the metric is not defined.",
    ),
    "no_customers_at_start": Text(
        "Zu Beginn des Zeitraums gab es keine Kunden; die Rate ist nicht definiert.",
        "There were no customers at the start of the period; the rate is not defined.",
    ),
    "retention_from_churn": Text(
        "Kunden am Ende oder Neukunden fehlen; geschätzt als 100 − Abwanderungsrate.",
        "Customers at the end or new customers missing; estimated as 100 − churn rate.",
    ),
}


def metric_score(metric: str, value: float | None) -> float | None:
    """The 0–100 score of a metric value by its anchors; None without a value or benchmark."""
    anchors = ANCHORS.get(metric)
    if value is None or anchors is None:
        return None
    if value <= anchors[0][0]:
        return anchors[0][1]
    for (x0, y0), (x1, y1) in pairwise(anchors):
        if value <= x1:
            return y0 + (value - x0) / (x1 - x0) * (y1 - y0)
    return anchors[-1][1]


def level_thresholds(metric: str) -> list[float] | None:
    """The metric values where levels 2 … 5 begin (scores 20, 40, 60, 80)."""
    anchors = ANCHORS.get(metric)
    if anchors is None:
        return None
    return [x for x, y in anchors if y in (20, 40, 60, 80)]


def _number(value: Any) -> float | None:
    if value.__class__ is int or value.__class__ is float:
        return value  # the common case, checked first
    if value is None or value == DONT_KNOW or isinstance(value, bool):
        return None
    return value if isinstance(value, int | float) else None


def ratings(answers: Sequence[Mapping[str, Any]], question_id: str) -> list[float]:
    """The numeric answers to one question, in respondents' order."""
    values = []
    for given in answers:
        value = _number(given.get(question_id))
        if value is not None:
            values.append(value)
    return values


def aggregate_set(
    internal: Sequence[Mapping[str, Any]], question_ids: Sequence[str]
) -> dict[str, float]:
    """The most complete set of these figures one internal respondent gave (first on a tie)."""
    best: dict[str, float] = {}
    for answers in internal:
        if answers.keys().isdisjoint(question_ids):
            continue  # none of these figures (the common case: most people enter none)
        found = {q: v for q in question_ids if (v := _number(answers.get(q))) is not None}
        if len(found) > len(best):
            best = found
    return best


def _metric(
    value: float | None,
    source: str | None = None,
    n: int | None = None,
    inputs: Mapping[str, float] | None = None,
    note: str | None = None,
    interval: Interval | None = None,
) -> dict[str, Any]:
    return {
        "value": value,
        "source": source,
        "n": n,
        "inputs": dict(inputs or {}),
        "note": note,
        "interval": [interval.low, interval.high] if interval is not None else None,
    }


def compute_csat(raw: Sequence[float], figures: Mapping[str, float]) -> dict[str, Any]:
    if raw:
        satisfied = sum(1 for v in raw if v >= 4)
        inputs = {"satisfied": satisfied, "responses": len(raw)}
        interval = wilson_interval(satisfied, len(raw))
        return _metric(
            satisfied / len(raw) * 100, "customer_ratings", len(raw), inputs, interval=interval
        )
    return _csat_from_figures(figures)


def _csat_from_figures(figures: Mapping[str, float]) -> dict[str, Any]:
    if not figures:
        return _metric(None, note="no_data")
    if len(figures) < 2:
        return _metric(None, "internal_figures", inputs=figures, note="incomplete")
    satisfied, responses = figures["csat_satisfied"], figures["csat_responses"]
    inputs = {"satisfied": satisfied, "responses": responses}
    if not responses:
        return _metric(None, "internal_figures", 0, inputs, "no_responses")
    interval = wilson_interval(int(satisfied), int(responses))
    return _metric(
        satisfied / responses * 100, "internal_figures", int(responses), inputs, interval=interval
    )


def compute_nps(raw: Sequence[float], figures: Mapping[str, float]) -> dict[str, Any]:
    if raw:
        promoters = sum(1 for v in raw if v >= 9)
        detractors = sum(1 for v in raw if v <= 6)
        inputs = {
            "promoters": promoters,
            "passives": len(raw) - promoters - detractors,
            "detractors": detractors,
        }
        value = (promoters - detractors) / len(raw) * 100
        interval = nps_interval(promoters, inputs["passives"], detractors)
        return _metric(value, "customer_ratings", len(raw), inputs, interval=interval)
    return _nps_from_figures(figures)


def _nps_from_figures(figures: Mapping[str, float]) -> dict[str, Any]:
    if not figures:
        return _metric(None, note="no_data")
    if len(figures) < 3:
        return _metric(None, "internal_figures", inputs=figures, note="incomplete")
    promoters, passives = figures["nps_promoters"], figures["nps_passives"]
    detractors = figures["nps_detractors"]
    total = promoters + passives + detractors
    inputs = {"promoters": promoters, "passives": passives, "detractors": detractors}
    if not total:
        return _metric(None, "internal_figures", 0, inputs, "no_responses")
    interval = nps_interval(int(promoters), int(passives), int(detractors))
    value = (promoters - detractors) / total * 100
    return _metric(value, "internal_figures", int(total), inputs, interval=interval)


def compute_ces(raw: Sequence[float], figures: Mapping[str, float]) -> dict[str, Any]:
    if raw:
        interval = mean_interval(raw)
        return _metric(sum(raw) / len(raw), "customer_ratings", len(raw), interval=interval)
    if figures:
        value = figures["ces_average"]
        return _metric(value, "internal_figures", inputs={"average": value})
    return _metric(None, note="no_data")


def compute_churn(figures: Mapping[str, float]) -> dict[str, Any]:
    start, lost = figures.get("customers_start"), figures.get("customers_lost")
    inputs = {k: v for k, v in (("start", start), ("lost", lost)) if v is not None}
    if not figures:
        return _metric(None, note="no_data")
    if start is None or lost is None:
        return _metric(None, "internal_figures", inputs=inputs, note="incomplete")
    if not start:
        return _metric(None, "internal_figures", inputs=inputs, note="no_customers_at_start")
    return _metric(lost / start * 100, "internal_figures", inputs=inputs)


def compute_retention(figures: Mapping[str, float], churn: float | None) -> dict[str, Any]:
    start = figures.get("customers_start")
    end, new = figures.get("customers_end"), figures.get("customers_new")
    named = (("start", start), ("end", end), ("new", new))
    inputs = {k: v for k, v in named if v is not None}
    if not figures:
        return _metric(None, note="no_data")
    if start == 0:
        return _metric(None, "internal_figures", inputs=inputs, note="no_customers_at_start")
    if start is not None and end is not None and new is not None:
        return _metric((end - new) / start * 100, "internal_figures", inputs=inputs)
    if churn is not None:
        return _metric(100 - churn, "internal_figures", inputs=inputs, note="retention_from_churn")
    return _metric(None, "internal_figures", inputs=inputs, note="incomplete")


def compute_clv(figures: Mapping[str, float]) -> dict[str, Any]:
    if not figures:
        return _metric(None, note="no_data")
    if len(figures) < 2:
        return _metric(None, "internal_figures", inputs=figures, note="incomplete")
    annual, years = figures["avg_annual_value"], figures["avg_lifetime_years"]
    inputs = {"annual_value": annual, "lifetime_years": years}
    return _metric(annual * years, "internal_figures", inputs=inputs)


def figure_answers(
    module: Module, respondents: Sequence[Respondent], answers: Sequence[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """The answers holding the company figures: the key figures merged into one (they agree:
    conflicts are refused at the edge), or, in a round answered with a module version before
    2.0.0, each staff member's own."""
    asked = module.question("customers_start")
    perspective = asked.perspective if asked is not None else "internal"
    given = [a for a, r in zip(answers, respondents, strict=True) if r.perspective == perspective]
    if perspective != "key_figures":
        return given
    merged: dict[str, Any] = {}
    for figures in given:
        for question_id, value in figures.items():
            if _number(value) is not None:
                merged.setdefault(question_id, value)
    return [merged]


def compute_metrics(module: Module, respondents: Sequence[Respondent]) -> dict[str, dict]:
    """Every metric as {value, source, n, inputs, note}; value None when it cannot be computed."""
    answers = [r.answers.get(module.id, {}) for r in respondents]  # looked up once, not 8 times
    internal = figure_answers(module, respondents, answers)
    figures = {group: aggregate_set(internal, ids) for group, ids in AGGREGATES.items()}
    raw = {m: ratings(answers, q) for m, q in RATING_QUESTIONS.items()}
    metrics = {
        "csat": compute_csat(raw["csat"], figures["csat"]),
        "nps": compute_nps(raw["nps"], figures["nps"]),
        "ces": compute_ces(raw["ces"], figures["ces"]),
        "churn": compute_churn(figures["customers"]),
    }
    metrics["retention"] = compute_retention(figures["customers"], metrics["churn"]["value"])
    metrics["clv"] = compute_clv(figures["clv"])
    # When customers rated and staff also entered figures, keep the staff's figure beside it:
    # the difference is a self-image gap of its own.
    internal = {
        "csat": _csat_from_figures(figures["csat"]),
        "nps": _nps_from_figures(figures["nps"]),
        "ces": compute_ces([], figures["ces"]),
    }
    for metric, other in internal.items():
        own = metrics[metric]
        own["internal_figure"] = other["value"] if own["source"] == "customer_ratings" else None
    return metrics


def level_of(score: float | None, module: Module) -> int | None:
    if score is None:
        return None
    return max((lv.level for lv in module.levels if score >= lv.minimum), default=None)


def practice_score(result: ModuleResult, dimension_id: str) -> float | None:
    """The dimension's score from its practice items only (metric ratings left out)."""
    dimension = result.dimension(dimension_id)
    if dimension is None:
        return None
    ratings_ids = set(RATING_QUESTIONS.values())
    pairs = [
        (q.weight, q.score)
        for q in dimension.questions
        if q.scored and q.score is not None and q.id not in ratings_ids
    ]
    total = sum(w for w, _ in pairs)
    return sum(w * s for w, s in pairs) / total if total else None


def analyse(
    module: Module,
    respondents: Sequence[Respondent],
    result: ModuleResult,
    anonymity_threshold: int = 5,
) -> tuple[dict[str, Any], dict[str, float | None]]:
    """The analysis data and the dimension scores that replace the engine's.

    Each KPI is an outcome figure with one level against its documented anchors; it is never
    blended into a dimension score. The dimensions that hold a customer rating (CSAT, NPS,
    CES) score their self-rated practice items only.
    """
    computed = compute_metrics(module, respondents)
    metrics: dict[str, dict[str, Any]] = {}
    for metric in METRICS:
        entry = computed[metric]
        if (
            entry.get("source") == "customer_ratings"
            and (entry.get("n") or 0) < anonymity_threshold
        ):
            # customers' ratings of fewer people than the threshold: never shown, not even
            # their counts (promoters = 1 is one customer's answer)
            entry = {**entry, "value": None, "interval": None, "inputs": {}}
            entry["internal_figure"] = None
        score = metric_score(metric, entry["value"])
        formula = module.formulas.get(metric)
        note = entry.pop("note")
        metrics[metric] = {
            "id": metric,
            "label": LABELS[metric].to_data(),
            "kind": "outcome",
            **entry,
            "interval_method": INTERVAL_METHODS.get(metric) if entry["interval"] else None,
            "confidence": 0.95 if entry["interval"] else None,
            "small_sample": small_sample(entry["n"], anonymity_threshold),
            "unit": _unit(module, metric),
            "score": score,
            "level": outcome_level(metric, entry["value"], module),
            "anchor": _anchor(metric),
            "thresholds": level_thresholds(metric),
            "higher_is_better": metric != "churn",
            # how the headline shows it: NPS is a net score (+12), CES a mean on its scale
            "signed": metric == "nps",
            "digits": 1 if metric == "ces" else 0,
            "formula": formula.to_data() if formula else None,
            "dimension": DIMENSION_OF[metric],
            "note": NOTES[note].to_data() if note else None,
        }
    dimensions: dict[str, dict[str, float | None]] = {}
    overrides: dict[str, float | None] = {}
    rated = {DIMENSION_OF[m] for m in RATING_QUESTIONS}
    for dimension in module.dimensions:
        scores = [
            metrics[m]["score"]
            for m in METRICS
            if DIMENSION_OF[m] == dimension.id and metrics[m]["score"] is not None
        ]
        practice = practice_score(result, dimension.id)
        dimensions[dimension.id] = {
            "practice": practice,
            "outcome_score": sum(scores) / len(scores) if scores else None,
        }
        if dimension.id in rated:
            overrides[dimension.id] = practice
    return {"metrics": metrics, "dimensions": dimensions}, overrides


def outcome_level(metric: str, value: float | None, module: Module) -> int | None:
    """The KPI's level against its anchors, classified on the value as the report shows it
    (one decimal), so a figure printed on a threshold is not put below it."""
    if value is None:
        return None
    return level_of(metric_score(metric, round(value, 1)), module)


def small_sample(n: int | None, anonymity_threshold: int) -> dict[str, Any] | None:
    """Why a figure rests on too few answers: below the anonymity threshold (the stricter
    flag) or below the documented minimum `MIN_SAMPLE`; None when neither applies."""
    if n is None:
        return None
    if n < anonymity_threshold:
        return {"reason": "anonymity_threshold", "n": n, "minimum": anonymity_threshold}
    if n < MIN_SAMPLE:
        return {"reason": "minimum_sample", "n": n, "minimum": MIN_SAMPLE}
    return None


def _anchor(metric: str) -> dict[str, Any] | None:
    if metric not in ANCHOR_BASIS:
        return None
    basis, source = ANCHOR_BASIS[metric]
    return {
        "thresholds": level_thresholds(metric),
        "higher_is_better": metric != "churn",
        "convention": True,
        "basis": basis.to_data(),
        "source": source,
    }


def _unit(module: Module, metric: str) -> str:
    if metric == "clv":
        question = module.question("avg_annual_value")
        if question is not None and question.unit is not None:
            return question.unit.get("en")
    return UNITS[metric]
