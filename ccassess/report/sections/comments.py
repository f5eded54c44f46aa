"""Open-text comments, grouped by question and perspective (already filtered and scrubbed by
ccassess/scoring/comments.py); labels ``comments_…`` in the labels catalog."""

from __future__ import annotations

from typing import Any

from ccassess.report.sections.view import View


def comments(view: View) -> dict[str, Any] | None:
    groups = view.result.comments
    if not groups:
        return None
    titles = {m.id: view.tr(m.title) for m in view.result.modules}
    return {
        "minimum": view.result.privacy.free_text_threshold,
        "groups": [
            {
                "module": titles.get(g.module, g.module),
                "question": view.tr(g.text),
                "perspective": g.perspective,
                "answered": g.answered,
                "comments": list(zip(g.comments, g.counts, strict=True)),
                "others": g.others,
            }
            for g in groups
        ],
    }
