"""The board sections and the consultant's narrative in the report.

`board_summary` is the one-page executive summary of the board profile (the three headline
numbers with their intervals, the key messages, the perception gap, response rates);
`initiatives` the top of the action plan with owners; `response_rates` the staff's rates
per department group and the customers' answers; `key_messages` and `next_steps` come
from `narrative.md` and appear in every profile. The narrative's Markdown is rendered and
sanitised here, so templates only place it.
"""

from __future__ import annotations

from typing import Any

from ccassess.catalogs import label
from ccassess.format import percent
from ccassess.report.sections.action_plan import action_plan
from ccassess.report.sections.benchmark import headline_bands
from ccassess.report.sections.summary import summary
from ccassess.report.sections.trend import trend
from ccassess.report.sections.view import View

#: Initiatives the board page shows (the full plan is in the full report).
BOARD_INITIATIVES = 5
#: A staff response rate below this is flagged: the answers may speak for a self-selected few.
LOW_RESPONSE_RATE = 0.3


def key_messages(view: View) -> dict[str, Any] | None:
    narrative = view.result.narrative
    if not narrative or not narrative.key_messages:
        return None
    # late import: markdown-it only when there is a narrative (the deck and JSON paths stay lean)
    from ccassess.report.narrative import inline_markdown_html

    return {"messages": [inline_markdown_html(m) for m in narrative.key_messages]}


def next_steps(view: View) -> dict[str, Any]:
    """The consultant's next steps; without them, three generic ones, marked as suggested."""
    narrative = view.result.narrative
    steps = narrative.next_steps if narrative else []
    if steps:
        # late import: markdown-it only when there is a narrative
        from ccassess.report.narrative import inline_markdown_html

        return {"steps": [inline_markdown_html(s) for s in steps], "suggested": False}
    return {
        "steps": [label(view.lang, f"board_step_{k}") for k in ("owners", "share", "repeat")],
        "suggested": True,
    }


def initiatives(view: View) -> dict[str, Any] | None:
    plan = action_plan(view)
    if plan is None:
        return None
    narrative = view.result.narrative
    rows = []
    for item in plan["initiatives"][:BOARD_INITIATIVES]:
        # an owner names the initiative by id or by its number in the plan
        owner = (
            narrative.owner_of(item["id"]) or narrative.owner_of(str(item["number"]))
            if narrative
            else None
        )
        first = item["actions"][0] if item["actions"] else None
        rows.append(
            {
                "number": item["number"],
                "id": item["id"],
                "title": item["title"],
                "why": item["why"],
                "priority_label": item["priority_label"],
                "owner": owner.owner if owner else None,
                "due": owner.due if owner else "",
                "first_action": first["text"] if first else "",
                "actions": len(item["actions"]),
            }
        )
    return {"initiatives": rows, "total": plan["count"]}


def response_rates(view: View) -> dict[str, Any]:
    """Staff per department group (as the anonymity rule shows them) and customers, with the
    rate where invitations are known; a low rate is flagged."""
    r = view.result
    lang = view.lang
    rows: list[dict[str, Any]] = []
    breakdown = r.departments
    if breakdown is not None:
        for group in breakdown.groups:
            name = label(lang, "board_other") if group.merged else group.name
            rows.append(_rate_row(name, "staff", group.n, group.invited, lang))
    staff_invited = breakdown.invited if breakdown is not None else None
    total_staff = _rate_row(
        label(lang, "board_all_staff"), "staff", r.respondents.internal, staff_invited, lang
    )
    customers = _rate_row(
        label(lang, "board_all_customers"), "customers", r.respondents.customer, None, lang
    )
    rows_all = [*rows, total_staff, *([customers] if r.respondents.customer else [])]
    return {
        "rows": rows_all,
        "groups": rows,
        "total": total_staff,
        "low": [row["name"] for row in rows_all if row["low"]],
        "any_rate": any(row["rate"] is not None for row in rows_all),
        "threshold": view.threshold,
        "low_limit": percent(LOW_RESPONSE_RATE, lang),
        "left_out": breakdown.left_out if breakdown is not None else 0,
    }


def _rate_row(name: str, perspective: str, n: int, invited: int | None, lang: str) -> dict:
    # more answers than invitations: the counts are out of date and no rate is true
    rate = n / invited if invited and n <= invited else None
    return {
        "name": name,
        "perspective": perspective,
        "n": n,
        "invited": invited,
        "rate": rate,
        "rate_label": percent(rate, lang) if rate is not None else "",
        "low": rate is not None and rate < LOW_RESPONSE_RATE,
    }


def board_summary(view: View) -> dict[str, Any]:
    """The executive summary on one page: headline numbers, messages, gap, rates."""
    base = summary(view)
    staff = base["staff"]
    messages = key_messages(view)
    moved = trend(view)
    return {
        **base,
        "maturity_interval": staff if staff and staff["low"] is not None else None,
        "staff_n": staff["n"] if staff else view.result.respondents.internal,
        "messages": messages["messages"] if messages else [],
        "outcomes": base["outcomes"][:4],
        "findings": base["findings"][:3] if not messages else [],
        "strongest": base["strongest"][:2],
        "weakest": base["weakest"][:2],
        "rates": response_rates(view),
        # what moved since the previous round, beyond noise (None: no earlier round)
        "moved": moved["moved"] if moved else None,
        # the headline numbers' quarter among the consultancy's clients (`--benchmark`)
        "bands": headline_bands(view),
    }
