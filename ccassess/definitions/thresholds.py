"""A module definition's thresholds: where each maturity level starts and when a finding is raised.

Both read a score against numbers the module sets: `levels` are five rising minimums on the
0–100 scale, `findings` rules compare a question's, a dimension's or the module's score (or
the gap between the perspectives) with a bound. Problems go to the module's `Checker`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ccassess.catalogs import _
from ccassess.format import counted
from ccassess.io.checker import MISSING, Checker, join
from ccassess.model.levels import DEFAULT_LEVELS
from ccassess.model.questionnaire import FindingRule, Level
from ccassess.text import Text

LEVEL_KEYS = {"level", "min", "name", "description"}
FINDING_KEYS = {"id", "when", "perspective", "severity", "text"}
WHEN_KEYS = {"question", "dimension", "below", "above", "gap_above"}


def read_levels(check: Checker, data: Mapping) -> tuple[Level, ...]:
    """The module's five maturity levels, or the default ones when it defines none."""
    c = check
    if "levels" not in data:
        return DEFAULT_LEVELS
    raw = c.sequence(data, "levels", "")
    if len(raw) != 5:
        c.error(
            "levels",
            _("needs exactly 5 levels (1–5), got {count}").format(count=len(raw)),
            data,
            "levels",
        )
        return DEFAULT_LEVELS
    levels = []
    previous = -1.0
    for index, item in enumerate(raw):
        path = f"levels[{index}]"
        item = c.mapping(item, path, raw, index)
        c.known_keys(item, path, LEVEL_KEYS)
        number = c.integer(item, "level", path)
        if number != index + 1:
            c.error(
                join(path, "level"),
                _("expected level {expected}, got {value}").format(
                    expected=index + 1, value=number
                ),
                item,
            )
        minimum = c.number(item, "min", path)
        if minimum is None:
            c.error(join(path, "min"), _(MISSING), item, "min")
            minimum = previous + 1
        elif index == 0 and minimum != 0:
            c.error(join(path, "min"), _("the first level must start at 0"), item, "min")
        elif minimum <= previous or minimum >= 100:
            c.error(
                join(path, "min"),
                _(
                    "thresholds must rise strictly and stay below 100; got {value} after {previous}"
                ).format(value=counted(minimum, False), previous=counted(previous, False)),
                item,
                "min",
            )
        previous = minimum
        name = c.text(item, "name", path) or Text()
        description = c.text(item, "description", path, required=False) or Text()
        levels.append(Level(index + 1, minimum, name, description))
    return tuple(levels)


def read_findings(
    check: Checker,
    data: Mapping,
    dimension_ids: Collection[str],
    question_ids: Collection[str],
) -> list[FindingRule]:
    """The module's finding rules; a rule may name only the module's own dimensions and
    questions."""
    c = check
    rules = []
    for index, item in enumerate(c.sequence(data, "findings", "", required=False)):
        path = f"findings[{index}]"
        item = c.mapping(item, path)
        if not item:
            continue
        c.known_keys(item, path, FINDING_KEYS)
        rule_id = c.identifier(item, "id", path)
        when = c.mapping(item.get("when"), join(path, "when"), item, "when")
        c.known_keys(when, join(path, "when"), WHEN_KEYS)
        comparisons = [key for key in ("below", "above", "gap_above") if key in when]
        if len(comparisons) != 1:
            c.error(join(path, "when"), _("needs exactly one of below, above, gap_above"), item)
            continue
        comparison = comparisons[0]
        bound = c.number(when, comparison, join(path, "when"))
        if bound is None:
            continue
        if "question" in when:
            target, target_id = "question", c.string(when, "question", join(path, "when"))
            if target_id not in question_ids:
                c.error(
                    join(path, "when.question"),
                    _("unknown question {id}").format(id=repr(target_id)),
                    when,
                )
        elif "dimension" in when:
            target, target_id = "dimension", c.string(when, "dimension", join(path, "when"))
            if target_id not in dimension_ids:
                c.error(
                    join(path, "when.dimension"),
                    _("unknown dimension {id}").format(id=repr(target_id)),
                    when,
                )
        else:
            target, target_id = "module", None
        perspective = item.get("perspective")
        if perspective not in (None, "internal", "customer"):
            c.error(join(path, "perspective"), _("must be internal or customer"), item)
            perspective = None
        severity = c.string(item, "severity", path, required=False, default="info")
        if severity not in ("info", "warning", "critical"):
            c.error(join(path, "severity"), _("must be info, warning or critical"), item)
            severity = "info"
        rules.append(
            FindingRule(
                id=rule_id,
                target=target,  # type: ignore[arg-type]
                target_id=target_id,
                comparison=comparison,  # type: ignore[arg-type]
                bound=bound,
                severity=severity,  # type: ignore[arg-type]
                text=c.text(item, "text", path) or Text(),
                perspective=perspective,
            )
        )
    return rules
