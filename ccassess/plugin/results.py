"""What each hook's result must be, field by field: the checks the typed facade
(`ccassess.plugin.hooks`) runs on every plugin's result where it is returned.

A problem is one phrase naming the item and the field ("Finding 'x': severity 'apocalyptic'
is not one of info, warning, critical"); the manager adds the plugin and the hook. Every
enumerated field (severity, evidence, priority label, level) is checked against its
allowed values, every number against its documented range.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Mapping
from typing import Any

from ccassess.catalogs import _
from ccassess.model.result import (
    EVIDENCE_KINDS,
    LEVEL_RANGE,
    PRIORITY_LABELS,
    PRIORITY_MAX,
    PRIORITY_MIN,
    SEVERITIES,
    Analysis,
    Finding,
    Recommendation,
)
from ccassess.text import Text

ANALYSIS_KEYS = ("data", "key", "dimension_scores")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _one_of(name: str, value: Any, allowed: Collection[str]) -> str | None:
    if value in allowed and isinstance(value, str):
        return None
    return _("{name} {value} is not one of {allowed}").format(
        name=name, value=repr(value), allowed=", ".join(allowed)
    )


def _text(name: str, value: Any) -> str | None:
    if isinstance(value, Text) and all(isinstance(v, str | None) for v in (value.de, value.en)):
        return None if (value.de or value.en) else _("{name} is empty").format(name=name)
    return _("{name} must be a ccassess.Text, got {type}").format(
        name=name, type=type(value).__name__
    )


def _dimension(value: Any, dimensions: Collection[str], module: str) -> str | None:
    if value is None or (isinstance(value, str) and value in dimensions):
        return None
    return _("dimension {dimension} is not a dimension of module {module}").format(
        dimension=repr(value), module=repr(module)
    )


def finding_problem(item: Finding, dimensions: Collection[str], module: str) -> str | None:
    """The first problem of a plugin's finding, or None."""
    name = f"Finding {item.id!r}"
    if not isinstance(item.id, str) or not item.id:
        return _("Finding: id must be a non-empty str, got {value}").format(value=repr(item.id))
    if item.n is not None and (
        not isinstance(item.n, int) or isinstance(item.n, bool) or item.n < 0
    ):
        return _("{name}: n {value} is not a number of respondents (a whole number ≥ 0)").format(
            name=name, value=repr(item.n)
        )
    for problem in (
        _one_of("severity", item.severity, SEVERITIES),
        _one_of("evidence", item.evidence, EVIDENCE_KINDS),
        _text("text", item.text),
        _dimension(item.dimension, dimensions, module),
    ):
        if problem is not None:
            return f"{name}: {problem}"
    return None


def recommendation_problem(
    item: Recommendation, dimensions: Collection[str], module: str
) -> str | None:
    """The first problem of a plugin's recommendation, or None. Its priority is set by the
    core afterwards, but what the plugin gave must still be on the scale."""
    name = (
        f"Recommendation {item.text.get('en')!r}"
        if isinstance(item.text, Text)
        else "Recommendation"
    )
    if not _number(item.priority) or not PRIORITY_MIN <= item.priority <= PRIORITY_MAX:
        return _(
            "{name}: priority {value} is not a number from {low} to {high} (the priority scale)"
        ).format(
            name=name, value=repr(item.priority), low=f"{PRIORITY_MIN:g}", high=f"{PRIORITY_MAX:g}"
        )
    for level_name in ("current_level", "target_level"):
        level = getattr(item, level_name)
        if level is not None and (isinstance(level, bool) or level not in LEVEL_RANGE):
            return _("{name}: {field} {value} is not a maturity level (1 to 5)").format(
                name=name, field=level_name, value=repr(level)
            )
    if item.initiative is not None and not isinstance(item.initiative, str):
        return _("{name}: initiative must be a module id (str) or None, got {value}").format(
            name=name, value=repr(item.initiative)
        )
    for problem in (
        _text("text", item.text),
        _one_of("priority_label", item.priority_label, PRIORITY_LABELS),
        _one_of("evidence", item.evidence, EVIDENCE_KINDS),
        _dimension(item.dimension, dimensions, module),
    ):
        if problem is not None:
            return f"{name}: {problem}"
    return None


