"""The consultant's narrative in the Markdown summary: key messages, next steps, owners and
comments as the consultant wrote them, with HTML characters made inert (the Markdown stays
Markdown; raw HTML in it stays text wherever the summary is pasted)."""

from __future__ import annotations

from ccassess.catalogs import label as catalog_label
from ccassess.model.narrative import Narrative
from ccassess.model.result import AssessmentResult
from ccassess.report.i18n import text


def _inert(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def key_messages_md(narrative: Narrative | None, lang: str) -> list[str]:
    if not narrative or not narrative.key_messages:
        return []
    lines = ["", f"## {catalog_label(lang, 'board_key_messages')}", ""]
    lines += [f"{i}. {_inert(m)}" for i, m in enumerate(narrative.key_messages, start=1)]
    return lines


def closing_md(narrative: Narrative | None, lang: str, titles: dict[str, str]) -> list[str]:
    """Next steps, owners and the comments per section (headed by the section's title)."""
    if not narrative:
        return []
    lines: list[str] = []
    if narrative.next_steps:
        lines += ["", f"## {catalog_label(lang, 'board_next_steps')}", ""]
        lines += [f"{i}. {_inert(s)}" for i, s in enumerate(narrative.next_steps, start=1)]
    if narrative.owners:
        lines += ["", f"## {catalog_label(lang, 'board_owner')}", ""]
        for owner in narrative.owners:
            title = titles.get(owner.initiative, owner.initiative)
            due = f" ({catalog_label(lang, 'board_due')} {_inert(owner.due)})" if owner.due else ""
            lines.append(f"- {_inert(title)}: {_inert(owner.owner)}{due}")
    for section_id, comment in narrative.comments.items():
        label = catalog_label(lang, "board_consultant_comment")
        lines += ["", f"### {label}: {_inert(titles.get(section_id, section_id))}", ""]
        lines += [_inert(comment)]
    return lines


def section_titles(result: AssessmentResult, lang: str) -> dict[str, str]:
    """Section ids (and initiative ids and numbers) → titles, for headings in the summary."""
    titles = {
        key.replace("_", "-"): text(key).get(lang)
        for key in ("summary", "overview", "perception_gap", "departments", "action_plan")
    }
    titles.update({f"module-{m.id}": m.title.get(lang) or m.id for m in result.modules})
    for number, item in enumerate(result.initiatives, start=1):
        titles[item.id] = titles[str(number)] = item.title.get(lang) or item.id
    return titles
