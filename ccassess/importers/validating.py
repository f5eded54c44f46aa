"""Validating what an importer reads, respondent by respondent, in one or two processes.

Validation, encoding and hashing are pure Python work per respondent: for a survey export of
a hundred thousand rows they are most of an import. An importer that can cut a file into
consecutive parts (``read_parts(path, context, parts)``, the CSV tables do) has a large file
validated in two processes where the platform forks: this process takes the first part, a
forked child the second, and the child's results and problems follow this process's in
file order. Everything else — the decisions about duplicates, the writing — stays here.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess.catalogs import _
from ccassess.errors import CcassessError, Location, Problems, ValidationError
from ccassess.importers.base import SourceChecker
from ccassess.io.canonical import content_digest, decode_answers, encode_respondent
from ccassess.model.answers import Respondent

if TYPE_CHECKING:
    from ccassess.importers.base import ImportContext, Importer, RawRespondent
    from ccassess.importers.response_files import ResponseValidator

#: Set to "0" to validate in this process only (for measuring, or where forking is unwanted).
ENV_PARALLEL = "CCASSESS_PARALLEL_IMPORT"


def validated_file(
    importer: Importer,
    path: Path,
    context: ImportContext,
    validator: ResponseValidator,
) -> Iterator[ImportedRespondent]:
    """The file's valid respondents in file order; problems go to the validator's."""
    read_parts = getattr(importer, "read_parts", None)
    parts = read_parts(path, context, 2) if read_parts is not None and can_fork() else None
    if parts is None:
        yield from validated(importer.read(path, context), validator)
    elif len(parts) == 1:
        yield from validated(parts[0], validator)
    else:
        yield from _two_processes(parts[0], parts[1], validator)


def validated(
    raws: Iterable[RawRespondent], validator: ResponseValidator
) -> Iterator[ImportedRespondent]:
    """Validate, encode and hash; respondents with an error are left out (it is recorded)."""
    problems = validator.problems
    check: SourceChecker | None = None
    for raw in raws:
        if check is None or raw.file != check.file:
            check = SourceChecker(raw.file, problems)
        before = len(problems.items)
        respondent = validator.respondent(raw.data, raw.path, check)
        if respondent is None or _new_errors(problems, before):
            continue
        rpath = f"respondents[{respondent.id}]" if raw.path.startswith("respondents[") else raw.path
        where = check.at(rpath, raw.data, "id")
        encoded = encode_respondent(respondent.answers)
        digest = content_digest(
            respondent.perspective, respondent.department, respondent.role, None, encoded
        )
        yield ImportedRespondent(respondent, raw.file, where, digest, encoded)


def can_fork() -> bool:
    return (
        hasattr(os, "fork")
        and sys.platform.startswith("linux")  # macOS: forking a process with Cocoa is unsafe
        and os.environ.get(ENV_PARALLEL, "1") != "0"
    )


def _two_processes(
    first: Iterable[RawRespondent], second: Iterable[RawRespondent], validator: ResponseValidator
) -> Iterator[ImportedRespondent]:
    problems = validator.problems
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child (tests check its results)
        os.close(reader)
        _child(second, validator, writer)
    os.close(writer)
    stream = os.fdopen(reader, "rb")
    try:
        try:
            yield from validated(first, validator)
        except ValidationError as exc:
            problems.items.extend(exc.problems)
        outcome = pickle.load(stream)
    finally:
        stream.close()  # a child still writing gets a broken pipe instead of waiting forever
        os.waitpid(child, 0)
    status, found, problem_items, message = outcome
    problems.items.extend(problem_items)
    if status != "ok":
        raise CcassessError(message)
    yield from found


def _child(raws: Iterable[RawRespondent], validator: ResponseValidator, writer: int) -> None:
    """Validate the second part and send back (status, respondents, new problems, message).

    The problems object is this process's copy: what it gains here (the validator's and the
    importer's problems about the second part) is what the parent lacks."""
    problems = validator.problems
    before = len(problems.items)
    outcome: tuple[str, list[Any], list[Any], str]
    try:
        found: list[ImportedRespondent] = []
        try:
            found.extend(validated(raws, validator))
        except ValidationError as exc:
            problems.items.extend(exc.problems)
        outcome = ("ok", found, problems.items[before:], "")
    except CcassessError as exc:
        outcome = ("failed", [], problems.items[before:], exc.message)
    except BaseException as exc:
        outcome = (
            "failed",
            [],
            problems.items[before:],
            _("validating in a second process failed: {error}").format(
                error=f"{type(exc).__name__}: {exc}"
            ),
        )
    try:
        with os.fdopen(writer, "wb") as stream:
            pickle.dump(outcome, stream, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)


def _new_errors(problems: Problems, since: int) -> bool:
    """Whether an error was added after the first `since` problems (warnings do not count)."""
    return any(p.severity == "error" for p in problems.items[since:])


class ImportedRespondent:
    """A validated respondent, where it came from, its encoded answers and their hash.

    `respondent` may be made only when asked for (from the encoded answers): an import
    needs just the id, the metadata and the encoded form."""

    __slots__ = ("_respondent", "content_hash", "encoded", "file", "location", "meta")

    def __init__(
        self,
        respondent: Respondent | None,
        file: str,
        location: Location,
        content_hash: str,
        encoded: dict[str, str],
        meta: tuple[Any, ...] | None = None,
    ) -> None:
        self._respondent = respondent
        self.file = file
        self.location = location
        self.content_hash = content_hash
        #: Each module's answers as the workspace stores them (`ccassess.io.canonical`).
        self.encoded = encoded
        if not meta:
            assert respondent is not None, "a respondent or its metadata is needed"
            meta = (
                respondent.id,
                respondent.perspective,
                respondent.department,
                respondent.role,
                respondent.name,
                respondent.origin,
            )
        #: (id, perspective, department, role, name, origin)
        self.meta: tuple[Any, ...] = meta

    @property
    def id(self) -> str:
        return self.meta[0]

    @property
    def respondent(self) -> Respondent:
        if self._respondent is None:
            id_, perspective, department, role, name, origin = self.meta
            answers = {module_id: decode_answers(text) for module_id, text in self.encoded.items()}
            self._respondent = Respondent(id_, perspective, answers, role, department, name, origin)
        return self._respondent

    def __getstate__(self) -> tuple[Any, ...]:
        """Sent between processes without the respondent (rebuilt when asked for) and with
        the location as plain values (unpickling frozen dataclasses is slow)."""
        where = self.location
        place = (where.file, where.line, where.path, where.sheet, where.row, where.column)
        return (self.file, place, self.content_hash, self.encoded, self.meta)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._respondent = None
        self.file, place, self.content_hash, self.encoded, self.meta = state
        self.location = Location(*place)
