"""Plain-text views of a result for the terminal (the table `ccassess score` prints)."""

from __future__ import annotations

from collections.abc import Mapping

from ccassess.catalogs import N_, gettext_for
from ccassess.format import number, percent
from ccassess.model.result import AssessmentResult, Coverage, Mirror, PerspectiveScore

#: The table's width in characters.
WIDTH = 103
#: The column headers (customers' score; mirrored questions: internal, customers, gap).
HEAD = (
    N_("Module / dimension"),
    N_("Score"),
    N_("Level"),
    # TRANSLATORS: short column header of `ccassess score`: the customers' view (7 characters)
    N_("cust."),
    N_("internal"),
    N_("cust."),
    N_("gap"),
    N_("coverage"),
)


def score_table(result: AssessmentResult, lang: str) -> str:
    """Overall, module and dimension scores with levels, gaps and coverage."""
    lines = []
    title = result.info.title or gettext_for(lang, "Customer centricity")
    client = f" – {result.info.client}" if result.info.client else ""
    lines.append(f"{title}{client}")
    counts = result.respondents
    lines.append(
        gettext_for(lang, "Respondents: {internal} internal, {customer} customers").format(
            internal=counts.internal, customer=counts.customer
        )
    )
    lines.append("")
    lines.append(
        gettext_for(
            lang,
            "Score = maturity (the staff's self-image); customers = customers' view; mirrored: "
            "internal, customers and gap on the same mirrored questions (gap = internal − "
            "customers)",
        )
    )
    head = [gettext_for(lang, text) for text in HEAD]
    mirrored = gettext_for(lang, "mirrored questions")
    lines.append(f"{'':<44} {'':>6} {'':>5} {'':>7} {mirrored:^26}".rstrip())
    lines.append(
        f"{head[0]:<44} {head[1]:>6} {head[2]:>5} {head[3]:>7} "
        f"{head[4]:>8} {head[5]:>8} {head[6]:>8} {head[7]:>9}"
    )
    lines.append("-" * WIDTH)

    def row(
        label: str,
        score: float | None,
        level: int | None,
        by_perspective: Mapping[str, PerspectiveScore],
        coverage: Coverage,
        mirror: Mirror | None,
        indent: str = "",
    ) -> None:
        customer = by_perspective.get("customer")
        share = coverage.share
        internal = None if mirror is None else round(mirror.internal)
        customers = None if mirror is None else round(mirror.customer)
        gap = None if internal is None or customers is None else internal - customers
        lines.append(
            f"{(indent + label)[:44]:<44} {number(score, lang):>6} {level or '-':>5} "
            f"{number(customer.score if customer else None, lang):>7} "
            f"{number(internal, lang):>8} {number(customers, lang):>8} "
            f"{(f'{gap:+d}' if gap is not None else '–'):>8} "
            f"{percent(share, lang):>9}"
        )

    for module in result.modules:
        row(
            module.title.get(lang),
            module.score,
            module.level,
            module.by_perspective,
            module.coverage,
            module.mirror,
        )
        for dimension in module.dimensions:
            row(
                dimension.title.get(lang),
                dimension.score,
                dimension.level,
                dimension.by_perspective,
                dimension.coverage,
                dimension.mirror,
                indent="  ",
            )
    lines.append("-" * WIDTH)
    row(
        gettext_for(lang, "Overall"),
        result.score,
        result.level,
        result.by_perspective,
        result.coverage,
        result.mirror,
    )
    if result.mirror:
        m = result.mirror
        internal, customer = round(m.internal), round(m.customer)
        lines.append("")
        lines.append(
            gettext_for(
                lang,
                "Perception gap (mirrored questions): internal {internal} vs "
                "customers {customer} (gap {gap})",
            ).format(internal=internal, customer=customer, gap=f"{internal - customer:+d}")
        )
    for outcome in result.outcomes:
        assert outcome.value is not None
        interval = (
            f" [{number(outcome.low, lang)}; {number(outcome.high, lang)}]"
            if outcome.low is not None
            else ""
        )
        n = f", n = {outcome.n}" if outcome.n is not None else ""
        level = gettext_for(lang, "level")
        digits = 1 if outcome.unit == "1–7" else 0
        lines.append(
            f"{outcome.label.get(lang)}: {number(outcome.value, lang, digits)} {outcome.unit}"
            f"{interval}{n} · {level} {outcome.level or '–'}"
        )
    return "\n".join(lines)
