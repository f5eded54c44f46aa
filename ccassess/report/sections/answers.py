"""The answers appendix: every answer under a pseudonymous respondent id, never a name."""

from __future__ import annotations

from typing import Any

from ccassess.report.sections.view import View
from ccassess.scoring.answers import APPENDIX_RESPONDENTS


def answers(view: View) -> dict[str, Any] | None:
    if not view.result.answers:
        return None
    titles = {m.id: view.tr(m.title) for m in view.result.modules}
    total = view.result.respondents.total
    shown = len(view.result.answers)
    return {
        # the appendix is capped (ccassess.scoring.answers.APPENDIX_RESPONDENTS): say so
        "capped": {"shown": shown, "total": total}
        if shown >= APPENDIX_RESPONDENTS and shown < total
        else None,
        "respondents": [
            {
                "id": record.respondent,
                "perspective": record.perspective,
                "modules": [
                    {
                        "title": titles.get(module_id, module_id),
                        "answers": [
                            {"question": q, "value": view.tr(v)} for q, v in answers.items()
                        ],
                    }
                    for module_id, answers in record.answers.items()
                    if answers
                ],
            }
            for record in view.result.answers
        ],
    }
