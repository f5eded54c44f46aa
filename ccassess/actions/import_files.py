"""Importing files into a workspace: validate everything, then write all or nothing.

1. Every file is read by its importer and every respondent validated (ResponseValidator,
   the same rules as for response files) as it is read; every problem is collected with its
   place, and of each respondent only its encoded answers and their hash are kept.
2. Respondents already in the round are recognised by id and content hash: an identical
   copy (the same sheet imported twice) is skipped and reported; the same id with different
   answers is an error unless `replace` is set.
3. Only when nothing is wrong, one transaction pins the module definitions and writes all
   respondents of all files. A crash or kill at any point leaves the workspace as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _, ngettext
from ccassess.errors import CcassessError, Location, Problem, Problems, ValidationError
from ccassess.forms.sheet_layout import SheetOrigin
from ccassess.importers.base import ImportContext, choose_importer, collect_importers
from ccassess.importers.batch import Batch, bulk_reading, stream_batch
from ccassess.importers.key_figures import key_figure_conflicts
from ccassess.importers.validating import ImportedRespondent
from ccassess.io.canonical import decode_answers
from ccassess.model.answers import Respondent, respondent_key
from ccassess.model.questionnaire import KEY_FIGURES
from ccassess.workspace.db import inserted_row, now, pause_point
from ccassess.workspace.identity import stored_workspace_id
from ccassess.workspace.respondents import EncodedRespondent, insert_encoded
from ccassess.workspace.rounds import (
    Round,
    RoundModules,
    definition_digest,
    pin_definitions,
    select_stored_modules,
)
from ccassess.workspace.store import Workspace

if TYPE_CHECKING:
    from ccassess.plugin.registry import Registry


@dataclass
class ImportReport:
    round: str
    files: list[str] = field(default_factory=list)
    #: Ids of the respondents written (new) and replaced (same id, other answers, --replace).
    imported: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    #: Respondents left out because an identical copy is already in the workspace or batch.
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        n = len(self.imported)
        parts = [
            ngettext("imported {n} respondent(s)", "imported {n} respondent(s)", n).format(n=n)
        ]
        if self.replaced:
            parts.append(_("replaced {n}").format(n=len(self.replaced)))
        if self.skipped:
            parts.append(_("skipped {n} already imported").format(n=len(self.skipped)))
        files = len(self.files)
        # TRANSLATORS: {counts} is "imported 3 respondent(s)", maybe followed by "replaced 1"
        # and "skipped 2 already imported"
        return ngettext(
            "{counts} from {n} file(s) into round {round}",
            "{counts} from {n} file(s) into round {round}",
            files,
        ).format(counts=", ".join(parts), n=files, round=repr(self.round))


def import_files(
    workspace: Workspace,
    registry: Registry,
    paths: Sequence[str | Path],
    *,
    round_name: str | None = None,
    replace: bool = False,
    options: Mapping[str, Any] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> ImportReport:
    """Import files into a round (default: the current one); raises ValidationError listing
    every problem, in which case nothing was written. `options` go to the importers
    (`ImportContext.options`: from, mapping, include_incomplete, ignore_origin).
    `progress` hears the number of respondents read so far (the total is not known).

    Respondents stream from the importers through validation; only their encoded form is
    kept until everything has been checked, then one transaction writes them all."""
    round_ = workspace.round(round_name)
    report = ImportReport(round_.name)
    found = workspace.round_modules(round_, registry)
    report.notes.extend(found.notes)
    context = ImportContext(
        found.modules,
        registry.question_types,
        workspace.settings,
        options=dict(options or {}),
        # a workspace without an id never stamped a sheet: every stamped sheet is foreign
        origin=SheetOrigin(
            stored_workspace_id(workspace) or "", workspace.settings.client, round_.name
        ),
    )
    digests = {
        module_id: definition_digest(module.definition)
        for module_id, module in found.modules.items()
        if module.definition
    }
    batch = Batch(problems=context.problems, notes=context.notes)
    stored = workspace.respondent_hashes(round_)
    earlier = {
        (respondent_id, hashes[0]): other.name
        for other in workspace.earlier_rounds(round_)  # the latest earlier round last: it wins
        for respondent_id, hashes in workspace.respondent_hashes(other).items()
    }
    importers = collect_importers(registry.plugins)
    with bulk_reading():
        accepted = _accept(
            batch,
            paths,
            importers,
            context,
            registry,
            (stored, earlier),
            round_,
            replace,
            report,
            progress,
        )
    report.notes.extend(batch.notes)
    report.files = batch.files
    report.skipped.extend(batch.duplicates)
    _check_key_figures(workspace, round_, accepted, batch.problems)
    batch.problems.raise_if_errors()
    report.warnings = batch.problems.warnings
    if accepted:
        _write(workspace, registry, round_, found, digests, accepted, replace, report)
    return report


def _accept(
    batch: Batch,
    paths: Sequence[str | Path],
    importers: list[Any],
    context: ImportContext,
    registry: Registry,
    known: tuple[dict[str, tuple[str | None, str, str]], dict[tuple[str, str | None], str]],
    round_: Round,
    replace: bool,
    report: ImportReport,
    progress: Callable[[int, int | None], None] | None = None,
) -> list[EncodedRespondent]:
    """Read and validate; what will be written, encoded (the respondents themselves are
    dropped as soon as they are encoded). `known`: the round's respondents (id → hash,
    origin, date) and earlier rounds' ((id, hash) → round name)."""
    stored, in_earlier = known
    read = 0
    accepted: list[EncodedRespondent] = []
    by_key = {respondent_key(rid): found for rid, found in stored.items()}
    for item in stream_batch(batch, paths, importers, context, registry.plugins):
        read += 1
        if progress is not None:
            progress(read, None)
        earlier = by_key.get(respondent_key(item.id))
        decision = _decide(
            item.content_hash, earlier is not None, earlier[0] if earlier else None, replace
        )
        origin = (
            " " + _("(from {file}, {date})").format(file=earlier[1], date=earlier[2])
            if earlier
            else ""
        )
        old_round = in_earlier.get((item.id, item.content_hash))
        if old_round is not None and decision in ("insert", "replace", "conflict"):
            # the very answers of an earlier round: most likely last round's file again
            _earlier_round(decision, item, old_round, round_, batch.problems)
            if decision == "conflict":
                continue
        _record(decision, item.id, item.location, round_, origin, report, batch.problems)
        if decision in ("insert", "replace"):
            accepted.append(_encoded(item))
    return accepted


