"""Questionnaires for an assessment: answer sheets and survey-tool forms of the modules a
workspace round, an assessment file or the installed plugins ask."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ccassess.actions.inputs import assessment_modules
from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.forms.answer_sheet import SheetRequest, write_answer_sheet
from ccassess.forms.sheet_csv import sheet_csv_rows
from ccassess.forms.sheet_layout import SheetOrigin
from ccassess.forms.xlsform import FormRequest
from ccassess.io.csvfile import write_csv
from ccassess.io.files import atomic_write_bytes
from ccassess.plugin.registry import Registry
from ccassess.workspace.identity import workspace_id
from ccassess.workspace.store import find_workspace, open_workspace


def write_sheet(
    registry: Registry,
    *,
    workspace_dir: Path | None = None,
    assessment: Path | None = None,
    output: Path | None = None,
    fmt: str = "xlsx",
    perspective: str = "internal",
    lang: str | None = None,
    modules: Sequence[str] = (),
    respondent_id: str | None = None,
    round_name: str | None = None,
    notes: list[str] | None = None,
) -> Path:
    """An answer sheet for a workspace round (its modules as answered) or an assessment file;
    with neither, the workspace in the current directory. A workspace's sheet is stamped with
    the workspace's id and the round, so an import elsewhere is refused."""
    if workspace_dir is None and assessment is None:
        workspace_dir = find_workspace()
        if workspace_dir is None:
            raise CcassessError(
                _(
                    "{folder}: not a ccassess workspace; give the workspace (-w DIR) or an "
                    "assessment file (-a assessment.yaml) for the sheet's modules and departments"
                ).format(folder=Path.cwd())
            )
    origin = _origin(workspace_dir, round_name, notes) if workspace_dir is not None else None
    settings, chosen = assessment_modules(
        registry,
        workspace_dir=workspace_dir,
        assessment=assessment,
        modules=modules,
        round_name=round_name,
    )
    lang = lang or settings.language
    output = output or Path(f"answers-{perspective}.{fmt}")
    if fmt == "csv":
        rows = sheet_csv_rows(
            chosen,
            registry.question_types,
            settings.departments,
            perspective,
            lang,
            respondent_id,
            origin,
        )
        return atomic_write_bytes(output, write_csv(rows))
    request = SheetRequest(
        chosen, registry.question_types, settings, perspective, lang, respondent_id, origin
    )
    return write_answer_sheet(output, request)


def _origin(
    workspace_dir: Path, round_name: str | None, notes: list[str] | None
) -> SheetOrigin | None:
    """The workspace and round a sheet of this workspace is made for (the id is made on the
    first sheet). None, with a note, when the id cannot be stored (a read-only workspace)."""
    with open_workspace(workspace_dir) as workspace:
        round_ = workspace.round(round_name)
        try:
            identity = workspace_id(workspace)
        except CcassessError as exc:
            if notes is not None:
                notes.append(
                    _(
                        "the sheet does not name its workspace, so any workspace imports it "
                        "({reason})"
                    ).format(reason=exc)
                )
            return None
        return SheetOrigin(identity, workspace.settings.client, round_.name)


def form_request(
    registry: Registry,
    *,
    workspace_dir: Path | None = None,
    assessment: Path | None = None,
    perspective: str = "customer",
    lang: str | None = None,
    modules: Sequence[str] = (),
    round_name: str | None = None,
) -> FormRequest:
    """The questions of a workspace round (as answered), an assessment file, or every module."""
    settings, chosen = assessment_modules(
        registry,
        workspace_dir=workspace_dir,
        assessment=assessment,
        modules=modules,
        round_name=round_name,
    )
    request = FormRequest(
        chosen, registry.question_types, settings, perspective, lang or settings.language
    )
    if not any(request.asked(module) for module in chosen):
        raise CcassessError(
            _(
                "no question of these modules is asked of {perspective} "
                "respondents; choose other modules or --perspective"
            ).format(perspective=perspective)
        )
    return request
