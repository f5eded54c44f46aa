"""What every built-in section's context is made of: the result seen in one language.

`View` holds the result and the report language and turns the result's bilingual texts,
levels and dimensions into the plain rows the templates show.
"""

from __future__ import annotations

from typing import Any

from ccassess.model.result import (
    Agreement,
    AssessmentResult,
    DimensionResult,
    LevelInfo,
    ModuleResult,
    Reliability,
)
from ccassess.report.i18n import text

#: Findings sort by severity, most severe first.


class View:
    """Plain-data views of the result for the built-in templates, in one language."""

    def __init__(self, result: AssessmentResult, lang: str) -> None:
        self.result = result
        self.lang = lang

    def tr(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, dict):  # bilingual data from a plugin's analysis
            return (
                value.get(self.lang)
                or value.get("en")
                or next((v for v in value.values() if v), "")
            )
        return value.get(self.lang) if hasattr(value, "get") else str(value)

    def levels(self, module: ModuleResult | None = None) -> list[LevelInfo]:
        return (module.levels if module and module.levels else None) or self.result.levels

    def level_name(self, level: int | None, module: ModuleResult | None = None) -> str:
        info = next((lv for lv in self.levels(module) if lv.level == level), None)
        return info.name.get(self.lang) if info else ""

    def dimension_row(self, module: ModuleResult, dimension: DimensionResult) -> dict[str, Any]:
        internal = dimension.by_perspective.get("internal")
        customer = dimension.by_perspective.get("customer")
        return {
            "id": dimension.id,
            "module": self.tr(module.title),
            "title": self.tr(dimension.title),
            "score": dimension.score,
            "level": dimension.level,
            "level_name": self.level_name(dimension.level, module),
            "level_description": self.tr(dimension.level_description),
            "internal": internal.score if internal else None,
            "customer": customer.score if customer else None,
            "customer_level": customer.level if customer else None,
            "customer_level_name": self.level_name(customer.level if customer else None, module),
            "customer_n": customer.n if customer else 0,
            "customer_small": self.small(customer.n if customer else None),
            "mirror": mirror(dimension.mirror),
            #: "customer" when customers rated the dimension too, else "self" (staff only)
            "evidence": "customer" if customer and customer.score is not None else "self",
            "n": dimension.stats.n,
            "sd": dimension.stats.sd,
            "agreement": [
                self.agreement_row(p, a)
                for p, a in sorted(dimension.agreement.items(), key=_staff_first)
            ],
            "disagreement": dimension.disagreement,
            "disputed_in": [
                self.perspective_name(p)
                for p, a in sorted(dimension.agreement.items(), key=_staff_first)
                if a.disputed
            ],
            "reliability": [
                self.reliability_row(p, rel)
                for p, rel in sorted(dimension.reliability.items(), key=_staff_first)
            ],
            "inconsistent": dimension.inconsistent,
            "weight": dimension.weight,
            "coverage": dimension.coverage.share,
        }

    @property
    def threshold(self) -> int:
        """The anonymity threshold: figures from fewer respondents are marked as thin."""
        return self.result.info.anonymity_threshold

    def small(self, n: int | None) -> bool:
        """True when a figure rests on at least one but fewer than `threshold` respondents."""
        return n is not None and 0 < n < self.threshold

    def perspective_name(self, perspective: str) -> str:
        return text(f"group_{perspective}").get(self.lang)

    def band_name(self, band: str | None) -> str:
        return text("band_" + band.replace(" ", "_")).get(self.lang) if band else ""

    def agreement_row(self, perspective: str, agreement: Agreement) -> dict[str, Any]:
        return {
            "perspective": self.perspective_name(perspective),
            "n": agreement.n,
            "rwg": agreement.rwg,
            "band": self.band_name(agreement.band),
            "questions": agreement.items,
            "sd": agreement.sd,
            "disputed": agreement.disputed,
        }

    def reliability_row(self, perspective: str, reliability: Reliability) -> dict[str, Any]:
        return {
            "perspective": self.perspective_name(perspective),
            "alpha": reliability.alpha,
            "n": reliability.n,
            "questions": reliability.items,
        }

    def all_dimensions(self) -> list[dict[str, Any]]:
        return [self.dimension_row(m, d) for m in self.result.modules for d in m.dimensions]


def _staff_first(item: tuple[str, Any]) -> int:
    return 0 if item[0] == "internal" else 1


def mirror(value: Any) -> dict[str, Any] | None:
    """Staff and customers on the same (mirrored) questions, the gap and its 95 % interval.

    The parts are rounded first and the gap shown is their difference, so that on every page
    internal − customers = gap exactly as printed."""
    if value is None:
        return None
    internal, customer = round(value.internal), round(value.customer)
    return {
        "internal": internal,
        "customer": customer,
        "gap": internal - customer,
        "low": value.low,
        "high": value.high,
        "n_internal": value.n_internal,
        "n_customer": value.n_customer,
    }


def perspective(
    value: Any, levels: list[LevelInfo], lang: str, threshold: int | None = None
) -> dict[str, Any] | None:
    """One perspective's score, level (on the displayed value), n and 95 % interval;
    `small` when it rests on fewer respondents than the anonymity `threshold`."""
    if value is None or value.score is None:
        return None
    info = next((lv for lv in levels if lv.level == value.level), None)
    return {
        "score": value.score,
        "level": value.level,
        "level_name": info.name.get(lang) if info else "",
        "n": value.n,
        "low": value.low,
        "high": value.high,
        "small": threshold is not None and 0 < value.n < threshold,
    }
