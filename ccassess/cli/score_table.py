"""Plain-text views of a result for the terminal (the table `ccassess score` prints)."""

from __future__ import annotations

from collections.abc import Mapping

from ccassess.format import number
from ccassess.model.result import AssessmentResult, Coverage, PerspectiveScore


def score_table(result: AssessmentResult, lang: str) -> str:
    """Overall, module and dimension scores with levels, gaps and coverage."""
    de = lang == "de"
    lines = []
    title = result.info.title or ("Kundenzentrierung" if de else "Customer centricity")
    client = f" – {result.info.client}" if result.info.client else ""
    lines.append(f"{title}{client}")
    counts = result.respondents
    lines.append(
        f"Befragte: {counts.internal} intern, {counts.customer} Kunden"
        if de
        else f"Respondents: {counts.internal} internal, {counts.customer} customers"
    )
    lines.append("")
    head = (
        ("Modul / Dimension", "Wert", "Stufe", "intern", "Kunden", "Abdeckung")
        if de
        else ("Module / dimension", "Score", "Level", "internal", "customer", "coverage")
    )
    lines.append(f"{head[0]:<44} {head[1]:>6} {head[2]:>5} {head[3]:>8} {head[4]:>8} {head[5]:>9}")
    lines.append("-" * 85)

    def row(
        label: str,
        score: float | None,
        level: int | None,
        by_perspective: Mapping[str, PerspectiveScore],
        coverage: Coverage,
        indent: str = "",
    ) -> None:
        internal = by_perspective.get("internal")
        customer = by_perspective.get("customer")
        share = coverage.share
        lines.append(
            f"{(indent + label)[:44]:<44} {number(score, lang):>6} {level or '-':>5} "
            f"{number(internal.score if internal else None, lang):>8} "
            f"{number(customer.score if customer else None, lang):>8} "
            f"{number(share * 100 if share is not None else None, lang) + ' %':>9}"
        )

    for module in result.modules:
        row(
            module.title.get(lang),
            module.score,
            module.level,
            module.by_perspective,
            module.coverage,
        )
        for dimension in module.dimensions:
            row(
                dimension.title.get(lang),
                dimension.score,
                dimension.level,
                dimension.by_perspective,
                dimension.coverage,
                indent="  ",
            )
    lines.append("-" * 85)
    row(
        "Gesamt" if de else "Overall",
        result.score,
        result.level,
        result.by_perspective,
        result.coverage,
    )
    if result.mirror:
        m = result.mirror
        lines.append("")
        lines.append(
            (
                f"Wahrnehmungslücke (gespiegelte Fragen): intern {number(m.internal, lang)} vs. "
                f"Kunden {number(m.customer, lang)} (Lücke {number(m.gap, lang)})"
            )
            if de
            else (
                f"Perception gap (mirrored questions): internal {number(m.internal, lang)} vs "
                f"customers {number(m.customer, lang)} (gap {number(m.gap, lang)})"
            )
        )
    return "\n".join(lines)
