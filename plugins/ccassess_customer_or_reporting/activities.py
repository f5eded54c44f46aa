"""The `activity_list` question type: recurring activities with a share of working time and a
category (helps the customer · makes selling easier · only serves reporting · makes selling
harder · required by law, compliance or risk). Pure; no I/O."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ccassess import AnswerProblem, DefinitionContext, ItemField, ItemRows, QuestionType, Text

from .i18n import _

if TYPE_CHECKING:  # only annotations: the question type loads without the model's classes
    from ccassess import Question

#: In this order in drop-downs, terminal numbers and the report's bar; `required` came last in
#: module version 1.1.0, so the numbers of the first four stay as they were.
CATEGORIES = ("customer", "selling", "reporting", "selling_harder", "required")
#: Categories whose time counts as serving customers (the score's numerator).
SERVING = frozenset({"customer", "selling"})
#: Work required by law, compliance or risk management: never a candidate to cut, only to
#: make leaner. It counts in the listed time but does not serve customers or selling.
REQUIRED = "required"
#: Categories whose activities are candidates to cut or change.
TO_REVIEW = ("reporting", "selling_harder")

CATEGORY_LABELS = {
    "customer": Text("hilft dem Kunden", "helps the customer"),
    "selling": Text("erleichtert den Verkauf", "makes selling easier"),
    "reporting": Text("nur Reporting", "only serves reporting"),
    "selling_harder": Text("erschwert den Verkauf", "makes selling harder"),
    "required": Text(
        "vorgeschrieben (Gesetz, Compliance, Risiko)", "required by law, compliance or risk"
    ),
}

# Accepted spellings (compared after lower-casing and turning _ - ( ) , / into spaces), besides
# the labels above.
_ALIASES = {
    "customer": (
        "customer",
        "customers",
        "helps customer",
        "helps the customer",
        "helps customers",
        "kunde",
        "kunden",
        "hilft dem kunden",
        "hilft kunden",
        "hilft den kunden",
    ),
    "selling": (
        "selling",
        "sales",
        "selling easier",
        "makes selling easier",
        "eases selling",
        "verkauf",
        "vertrieb",
        "erleichtert den verkauf",
        "erleichtert verkauf",
    ),
    "required": (
        "required",
        "required work",
        "required by law",
        "required law compliance risk",
        "required by law compliance or risk",
        "mandatory",
        "legal",
        "compliance",
        "risk",
        "vorgeschrieben",
        "vorgeschrieben gesetz compliance risiko",
        "gesetzlich vorgeschrieben",
        "pflicht",
        "pflichtaufgabe",
        "gesetz",
        "risiko",
    ),
    "reporting": (
        "reporting",
        "report",
        "reporting only",
        "only reporting",
        "only serves reporting",
        "nur reporting",
        "dient nur dem reporting",
        "nur dem reporting",
    ),
    "selling harder": (
        "selling harder",
        "makes selling harder",
        "hinders selling",
        "harder selling",
        "erschwert den verkauf",
        "erschwert verkauf",
    ),
}
CATEGORY_ALIASES: dict[str, str] = {
    alias: key.replace(" ", "_") for key, aliases in _ALIASES.items() for alias in aliases
}

ITEM_KEYS = ("activity", "share", "category")
MAX_ACTIVITY_CHARS = 200
DEFAULT_MAX_ITEMS = 50
#: Rows on an answer sheet for a question that sets no max_items (only one built in code:
#: definitions always set it).
DEFAULT_SHEET_ROWS = 25
#: How activities are entered on answer sheets and in the terminal: one per row, the share
#: and the category in columns of their own.
SHARE = ItemField("share", Text("Anteil (%)", "Share (%)"), width=12, minimum=0, maximum=100)
CATEGORY = ItemField("category", Text("Kategorie", "Category"), width=26, choices=CATEGORY_LABELS)
ROW_LABEL = Text("Tätigkeit", "Activity")
SHEET_HINT = Text(
    "Spalte „Antwort“: Tätigkeit, Bericht oder Kennzahl; „Anteil (%)“: Anteil der Arbeitszeit; "
    "„Kategorie“: aus der Liste",
    "column 'Answer': activity, report or KPI; 'Share (%)': share of working time; "
    "'Category': from the list",
)
LINE = Text("Tätigkeit; Anteil in %; Kategorie", "activity; share in %; category")
INSTRUCTION = Text(
    "Eine Tätigkeit pro Zeile: Tätigkeit; Anteil in %; Kategorie (Nummer). Leere Zeile = fertig.",
    "One activity per line: activity; share in %; category (number). Empty line = done.",
)
#: What a respondent is told about a share that does not fit.
_SHARE = Text(
    "Der Anteil ist eine Zahl über 0 bis 100 (Prozent der Arbeitszeit)",
    "the share is a number above 0 and up to 100 (per cent of working time)",
)
#: Shares are percentages; a sum up to 100 plus rounding slack is accepted.
_SLACK = 1e-6


def normalise_category(value: Any) -> str:
    if value.__class__ is str:  # the usual spellings, which normalise to themselves: no regex
        category = value if value in CATEGORIES else CATEGORY_ALIASES.get(value)
        if category is not None:
            return category
    text = " ".join(re.sub(r"[_\-(),/]+", " ", str(value)).lower().split())
    category = CATEGORY_ALIASES.get(text.strip(" .\"'„“”"))
    if category is None:
        allowed = ", ".join(CATEGORIES)
        german = " / ".join(label.de or "" for label in CATEGORY_LABELS.values())
        raise AnswerProblem(
            # TRANSLATORS: {allowed} are the keys, {labels} the German wordings (both accepted)
            _("category {value} is unknown; allowed: {allowed} ({labels})").format(
                value=repr(value), allowed=allowed, labels=german
            ),
            Text(
                f"Kategorie „{value}“ gibt es nicht; möglich: {german}",
                f"there is no category “{value}”; possible: "
                + " / ".join(label.en or "" for label in CATEGORY_LABELS.values()),
            ),
        )
    return category


def normalise_share(value: Any) -> int | float:
    if value.__class__ is int and 0 < value <= 100:
        return value  # the common case, checked first
    if isinstance(value, str):
        text = value.strip().rstrip("%").strip().replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise AnswerProblem(_not_a_share(value), _SHARE) from None
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise AnswerProblem(_not_a_share(value), _SHARE)
    if not 0 < value <= 100:
        raise AnswerProblem(
            _("share {value} must be more than 0 and at most 100 (percent)").format(
                value=format_share(value)
            ),
            _SHARE,
        )
    return int(value) if float(value).is_integer() else float(value)


def _not_a_share(value: Any) -> str:
    return _("share {value} is not a number (percent)").format(value=repr(value))


def activity_key(text: str) -> str:
    """Activities are the same when their text matches ignoring case and whitespace."""
    return " ".join(text.split()).casefold()


def format_share(share: float) -> str:
    return f"{share:g}"


class ActivityList(QuestionType):
    """A list of {activity, share, category}; scores the time share that serves customers."""

    name = "activity_list"
    keys = frozenset({"max_items"})
    label = Text("Tätigkeitsliste", "Activity list")
    scoring = Text(
        "Anteil der erfassten Arbeitszeit, der Kunden oder dem Verkauf dient",
        "share of the listed working time that serves customers or sales",
    )

    def configure(self, ctx: DefinitionContext) -> dict[str, Any]:
        raw = ctx.raw.get("max_items", DEFAULT_MAX_ITEMS)
        if not isinstance(raw, int) or isinstance(raw, bool) or not 1 <= raw <= 500:
            ctx.report(
                "max_items",
                _("must be a whole number from 1 to 500, got {value}").format(value=repr(raw)),
            )
            raw = DEFAULT_MAX_ITEMS
        return {"max_items": raw}

    def items(self, question: Question) -> ItemRows | None:
        rows = int(question.extra.get("max_items", DEFAULT_SHEET_ROWS))
        return ItemRows(
            count=rows,
            label=ROW_LABEL,
            answer="activity",
            fields=(SHARE, CATEGORY),
            hint=SHEET_HINT,
            line=LINE,
            instruction=INSTRUCTION,
        )

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        if not isinstance(value, list | tuple):
            raise AnswerProblem(
                _("expected a list of activities, each {{activity, share, category}}").format()
            )
        max_items = int(question.extra.get("max_items", DEFAULT_MAX_ITEMS))
        if len(value) > max_items:
            raise AnswerProblem(
                _("{n} activities listed; at most {limit} are allowed").format(
                    n=len(value), limit=max_items
                )
            )
        items = []
        for index, item in enumerate(value, start=1):
            try:
                items.append(self._item(item))
            except AnswerProblem as exc:
                said = exc.text or Text("Bitte so: " + LINE.de, "Please write: " + (LINE.en or ""))
                raise AnswerProblem(
                    # TRANSLATORS: the activity's number in the list, and what is wrong with it
                    _("activity {index}: {problem}").format(index=index, problem=exc),
                    Text(f"Tätigkeit {index}: {said.de}", f"activity {index}: {said.en}"),
                ) from None
        total = sum(item["share"] for item in items)
        if total > 100 + _SLACK:
            shown = f"{total:g}"
            raise AnswerProblem(
                _(
                    "the shares add up to {total} %; together they can be at most 100 % "
                    "of working time"
                ).format(total=shown),
                Text(
                    f"Die Anteile ergeben zusammen {shown.replace('.', ',')} %; mehr als 100 % "
                    "der Arbeitszeit sind nicht möglich",
                    f"the shares add up to {shown}%; together they can be at most 100% of "
                    "working time",
                ),
            )
        return items

    def _item(self, item: Any) -> dict[str, Any]:
        if isinstance(item, str):  # compact form from sheets: "Weekly report; 10; reporting"
            parts = [part.strip() for part in item.rsplit(";", 2)]
            if len(parts) != 3:
                raise AnswerProblem(
                    _("{item} is not 'activity; share; category' or a mapping").format(
                        item=repr(item)
                    )
                )
            item = dict(zip(ITEM_KEYS, parts, strict=True))
        if not isinstance(item, (dict, Mapping)):  # dict first: the ABC check is slow
            raise AnswerProblem(_("expected a mapping with activity, share and category"))
        for key in item:
            if key not in ITEM_KEYS:
                raise AnswerProblem(
                    _("unknown key {key}; allowed: {keys}").format(
                        key=repr(str(key)), keys=", ".join(ITEM_KEYS)
                    )
                )
        for key in ITEM_KEYS:
            if item.get(key) in (None, ""):
                raise AnswerProblem(_("{key} is missing").format(key=key))
        activity = item["activity"]
        if activity.__class__ is not str:
            if not isinstance(activity, str | int | float) or isinstance(activity, bool):
                raise AnswerProblem(_("activity must be text"))
            activity = str(activity)
        activity = " ".join(activity.split())
        if not activity:
            raise AnswerProblem(_("activity is empty"))
        if len(activity) > MAX_ACTIVITY_CHARS:
            raise AnswerProblem(
                _("activity is {n} characters; at most {limit} are allowed").format(
                    n=len(activity), limit=MAX_ACTIVITY_CHARS
                )
            )
        return {
            "activity": activity,
            "share": normalise_share(item["share"]),
            "category": normalise_category(item["category"]),
        }

    def score(self, question: Question, value: Any) -> float | None:
        total = sum(item["share"] for item in value)
        if not total:
            return None
        serving = sum(item["share"] for item in value if item["category"] in SERVING)
        return serving / total

    def describe(self, question: Question, value: Any, lang: str) -> str:
        unit = "% der Arbeitszeit" if lang == "de" else "% of working time"
        return "; ".join(
            f"{item['activity']} ({format_share(item['share'])} {unit}, "
            f"{CATEGORY_LABELS[item['category']].get(lang)})"
            for item in value
        )

    def allowed(self, question: Question, lang: str) -> str:
        """For respondents, in their words: what a row takes (no keys of the file format)."""
        max_items = question.extra.get("max_items", DEFAULT_MAX_ITEMS)
        categories = " / ".join(label.get(lang) for label in CATEGORY_LABELS.values())
        if lang == "de":
            return (
                f"bis zu {max_items} Tätigkeiten, je eine mit ihrem Anteil an der Arbeitszeit "
                f"(Prozent, über 0 bis 100, zusammen höchstens 100) und ihrer Kategorie: "
                f"{categories}"
            )
        return (
            f"up to {max_items} activities, each with its share of working time (per cent, "
            f"above 0 up to 100, at most 100 together) and its category: {categories}"
        )
