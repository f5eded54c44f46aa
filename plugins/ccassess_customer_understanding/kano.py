"""The Kano question type and its evaluation (Kano 1984; evaluation table and better/worse
coefficients as in Berger et al. 1993). Pure; no I/O.

Each feature is asked twice: functional ("how would you feel if it were offered?") and
dysfunctional ("… if it were missing?"). Both answers are one of five reactions; the 5 × 5
evaluation table turns the pair into a category.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ccassess import DONT_KNOW, AnswerProblem, Choice, DefinitionContext, Part, QuestionType, Text

from .i18n import _

if TYPE_CHECKING:  # only annotations: the question type loads without the model's classes
    from ccassess import Module, Question, Respondent

#: The five reactions, in the order of the evaluation table (and of the numbers 1 … 5).
REACTIONS = ("like", "expect", "neutral", "tolerate", "dislike")
REACTION_LABELS = {
    "like": Text("gefällt mir", "I like it"),
    "expect": Text("setze ich voraus", "I expect it"),
    "neutral": Text("ist mir egal", "I am neutral"),
    "tolerate": Text("nehme ich hin", "I can tolerate it"),
    "dislike": Text("stört mich", "I dislike it"),
}
_REACTION_ALIASES = {
    "like": ("like", "i like it", "like it", "gefällt mir", "gefaellt mir", "würde mich freuen"),
    "expect": (
        "expect",
        "i expect it",
        "expect it",
        "must be",
        "must-be",
        "setze ich voraus",
        "erwarte ich",
        "selbstverständlich",
        "das setze ich voraus",
    ),
    "neutral": ("neutral", "i am neutral", "indifferent", "ist mir egal", "egal"),
    "tolerate": (
        "tolerate",
        "i can tolerate it",
        "can tolerate it",
        "live with",
        "i can live with it",
        "can live with it",
        "nehme ich hin",
        "kann ich damit leben",
        "damit kann ich leben",
    ),
    "dislike": (
        "dislike",
        "i dislike it",
        "dislike it",
        "stört mich",
        "stoert mich",
        "missfällt mir",
    ),
}
REACTION_ALIASES = {alias: key for key, aliases in _REACTION_ALIASES.items() for alias in aliases}

#: The two questions of a Kano item: its parts, as sheets and forms ask them.
SIDES = ("functional", "dysfunctional")
SIDE_LABELS = {
    "functional": Text("funktional (wenn es angeboten würde)", "functional (if it were offered)"),
    "dysfunctional": Text("dysfunktional (wenn es fehlte)", "dysfunctional (if it were missing)"),
}
#: Further names of the sides in a sheet's part column.
SIDE_ALIASES = {"functional": ("funktional", "f"), "dysfunctional": ("dysfunktional", "d")}

#: Category letters → analysis keys.
CATEGORIES = {
    "M": "must_be",
    "O": "one_dimensional",
    "A": "attractive",
    "I": "indifferent",
    "R": "reverse",
    "Q": "questionable",
}
CATEGORY_LABELS = {
    "must_be": Text("Basismerkmal", "must-be"),
    "one_dimensional": Text("Leistungsmerkmal", "one-dimensional"),
    "attractive": Text("Begeisterungsmerkmal", "attractive"),
    "indifferent": Text("indifferent", "indifferent"),
    "reverse": Text("unerwünscht (Rückweisungsmerkmal)", "reverse"),
    "questionable": Text("widersprüchlich", "questionable"),
}
#: When two categories are equally frequent, the one with more impact wins (M > O > A > I;
#: Berger et al. 1993), then R and Q.
TIE_ORDER = ("must_be", "one_dimensional", "attractive", "indifferent", "reverse", "questionable")

#: The standard Kano evaluation table: rows = functional answer, columns = dysfunctional
#: answer, both in the order like, expect, neutral, tolerate, dislike.
EVALUATION_TABLE: dict[str, dict[str, str]] = {
    "like": {"like": "Q", "expect": "A", "neutral": "A", "tolerate": "A", "dislike": "O"},
    "expect": {"like": "R", "expect": "I", "neutral": "I", "tolerate": "I", "dislike": "M"},
    "neutral": {"like": "R", "expect": "I", "neutral": "I", "tolerate": "I", "dislike": "M"},
    "tolerate": {"like": "R", "expect": "I", "neutral": "I", "tolerate": "I", "dislike": "M"},
    "dislike": {"like": "R", "expect": "R", "neutral": "R", "tolerate": "R", "dislike": "Q"},
}

_ANSWER_KEYS = {
    "functional": "functional",
    "funktional": "functional",
    "f": "functional",
    "dysfunctional": "dysfunctional",
    "dysfunktional": "dysfunctional",
    "d": "dysfunctional",
}


def normalise_reaction(value: Any) -> str:
    if value.__class__ is str:  # the usual spellings, which normalise to themselves
        reaction = REACTION_ALIASES.get(value)
        if reaction is not None:
            return reaction
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return REACTIONS[value - 1]
    text = " ".join(str(value).replace("_", " ").lower().split()).strip(" .!\"'„“”")
    if text.isdigit() and 1 <= int(text) <= 5:
        return REACTIONS[int(text) - 1]
    reaction = REACTION_ALIASES.get(text)
    if reaction is None:
        raise AnswerProblem(
            # TRANSLATORS: {reactions} are the keys (like, expect …), {labels} the German
            # wordings, both accepted in a file
            _("{value} is not a Kano answer; allowed: {reactions} or 1–5 ({labels})").format(
                value=repr(value),
                reactions=", ".join(REACTIONS),
                labels=" / ".join(label.de or "" for label in REACTION_LABELS.values()),
            )
        )
    return reaction


def classify(functional: str, dysfunctional: str) -> str:
    """The category key (must_be, one_dimensional, …) of one answer pair."""
    return CATEGORIES[EVALUATION_TABLE[functional][dysfunctional]]


def classified(value: Mapping[str, str]) -> str | None:
    """The category of a checked answer pair; None when a side is "don't know" (the
    evaluation table needs both reactions, and guessing the missing one would invent a
    category)."""
    functional, dysfunctional = value["functional"], value["dysfunctional"]
    if functional == DONT_KNOW or dysfunctional == DONT_KNOW:
        return None
    return classify(functional, dysfunctional)


#: What a pair with "don't know" on one side is called where a category would be.
UNCLASSIFIED = Text(
    "nicht einzuordnen (eine Seite: weiß nicht)", "not classified (one side: don't know)"
)
DONT_KNOW_LABEL = Text("weiß nicht", "don't know")
_DONT_KNOW_WORDS = frozenset(
    {"dont_know", "dont know", "don't know", "do not know", "weiß nicht", "weiss nicht", "?"}
)


def _is_dont_know(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    return " ".join(value.replace("’", "'").casefold().split()) in _DONT_KNOW_WORDS


def _reaction_label(reaction: str, lang: str) -> str:
    if reaction == DONT_KNOW:
        return DONT_KNOW_LABEL.get(lang)
    return REACTION_LABELS[reaction].get(lang)


class Kano(QuestionType):
    """A feature asked functionally and dysfunctionally; classified, never scored.

    Its parts are the two sides, each answered with one of the five reactions, or "don't
    know", and asked with the item's own wording. Both sides are needed (a side left empty is
    an error); "don't know" on both is "don't know" for the whole item. A pair with "don't
    know" on one side is kept as given, but the evaluation table needs both reactions, so it
    is not classified (`kano_features` counts it under `dont_know`, outside the shares).
    """

    name = "kano"
    keys = frozenset({"functional", "dysfunctional"})
    scored = False
    partial = False
    answer_type = Text("Einfachauswahl (Kano)", "single choice (Kano)")
    label = Text("Kano-Fragepaar", "Kano question pair")
    scoring = Text(
        "nicht gewertet: jedes Merkmal wird nach Kano eingeordnet (Basis-, Leistungs-, "
        "Begeisterungsmerkmal …)",
        "not scored: each feature is classified by Kano (must-be, one-dimensional, attractive …)",
    )

    def configure(self, ctx: DefinitionContext) -> dict[str, Any]:
        return {
            "functional": ctx.text("functional", required=True),
            "dysfunctional": ctx.text("dysfunctional", required=True),
        }

    def check(self, question: Question, value: Any, departments: tuple[str, ...]) -> Any:
        if isinstance(value, list | tuple) and len(value) == 2:
            value = {"functional": value[0], "dysfunctional": value[1]}
        if not isinstance(value, (dict, Mapping)):  # dict first: the ABC check is slow
            raise AnswerProblem(
                _("expected {{functional: answer, dysfunctional: answer}}").format()
            )
        answer: dict[str, str] = {}
        for key, reaction in value.items():
            side = _ANSWER_KEYS.get(key) if key.__class__ is str else None
            if side is None:
                side = _ANSWER_KEYS.get(str(key).strip().lower())
            if side is None:
                raise AnswerProblem(
                    _("unknown key {key}; allowed: {keys}").format(
                        key=repr(key), keys=", ".join(SIDES)
                    )
                )
            if side in answer:
                raise AnswerProblem(_("{side} is answered twice").format(side=side))
            if _is_dont_know(reaction):
                if not question.dont_know:
                    raise AnswerProblem(
                        _('{side}: this question does not offer "don\'t know"').format(side=side)
                    )
                answer[side] = DONT_KNOW
                continue
            try:
                answer[side] = normalise_reaction(reaction)
            except AnswerProblem as exc:
                raise AnswerProblem(f"{side}: {exc}") from None
        for side in ("functional", "dysfunctional"):
            if side not in answer:
                raise AnswerProblem(
                    _("the {side} answer is missing; a Kano item needs both").format(side=side)
                )
        if answer["functional"] == answer["dysfunctional"] == DONT_KNOW:
            return DONT_KNOW
        return {"functional": answer["functional"], "dysfunctional": answer["dysfunctional"]}

    def choices(self, question: Question) -> Sequence[Choice] | None:
        return [Choice(key, label) for key, label in REACTION_LABELS.items()]

    def parts(self, question: Question, departments: Sequence[str]) -> Sequence[Part] | None:
        return [
            Part(side, SIDE_LABELS[side], question.extra.get(side), SIDE_ALIASES[side])
            for side in SIDES
        ]

    def describe(self, question: Question, value: Any, lang: str) -> str:
        if not isinstance(value, Mapping):
            return str(value)
        functional = _reaction_label(value["functional"], lang)
        dysfunctional = _reaction_label(value["dysfunctional"], lang)
        category = classified(value)
        verdict = CATEGORY_LABELS[category].get(lang) if category else UNCLASSIFIED.get(lang)
        if lang == "de":
            return f"funktional: {functional}; dysfunktional: {dysfunctional} → {verdict}"
        return f"functional: {functional}; dysfunctional: {dysfunctional} → {verdict}"

    def allowed(self, question: Question, lang: str) -> str:
        labels = " / ".join(label.get(lang) for label in REACTION_LABELS.values())
        return (
            f"functional und dysfunctional, je: {', '.join(REACTIONS)}, 1–5 oder {labels}"
            if lang == "de"
            else f"functional and dysfunctional, each: {', '.join(REACTIONS)}, 1–5 or {labels}"
        )


def kano_features(
    module: Module, respondents: Sequence[Respondent], threshold: int = 1
) -> list[dict[str, Any]]:
    """Per Kano question: answer count, category shares, the dominant category, better/worse,
    and `dont_know`: the pairs with "don't know" on one side, which are not classified and so
    not in `n` or the shares (like a "don't know" for the whole item). A question classified
    for fewer respondents than the anonymity `threshold` keeps only its `n` (`suppressed`):
    its shares would be those few people's answers."""
    questions = [question for _, question in module.questions() if question.type == Kano.name]
    counts = {q.id: dict.fromkeys(CATEGORIES.values(), 0) for q in questions}
    unknown = dict.fromkeys(counts, 0)  # pairs with "don't know" on one side: not classified
    for respondent in respondents:  # one pass for all questions
        given = respondent.answers.get(module.id)
        if not given:
            continue
        for question in questions:
            value = given.get(question.id)
            if value is None or value == DONT_KNOW:
                continue
            category = classified(value)
            if category is None:
                unknown[question.id] += 1
                continue
            counts[question.id][category] += 1
    features = []
    for q in questions:
        summary = feature_summary(q.id, q.text, counts[q.id])
        if 0 < summary["n"] < threshold:
            summary = {
                "id": q.id,
                "label": q.text.to_data(),
                "n": summary["n"],
                "suppressed": True,
                "counts": None,
                "shares": None,
                "category": None,
                "better": None,
                "worse": None,
            }
        features.append({**summary, "dont_know": unknown[q.id]})
    return features


def feature_summary(feature_id: str, label: Text, counts: Mapping[str, int]) -> dict[str, Any]:
    n = sum(counts.values())
    shares = {c: (counts[c] / n if n else 0.0) for c in CATEGORIES.values()}
    category = max(TIE_ORDER, key=lambda c: (counts[c], -TIE_ORDER.index(c))) if n else None
    a, o = counts["attractive"], counts["one_dimensional"]
    m, i = counts["must_be"], counts["indifferent"]
    denominator = a + o + m + i
    better = (a + o) / denominator if denominator else None
    worse = -(o + m) / denominator if denominator and (o + m) else (0.0 if denominator else None)
    return {
        "id": feature_id,
        "label": label.to_data(),
        "n": n,
        "counts": dict(counts),
        "shares": shares,
        "category": category,
        "better": better,
        "worse": worse,
    }
