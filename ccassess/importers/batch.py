"""Reading and validating a batch of files: every respondent checked, duplicates judged by
content, every problem collected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ccassess.catalogs import _
from ccassess.errors import Location, Problem, Problems, ValidationError
from ccassess.importers.base import (
    ImportContext,
    Importer,
    choose_importer,
    expand_paths,
    find_importer,
)
from ccassess.importers.response_files import ResponseValidator
from ccassess.importers.validating import ImportedRespondent, validated_file
from ccassess.io.canonical import content_digest, encode_respondent
from ccassess.model.answers import Respondent, respondent_key

if TYPE_CHECKING:
    from ccassess.plugin.manager import Plugins


@dataclass
class Batch:
    """The outcome of reading and validating files: respondents, notes and problems."""

    respondents: list[ImportedRespondent] = field(default_factory=list)
    #: Respondents left out because an identical copy is already in the batch.
    duplicates: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    #: The importers' notes (`ImportContext.notes`).
    notes: list[str] = field(default_factory=list)


def content_hash(respondent: Respondent) -> str:
    """A hash of everything a respondent said (answers and metadata, not where it came from,
    nor the optional name: an export without names imports again as the same respondent)."""
    return content_digest(
        respondent.perspective,
        respondent.department,
        respondent.role,
        None,
        encode_respondent(respondent.answers),
    )


@contextmanager
def bulk_reading() -> Iterator[None]:
    """No cyclic garbage collection while an import keeps a hundred thousand small records.

    They form no reference cycles, but CPython's collector would walk all of them again and
    again (measured: about 5 % of a 100,000-row import). The import is bounded, and whatever
    cyclic garbage it might leave is collected once collection is back on afterwards.
    Objects alive before are frozen, so a forked validator shares their memory pages."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


def read_batch(
    paths: Sequence[str | Path],
    importers: Sequence[Importer],
    context: ImportContext,
    plugins: Plugins | None = None,
) -> Batch:
    """Read every file and validate every respondent; collect all problems, raise nothing."""
    batch = Batch(problems=context.problems, notes=context.notes)
    batch.respondents.extend(stream_batch(batch, paths, importers, context, plugins))
    return batch


def stream_batch(
    batch: Batch,
    paths: Sequence[str | Path],
    importers: Sequence[Importer],
    context: ImportContext,
    plugins: Plugins | None = None,
) -> Iterator[ImportedRespondent]:
    """Validated respondents one by one, as the importers read them; files, duplicates and
    problems are collected in `batch` (complete once the iterator is exhausted).

    Validation is `ResponseValidator`'s, identical for every source. Two copies of the same
    respondent with the same content are reported once as a duplicate; the same id with
    different content is an error. Nothing but a small summary of each respondent (its hash
    and place) is kept, so a caller that stores what it receives holds one row at a time.
    """
    problems = batch.problems
    forced = context.options.get("from")
    if forced:
        find_importer(forced, importers)  # an unknown name stops here, before any file
    # Repeated ids are judged below, by content, not by the validator.
    validator = ResponseValidator(
        context.modules,
        context.question_types,
        context.settings,
        problems,
        plugins,
        track_ids=False,
    )
    files = expand_paths(paths, importers)
    if not files:
        problems.error(Location(", ".join(str(p) for p in paths) or None), _("no files to import"))
    seen: dict[str, tuple[str, Location]] = {}
    for path in files:
        batch.files.append(str(path))
        try:
            importer = choose_importer(path, importers, forced)
            for item in validated_file(importer, path, context, validator):
                respondent_id, where, digest = item.id, item.location, item.content_hash
                earlier = seen.get(respondent_key(respondent_id))
                if earlier is None:
                    seen[respondent_key(respondent_id)] = (digest, where)
                    yield item
                elif earlier[0] == digest:
                    message = _("respondent {id} is the same as in {place}; imported once").format(
                        id=repr(respondent_id), place=earlier[1]
                    )
                    batch.duplicates.append(Problem(where, message, "info"))
                else:
                    problems.error(
                        where,
                        _(
                            "respondent {id} appears twice with different answers (also in {place})"
                        ).format(id=repr(respondent_id), place=earlier[1]),
                    )
        except ValidationError as exc:
            problems.items.extend(exc.problems)