def _check_key_figures(
    workspace: Workspace,
    round_: Round,
    accepted: Sequence[EncodedRespondent],
    problems: Problems,
) -> None:
    """Key figures the round holds and those being imported must agree (read only when the
    import brings key figures: the round is not loaded for an ordinary import)."""
    incoming = [p for p in accepted if p.perspective == KEY_FIGURES]
    if not incoming:
        return
    replaced = {p.id for p in incoming}
    where = Location(_("workspace round {round}").format(round=repr(round_.name)))
    stored = [
        (r, where)
        for r in workspace.respondents(round_, complete_only=False)
        if r.perspective == KEY_FIGURES and r.id not in replaced
    ]
    new = [
        (
            Respondent(p.id, KEY_FIGURES, {m: decode_answers(t) for m, t in p.encoded.items()}),
            p.location or Location(p.file),
        )
        for p in incoming
    ]
    problems.items.extend(key_figure_conflicts([*stored, *new]).items)


def _encoded(item: ImportedRespondent) -> EncodedRespondent:
    id_, perspective, department, role, name, _hash = item.meta
    return EncodedRespondent(
        id_,
        perspective,
        department,
        role,
        name,
        item.encoded,
        item.content_hash,
        None,
        item.file,
        item.location,
    )


def _write(
    workspace: Workspace,
    registry: Registry,
    round_: Round,
    found: RoundModules,
    digests: dict[str, str],
    accepted: list[EncodedRespondent],
    replace: bool,
    report: ImportReport,
) -> None:
    """One transaction: pin the modules, decide again against what is stored now, write."""
    with workspace.write() as db:
        pin_definitions(db, round_.id, found.modules.values(), registry)
        pinned = select_stored_modules(db, round_.id)
        for module_id, digest in digests.items():
            if module_id in pinned and pinned[module_id].digest != digest:
                raise CcassessError(
                    _(
                        "the workspace's module definitions changed during the "
                        "import; nothing was imported; run the import again"
                    )
                )
        # Another process may have imported some of these respondents since they were
        # checked: decide again inside the transaction, where nobody else can write.
        # ids that differ only in letter case, Unicode form or invisible characters are one
        current = {
            respondent_key(row[0]): (row[0], row[1])
            for row in db.execute(
                "SELECT respondent_id, content_hash FROM respondents WHERE round_id = ?",
                (round_.id,),
            )
        }
        conflicts = Problems()
        imports: dict[str, int] = {}
        writing: list[EncodedRespondent] = []
        for person in accepted:
            stored_id, stored_hash = current.get(respondent_key(person.id), (None, None))
            present = stored_id is not None
            decision = _decide(person.content_hash, present, stored_hash, replace)
            if decision in ("skip", "conflict"):
                _record(
                    decision,
                    person.id,
                    person.location or Location(person.file),
                    round_,
                    " " + _("(imported by another process meanwhile)"),
                    report,
                    conflicts,
                )
                continue
            if present:
                db.execute(
                    "DELETE FROM respondents WHERE round_id = ? AND respondent_id = ?",
                    (round_.id, stored_id),
                )
            (report.replaced if present else report.imported).append(person.id)
            if person.file not in imports:
                cursor = db.execute(
                    "INSERT INTO imports (round_id, file, imported) VALUES (?, ?, ?)",
                    (round_.id, person.file, now()),
                )
                imports[person.file] = inserted_row(cursor)
            person.import_id = imports[person.file]
            writing.append(person)
        conflicts.raise_if_errors()
        insert_encoded(db, round_.id, writing)
        pause_point("import")


