"""Cross-field checks of the metric figures, run when responses are validated. Pure.

Single values are checked by their questions (`min`, `max`, the rating scales); here is what
only shows across questions: more satisfied answers than answers, more customers lost than
there were, and counts that are not whole numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccassess import DONT_KNOW

COUNT_QUESTIONS = (
    "csat_satisfied",
    "csat_responses",
    "nps_promoters",
    "nps_passives",
    "nps_detractors",
    "customers_start",
    "customers_lost",
    "customers_new",
    "customers_end",
)


def _figure(answers: Mapping[str, Any], question_id: str) -> float | None:
    value = answers.get(question_id)
    if value is None or value == DONT_KNOW or isinstance(value, bool):
        return None
    return value if isinstance(value, int | float) else None


def check_figures(answers: Mapping[str, Any]) -> list[str]:
    """Messages for impossible combinations; each names the question ids involved."""
    messages = []
    for question_id in COUNT_QUESTIONS:
        value = _figure(answers, question_id)
        if value is not None and not float(value).is_integer():
            messages.append(
                f"{question_id} ({value:g}) must be a whole number: it counts answers or customers"
            )
    satisfied = _figure(answers, "csat_satisfied")
    responses = _figure(answers, "csat_responses")
    if satisfied is not None and responses is not None and satisfied > responses:
        messages.append(
            f"csat_satisfied ({satisfied:g}) is greater than csat_responses ({responses:g}): "
            "there cannot be more satisfied answers than answers"
        )
    start = _figure(answers, "customers_start")
    lost = _figure(answers, "customers_lost")
    new = _figure(answers, "customers_new")
    end = _figure(answers, "customers_end")
    if start is not None and lost is not None and lost > start:
        messages.append(
            f"customers_lost ({lost:g}) is greater than customers_start ({start:g}): a period "
            "cannot lose more of its customers than it started with"
        )
    if new is not None and end is not None and new > end:
        messages.append(
            f"customers_new ({new:g}) is greater than customers_end ({end:g}): the customers "
            "at the end include the new ones, so there cannot be fewer"
        )
    elif start is not None and new is not None and end is not None and end - new > start:
        messages.append(
            f"customers_end ({end:g}) − customers_new ({new:g}) = {end - new:g} is greater "
            f"than customers_start ({start:g}): more customers kept than there were at the start"
        )
    return messages
