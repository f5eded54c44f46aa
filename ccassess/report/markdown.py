"""A Markdown summary a consultant can paste into a proposal or an e-mail and edit.

Same numbers as the PDF (the same section views), fewer words: the headline, strengths and
weaknesses, the perception gap, the key findings, module scores and the action plan's
initiatives with their top recommendations. Text from the
assessment or the answers is escaped so that it stays text when the Markdown is rendered.
"""

from __future__ import annotations

import re

from ccassess.format import day, number, percent
from ccassess.model.result import AssessmentResult
from ccassess.report.i18n import Translator, text
from ccassess.report.narrative_md import closing_md, key_messages_md, section_titles
from ccassess.report.notes import privacy_notes
from ccassess.report.sections.action_plan import action_plan
from ccassess.report.sections.overview import overview as overview_of
from ccassess.report.sections.summary import summary as summary_of
from ccassess.report.sections.view import View

#: How many recommendations the summary lists beneath each initiative.
TOP_ACTIONS = 3
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_md(value: object) -> str:
    """Markdown-inert text: HTML characters as entities, Markdown punctuation backslashed."""
    plain = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    plain = " ".join(plain.split())
    return _SPECIAL.sub(r"\\\1", plain)


def render_markdown(result: AssessmentResult, lang: str) -> str:
    translate = Translator(lang)

    def t(key: str, **values: object) -> str:
        return str(translate(key, **values))

    view = View(result, lang)
    info = result.info

    def num(value: float | None, digits: int = 0) -> str:
        return number(value, lang, digits)

    def label(priority: str) -> str:
        known = priority in ("high", "medium", "low")
        return t(f"priority_{priority}") if known else escape_md(priority)

    def signed(value: float | None) -> str:
        if value is None:
            return "–"
        return ("+" if value > 0 else "−" if value < 0 else "±") + num(abs(value))

    title = info.title or text("report_title").get(lang)
    lines = [f"# {escape_md(title)}", ""]
    meta = [
        f"**{t('client')}:** {escape_md(info.client)}" if info.client else "",
        f"**{t('date')}:** {day(info.date, lang)}" if info.date else "",
        f"**{t('prepared_by')}:** {escape_md(info.prepared_by)}" if info.prepared_by else "",
    ]
    lines += [line + "  " for line in meta if line]
    if result.skipped_plugins:
        lines += ["", f"> **{t('skipped_plugins')}**"]
        for skipped in result.skipped_plugins:
            modules = (
                f" ({t('skipped_modules', modules=', '.join(skipped.modules))})"
                if skipped.modules
                else ""
            )
            lines.append(
                f"> - {escape_md(t('skipped_plugin', plugin=skipped.plugin))}{escape_md(modules)}: "
                f"{escape_md(skipped.reason)}"
            )
    lines += key_messages_md(result.narrative, lang)
    summary = summary_of(view)
    lines += [
        "",
        f"## {t('summary')}",
        "",
        f"**{t('headline_maturity')}: {num(summary['score'])}** {t('out_of_100')} · "
        f"{t('level_n', n=summary['level'] or '–')} · {escape_md(summary['level_name'])}"
        + (
            f" ({t('headline_maturity_sub', n=num(summary['staff']['n']))})"
            if summary["staff"]
            else ""
        ),
        "",
        f"{t('self_image')}: " + escape_md(summary["level_description"]),
        "",
    ]
    customers = summary["customers"]
    if customers:
        interval = ""
        if customers["low"] is not None:
            line = t(
                "interval_line",
                low=num(customers["low"]),
                high=num(customers["high"]),
                n=num(customers["n"]),
            )
            interval = f"({line})"
        lines += [
            f"**{t('headline_customers')}: {num(customers['score'])}** {t('out_of_100')} · "
            f"{t('level_n', n=customers['level'] or '–')} · "
            f"{escape_md(customers['level_name'])}{' ' + escape_md(interval) if interval else ''}",
            "",
        ]
    if summary["outcomes"]:
        lines += [
            f"**{t('headline_outcomes')}**",
            "",
            f"| {t('kpi')} | {t('kpi_value')} | {t('kpi_interval')} | {t('n')} | "
            f"{t('level')} | {t('kpi_anchors')} |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for k in summary["outcomes"]:
            value = k["shown"]
            interval = f"{k['low']} – {k['high']}" if k["low"] is not None else "–"
            n = num(k["n"]) if k["n"] is not None else t("company_figure")
            lines.append(
                f"| {escape_md(k['label'])} | {escape_md(value)} | {escape_md(interval)} | "
                f"{escape_md(n)} | {k['level'] or '–'} | {escape_md(' · '.join(k['anchors']))} |"
            )
        lines += ["", escape_md(t("outcomes_note")), ""]
    lines += [
        f"{t('respondents')}: "
        + t(
            "respondents_line",
            internal=num(summary["respondents"]["internal"]),
            customer=num(summary["respondents"]["customer"]),
        )
        + f" · {t('coverage')}: {percent(summary['coverage']['share'], lang)}",
    ]
    mirror = summary["mirror"]
    if mirror:
        key = "gap_sentence" if mirror["gap"] >= 0 else "gap_sentence_reverse"
        gap = num(mirror["gap"]) if mirror["gap"] >= 0 else signed(mirror["gap"])
        lines += [
            "",
            f"**{t('perception_gap')}:** "
            + t(key, internal=num(mirror["internal"]), customer=num(mirror["customer"]), gap=gap)
            + " "
            + t("gap_basis"),
        ]
    for key, rows in (("strengths", summary["strongest"]), ("weaknesses", summary["weakest"])):
        if rows:
            lines += ["", f"### {t(key)} ({t('self_image')})", ""]
            lines += [
                f"- {escape_md(d['title'])} ({escape_md(d['module'])}): **{num(d['score'])}**"
                + (f" · {t('customers')} {num(d['customer'])}" if d["customer"] is not None else "")
                for d in rows
            ]
    if summary["findings"]:
        lines += ["", f"### {t('key_findings')}", "", escape_md(t("key_findings_intro")), ""]
        for f in summary["findings"]:
            note = f"{f['module']} · {f['basis']}" + (f" · {f['caveat']}" if f["caveat"] else "")
            lines.append(
                f"- **{t('severity_' + f['severity'])}:** {escape_md(f['text'])} "
                f"*({escape_md(note)})*"
            )
    overview = overview_of(view)
    lines += [
        "",
        f"## {t('module_scores')}",
        "",
        escape_md(t("module_scores_intro")),
        "",
        f"| {t('module')} | {t('self_image')} | {t('level')} | {t('headline_customers')} | "
        f"{t('mirror_internal')} | {t('mirror_customers')} | {t('gap')} |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in [*overview["modules"], {**overview["overall"], "title": t("overall")}]:
        mirrored = m["mirror"] or {}
        lines.append(
            f"| {escape_md(m['title'])} | {num(m['score'])} | {m['level'] or '–'} | "
            f"{num(m['customer'])} | {num(mirrored.get('internal'))} | "
            f"{num(mirrored.get('customer'))} | {signed(mirrored.get('gap'))} |"
        )
    plan = action_plan(view)
    if plan:
        lines += [
            "",
            f"## {t('action_plan')}",
            "",
            escape_md(t("action_plan_intro", count=plan["count"])),
        ]
        for initiative in plan["initiatives"]:
            lines += [
                "",
                f"### {initiative['number']}\\. {escape_md(initiative['title'])} "
                f"({t('priority')}: {label(initiative['priority_label'])}, "
                f"{num(initiative['priority'])})",
                "",
            ]
            if initiative["why"]:
                lines += [f"*{t('initiative_why')}:* {escape_md(initiative['why'])}", ""]
            shown = initiative["actions"][:TOP_ACTIONS]
            for item in shown:
                where = escape_md(item["module"]) + (
                    f" · {escape_md(item['dimension'])}" if item["dimension"] else ""
                )
                step = (
                    f", {t('level')} {item['current']} → {item['target']}"
                    if item["current"]
                    else ""
                )
                lines.append(
                    f"- {escape_md(item['text'])} *({where}{step}; "
                    f"{t('priority')}: {label(item['priority_label'])}, "
                    f"{num(item['priority'])})*"
                )
            rest = len(initiative["actions"]) - len(shown)
            if rest > 0:
                lines.append(f"- … {t('more_in_plan', count=rest)}")
    lines += closing_md(result.narrative, lang, section_titles(result, lang))
    notes = privacy_notes(result, lang)
    if notes:  # why figures are missing: the same sentences as the report's method chapter
        lines += ["", f"### {t('privacy_heading')}", ""]
        lines += [f"- {escape_md(note)}" for note in notes]
    version = t("method_version", method=result.method_version, version=result.ccassess_version)
    lines += ["", "---", version, ""]
    return "\n".join(lines)