def suggest_mapping(
    workspace: Workspace,
    registry: Registry,
    path: Path,
    *,
    round_name: str | None = None,
    options: Mapping[str, Any] | None = None,
) -> tuple[str, list[str]]:
    """A proposed mapping file (text) for a survey-tool export, and notes; writes nothing.

    The importer that reads `path` (or the one named by the ``from`` option) must offer
    ``suggest_mapping(path, context) -> str``; the survey-tool importers do."""
    found = workspace.round_modules(workspace.round(round_name), registry)
    context = ImportContext(
        found.modules, registry.question_types, workspace.settings, options=dict(options or {})
    )
    importer = choose_importer(
        path, collect_importers(registry.plugins), context.options.get("from")
    )
    suggest = getattr(importer, "suggest_mapping", None)
    if suggest is None:
        raise CcassessError(
            _(
                "{file}: {importer} map to questions by themselves; "
                "--suggest-mapping is for survey-tool exports"
            ).format(file=path, importer=importer.label)
        )
    text = suggest(path, context)
    if context.problems.errors:
        raise ValidationError(context.problems.items)
    return text, [*found.notes, *context.notes, *(str(w) for w in context.problems.warnings)]


def _earlier_round(
    decision: str,
    item: ImportedRespondent,
    old_round: str,
    round_: Round,
    problems: Problems,
) -> None:
    """Respondent answers already stored in an earlier round, given again for this one.

    A conflict is explained without suggesting --replace (which would overwrite this round's
    answers with last round's); a new or replaced respondent gets a warning."""
    names = {"respondent": repr(item.id), "old": repr(old_round), "round": repr(round_.name)}
    if decision == "conflict":
        problems.error(
            item.location,
            _(
                "respondent {respondent} gave exactly these answers in round {old}, and other "
                "answers in round {round}: is this the file of round {old}? It is imported "
                "there already; to check, import it with --round {name}"
            ).format(**names, name=old_round),
        )
    else:
        problems.warning(
            item.location,
            _(
                "respondent {respondent} gave exactly these answers in round {old}; imported "
                "into round {round} as well: check that the file is not the one of round {old}"
            ).format(**names),
        )


def _decide(content_hash: str, present: bool, stored_hash: str | None, replace: bool) -> str:
    """insert, skip (identical copy), replace, or conflict (same id, other answers)."""
    if not present:
        return "insert"
    if stored_hash == content_hash:
        return "skip"
    return "replace" if replace else "conflict"


def _record(
    decision: str,
    name: str,
    location: Location,
    round_: Round,
    origin: str,
    report: ImportReport,
    problems: Problems,
) -> None:
    if decision == "skip":
        report.skipped.append(
            Problem(
                location,
                _("respondent {respondent} is already in round {round}{origin}; skipped").format(
                    respondent=repr(name), round=repr(round_.name), origin=origin
                ),
                "info",
            )
        )
    elif decision == "conflict":
        problems.error(
            location,
            _(
                "respondent {respondent} is already in round {round}{origin} with different "
                "answers; import with --replace to overwrite"
            ).format(respondent=repr(name), round=repr(round_.name), origin=origin),
        )
