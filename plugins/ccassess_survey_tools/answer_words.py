"""What survey tools write for an answer: "don't know", (not) ticked, yes/partly/no, and the
common wordings of agreement, satisfaction and effort scales, in German and English.

The wordings are listed by their position on the scale (lowest first), so an answer such as
*stimme eher zu* can be read as a point of a question's scale even where the module labels
its points differently.
"""

from __future__ import annotations

from ccassess_survey_tools.words import normal

#: Answers meaning "don't know" (or no answer given on purpose).
DONT_KNOW_WORDS = {
    normal(w)
    for w in (
        "weiß nicht",
        "weiss nicht",
        "don't know",
        "dont know",
        "dont_know",
        "kann ich nicht beurteilen",
        "cannot judge",
        "can't say",
        "nicht zutreffend",
        "not applicable",
        "trifft nicht zu / weiß nicht",
        "n/a",
        "k. A.",
        "keine Angabe",
        "no answer",
        "prefer not to say",
        "möchte ich nicht sagen",
        "weiß nicht / keine Angabe",
    )
}
#: The unmistakable ones among them: matched with full confidence, the others with less.
PLAIN_DONT_KNOW_WORDS = {
    normal(w) for w in ("weiß nicht", "don't know", "weiss nicht", "dont_know", "dont know")
}
#: A multiple-choice option's cell when the option was not ticked.
NOT_SELECTED = {
    normal(w)
    for w in (
        "0",
        "N",
        "No",
        "Nein",
        "false",
        "falsch",
        "not selected",
        "nicht gewählt",
        "nicht ausgewählt",
        "not checked",
    )
}
#: The answers of a yes/partly/no question, by value.
YES_PARTLY_NO_WORDS = {
    "yes": ("yes", "ja", "y", "j", "1", "true", "wahr", "trifft zu"),
    "partly": ("partly", "partially", "teilweise", "teils", "zum teil", "in part"),
    "no": ("no", "nein", "n", "0", "false", "falsch"),
}
#: Common wordings of the survey tools' scales, by position (lowest first), for guessing.
SCALE_WORDINGS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (
        (
            "strongly disagree",
            "stimme überhaupt nicht zu",
            "stimme gar nicht zu",
            "trifft überhaupt nicht zu",
            "trifft gar nicht zu",
            "lehne völlig ab",
        ),
        (
            "disagree",
            "somewhat disagree",
            "stimme nicht zu",
            "stimme eher nicht zu",
            "trifft eher nicht zu",
            "lehne eher ab",
        ),  # ("trifft nicht zu" may be either)
        (
            "neither agree nor disagree",
            "neutral",
            "weder noch",
            "teils teils",
            "unentschieden",
            "weder zustimmung noch ablehnung",
        ),
        ("agree", "somewhat agree", "stimme zu", "stimme eher zu", "trifft eher zu"),
        (
            "strongly agree",
            "stimme voll und ganz zu",
            "stimme voll zu",
            "stimme völlig zu",
            "trifft voll und ganz zu",
            "trifft voll zu",
            "trifft völlig zu",
        ),
    ),
    (
        ("strongly disagree", "stimme überhaupt nicht zu"),
        ("disagree", "stimme nicht zu"),
        ("somewhat disagree", "stimme eher nicht zu"),
        ("neither agree nor disagree", "weder noch", "neutral"),
        ("somewhat agree", "stimme eher zu"),
        ("agree", "stimme zu"),
        ("strongly agree", "stimme voll und ganz zu"),
    ),
    (
        ("very dissatisfied", "sehr unzufrieden", "äußerst unzufrieden", "extremely dissatisfied"),
        ("dissatisfied", "unzufrieden", "somewhat dissatisfied", "eher unzufrieden"),
        (
            "neutral",
            "neither satisfied nor dissatisfied",
            "weder zufrieden noch unzufrieden",
            "teils teils",
        ),
        ("satisfied", "zufrieden", "somewhat satisfied", "eher zufrieden"),
        ("very satisfied", "sehr zufrieden", "äußerst zufrieden", "extremely satisfied"),
    ),
    (
        ("very difficult", "sehr schwierig", "sehr schwer"),
        ("difficult", "schwierig", "schwer"),
        ("neither easy nor difficult", "neutral", "weder noch"),
        ("easy", "einfach", "leicht"),
        ("very easy", "sehr einfach", "sehr leicht"),
    ),
)


def wording_position(text: str, points: int) -> tuple[int, int] | None:
    """(position, points) of `text` on a known scale wording with `points` points."""
    for wording in SCALE_WORDINGS:
        if len(wording) != points:
            continue
        for position, words in enumerate(wording):
            if text in {normal(w) for w in words}:
                return position, points
    return None