def section_problem(item: Any) -> str | None:
    """The first problem of a plugin's report section (a `ReportSection`), or None."""
    if not isinstance(item.id, str) or not item.id:
        return _("ReportSection: id must be a non-empty str, got {value}").format(
            value=repr(item.id)
        )
    name = f"ReportSection {item.id!r}"
    if not isinstance(item.template, str) or not item.template:
        return _("{name}: template must be a template name (str), got {value}").format(
            name=name, value=repr(item.template)
        )
    if not isinstance(item.order, int) or isinstance(item.order, bool):
        return _("{name}: order must be a whole number, got {value}").format(
            name=name, value=repr(item.order)
        )
    if not isinstance(item.context, Mapping):
        return _("{name}: context must be a dict, got {type}").format(
            name=name, type=type(item.context).__name__
        )
    if not isinstance(item.in_toc, bool):
        return _("{name}: in_toc must be True or False, got {value}").format(
            name=name, value=repr(item.in_toc)
        )
    if item.within is not None and not isinstance(item.within, str):
        return _("{name}: within must be a section id (str), got {value}").format(
            name=name, value=repr(item.within)
        )
    labels = item.labels
    if not isinstance(labels, Mapping) or not all(
        isinstance(key, str) and isinstance(value, Text) for key, value in labels.items()
    ):
        return _("{name}: labels must map names to ccassess.Text").format(name=name)
    domain = getattr(item, "labels_domain", None)
    if domain is not None and (not isinstance(domain, str) or not domain):
        return _("{name}: labels_domain must be a catalog domain (str), got {domain}").format(
            name=name, domain=repr(domain)
        )
    if not isinstance(getattr(item, "labels_prefix", ""), str):
        return _("{name}: labels_prefix must be a str, got {prefix}").format(
            name=name, prefix=repr(item.labels_prefix)
        )
    css = getattr(item, "css", "")
    if not isinstance(css, str):
        return _("{name}: css must be a str, got {type}").format(name=name, type=type(css).__name__)
    return _text("title", item.title) and f"{name}: {_text('title', item.title)}"


def analysis_problem(output: Any, dimensions: Collection[str], module: str) -> str | None:
    """The problem of a `ccassess_module_analysis` result (an `Analysis`, or the dict of API
    1.0), or None."""
    if isinstance(output, Mapping) and not isinstance(output, Analysis):
        unknown = [key for key in output if key not in ANALYSIS_KEYS]
        if unknown:
            return _("unknown key {key} (an analysis has {keys})").format(
                key=repr(unknown[0]), keys=", ".join(ANALYSIS_KEYS)
            )
        output = as_analysis(output)
    if not isinstance(output, Analysis):
        return _(
            "must return None, a ccassess.Analysis or a dict with 'data', 'key' and "
            "'dimension_scores', got {type}"
        ).format(type=type(output).__name__)
    try:
        json.dumps(output.data, allow_nan=False)
    except (TypeError, ValueError) as exc:
        return _("data is not JSON-serialisable ({reason})").format(reason=exc)
    if output.key is not None and (not isinstance(output.key, str) or not output.key):
        return _("key must be a non-empty str, got {value}").format(value=repr(output.key))
    scores = output.dimension_scores
    if not isinstance(scores, Mapping):
        return _("dimension_scores must map dimension ids to scores, got {type}").format(
            type=type(scores).__name__
        )
    for dimension_id, score in scores.items():
        if dimension_id not in dimensions:
            return _("dimension_scores: {dimension} is not a dimension of module {module}").format(
                dimension=repr(dimension_id), module=repr(module)
            )
        if score is not None and (not _number(score) or not 0 <= score <= 100):
            return _("dimension_scores[{dimension}]: {value} is not a score from 0 to 100").format(
                dimension=repr(dimension_id), value=repr(score)
            )
    return None


def as_analysis(output: Analysis | Mapping[str, Any]) -> Analysis:
    """An `Analysis` from what a plugin returned (the API 1.0 dict converted)."""
    if isinstance(output, Analysis):
        return output
    return Analysis(output.get("data"), output.get("key"), output.get("dimension_scores") or {})
