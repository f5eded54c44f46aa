"""Sentences about what the anonymity rules withheld, for the report and the terminal."""

from __future__ import annotations

from ccassess.catalogs import label
from ccassess.model.result import AssessmentResult, Withholding
from ccassess.text import Text


def withheld_text(
    held: Withholding,
    threshold: int,
    lang: str,
    accepted: bool = False,
    title: Text | None = None,
) -> str:
    """Why a group's figures are withheld (or, `accepted`, shown at the consultant's risk)."""
    if held.kind == "department":
        group = label(lang, "notes_group_department").format(name=held.name)
    elif held.name in ("internal", "customer"):
        group = label(lang, f"notes_group_{held.name}")
    else:
        group = held.name
    where = (
        label(lang, "notes_overall")
        if held.module is None
        else label(lang, "notes_module").format(title=(title or Text.both(held.module)).get(lang))
    )
    verdict = label(lang, "notes_accepted" if accepted else "notes_withheld")
    return label(lang, "notes_sentence").format(
        verdict=verdict,
        where=where,
        group=group,
        earlier=held.earlier,
        changed=held.changed,
        threshold=threshold,
    )


def withheld_note(
    held: Withholding, threshold: int, lang: str = "en", accepted: bool = False
) -> str:
    return withheld_text(held, threshold, lang, accepted)


def privacy_notes(result: AssessmentResult, lang: str) -> list[str]:
    """Every withheld (or knowingly shown) group of a result, as sentences."""
    privacy = result.privacy
    titles = {m.id: m.title for m in result.modules}
    return [
        withheld_text(w, privacy.threshold, lang, accepted, titles.get(w.module or ""))
        for accepted, items in ((False, privacy.withheld), (True, privacy.accepted))
        for w in items
    ]
