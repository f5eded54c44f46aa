"""Whose sheet is this: an answer sheet stamped with another workspace or round is refused.

`ccassess sheet` stamps a workspace's sheets with the workspace's id and the round (the
workbook's hidden meta sheet, the CSV sheet's last rows). A filled sheet sent to the wrong
consultant's folder, or last round's sheets imported again, would otherwise be taken in
without a word. `--ignore-origin` (the import option ``ignore_origin``) takes them anyway.
"""

from __future__ import annotations

from collections.abc import Mapping

from ccassess.catalogs import _
from ccassess.errors import Location, Problem, ValidationError
from ccassess.importers.base import ImportContext

OVERRIDE = "--ignore-origin"


def check_origin(stamp: Mapping[str, str], context: ImportContext, where: Location) -> None:
    """Refuse the sheet (ValidationError, before its answers are read) or, with the override,
    note it, when `stamp` — the sheet's origin keys (workspace, client, round) — names
    another workspace or round than the import's."""
    target = context.origin
    workspace = stamp.get("workspace")
    if target is None or not workspace:
        return  # not a workspace import, or a sheet made from an assessment file
    client = stamp.get("client")
    sheet_round = stamp.get("round")
    if workspace != target.workspace:
        made = (
            _("client {name}").format(name=repr(client))
            if client
            else _("workspace id {id}").format(id=workspace[:8])
        )
        if target.client:
            what = _(
                "this sheet was made in another workspace ({made}), not in this one ({here})"
            ).format(made=made, here=repr(target.client))
        else:
            what = _("this sheet was made in another workspace ({made}), not in this one").format(
                made=made
            )
        advice = _(
            "import it into its own workspace, or add {option} to import it here anyway"
        ).format(option=OVERRIDE)
    elif sheet_round and target.round and sheet_round != target.round:
        what = _(
            "this sheet was made for round {sheet_round}, not for round {round} that this "
            "import goes into"
        ).format(sheet_round=repr(sheet_round), round=repr(target.round))
        advice = _(
            "import it into its round with --round {sheet_round}, or add {option} to import it "
            "into {round} anyway"
        ).format(sheet_round=sheet_round, option=OVERRIDE, round=repr(target.round))
    else:
        return
    if context.options.get("ignore_origin"):
        context.note(
            _("{place}: {problem}; imported anyway ({option})").format(
                place=where, problem=what, option=OVERRIDE
            )
        )
    else:
        raise ValidationError(
            [Problem(where, _("{problem}; {advice}").format(problem=what, advice=advice))]
        )
