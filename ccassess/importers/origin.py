"""Whose sheet is this: an answer sheet stamped with another workspace or round is refused.

`ccassess sheet` stamps a workspace's sheets with the workspace's id and the round (the
workbook's hidden meta sheet, the CSV sheet's last rows). A filled sheet sent to the wrong
consultant's folder, or last round's sheets imported again, would otherwise be taken in
without a word. `--ignore-origin` (the import option ``ignore_origin``) takes them anyway.
"""

from __future__ import annotations

from collections.abc import Mapping

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
        made = f"client {client!r}" if client else f"workspace id {workspace[:8]}"
        here = f" ({target.client!r})" if target.client else ""
        message = (
            f"this sheet was made in another workspace ({made}), not in this one{here}; "
            f"import it into its own workspace, or add {OVERRIDE} to import it here anyway"
        )
    elif sheet_round and target.round and sheet_round != target.round:
        message = (
            f"this sheet was made for round {sheet_round!r}, not for round {target.round!r} "
            f"that this import goes into; import it into its round with --round "
            f"{sheet_round}, or add {OVERRIDE} to import it into {target.round!r} anyway"
        )
    else:
        return
    if context.options.get("ignore_origin"):
        context.note(f"{where}: {message.split(';')[0]}; imported anyway ({OVERRIDE})")
    else:
        raise ValidationError([Problem(where, message)])
