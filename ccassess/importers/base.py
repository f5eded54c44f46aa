"""Importers: how answers in any file format become validated respondents.

An importer (core or plugin, contributed through the ``ccassess_importers`` hook) only
*reads*: it turns a file into raw respondent mappings — the same shape as a response file's
``respondents:`` items — and attaches a location to every value it read. Validation is then
the same for every source (`ccassess.importers.response_files.ResponseValidator`), so a
wrong answer in a spreadsheet cell is reported exactly like one in a YAML file, with file, sheet,
row and column.

    class MyImporter:
        name = "mytool"
        label = "MyTool survey export (.mtx)"

        def detect(self, path):            # 0 = not mine … 1 = certainly mine
            return 0.9 if path.suffix == ".mtx" else 0.0

        def read(self, path, context):     # -> iterable of RawRespondent
            record = SourceMap(location=Location(str(path), row=2))
            ...
            return [RawRespondent(record, str(path), "respondent")]

Bad input is raised as ``ccassess.ValidationError`` listing every problem found in the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ccassess.blame import guarded, guarded_iteration
from ccassess.catalogs import _, cli_language
from ccassess.errors import CcassessError, Location, Problem, Problems, ValidationError
from ccassess.format import number
from ccassess.forms.sheet_layout import SheetOrigin
from ccassess.io.checker import Checker
from ccassess.model.questionnaire import Module
from ccassess.model.settings import AssessmentSettings
from ccassess.questions.types import QuestionType

if TYPE_CHECKING:
    from ccassess.plugin.manager import Plugins


#: More files than this in one import are refused (a folder of a consultancy's answers is far
#: smaller; the limit keeps a mistaken `import /` from walking a disk).
MAX_IMPORT_FILES = 10_000


class SourceMap(dict):
    """A mapping read from a file that knows where each of its values came from.

    ``locations[key]`` is the place of ``self[key]`` (a cell, a line); ``location`` is the
    place of the mapping as a whole (a sheet, a row). Validators use them for their errors.
    """

    def __init__(self, *args: Any, location: Location | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.location = location
        self.locations: dict[Any, Location] = {}

    def put(self, key: Any, value: Any, location: Location | None) -> None:
        self[key] = value
        if location is not None:
            self.locations[key] = location

    def location_of(self, key: Any) -> Location | None:
        return self.locations.get(key, self.location)


class RowMap(SourceMap):
    """A SourceMap for one row of a table: a key's location (file, line, its column) is
    made when a message asks for it, not stored for every cell of a large file."""

    def __init__(self, location: Location, columns: Mapping[Any, str]) -> None:
        dict.__init__(self)  # (SourceMap's signature costs time in every row)
        self.location = location
        self.locations = {}
        self.columns = columns

    def location_of(self, key: Any) -> Location | None:
        found = self.locations.get(key)
        if found is not None:
            return found
        column = self.columns.get(key)
        where = self.location
        if column is None or where is None:
            return where
        return Location(where.file, where.line, where.path, where.sheet, where.row, column)


@dataclass
class RawRespondent:
    """One respondent as an importer read it, before validation.

    `data` has the keys of a response file's respondent (id, perspective, department, role,
    name, answers: {module: {question: value}}); use `SourceMap` (or the line-aware mappings
    of `ccassess.io.structured`) so problems can name their place. `path` is the key path
    shown in messages ("respondent", "respondents[3]").
    """

    data: Mapping[str, Any]
    file: str
    path: str = "respondent"
    #: Set when the file gave no respondent id and the importer derived one from the content;
    #: a re-imported copy then gets the same id and is recognised.
    generated_id: bool = False


@dataclass
class ImportContext:
    """What an importer may need: the modules answers are checked against, the settings."""

    modules: Mapping[str, Module]
    question_types: Mapping[str, QuestionType]
    settings: AssessmentSettings
    #: Warnings an importer wants to pass on (they never stop an import).
    problems: Problems = field(default_factory=Problems)
    #: What the user asked for (`ccassess import` options): ``from`` (an importer name that
    #: overrides detection), ``mapping`` (a mapping file), ``include_incomplete`` (bool),
    #: ``min_answers`` (text: "N" or "N%", survey-tool responses with fewer answers skip).
    #: Importers read the keys they understand and ignore the others.
    options: Mapping[str, Any] = field(default_factory=dict)
    #: Notes for the user (what was recognised, dropped or skipped); printed, never fatal.
    notes: list[str] = field(default_factory=list)
    #: The workspace and round the answers go into: an answer sheet stamped for another one
    #: is refused (`ccassess.importers.origin`). None: not a workspace import.
    origin: SheetOrigin | None = None

    def warn(self, location: Location, message: str) -> None:
        self.problems.warning(location, message)

    def note(self, message: str) -> None:
        self.notes.append(message)


@runtime_checkable
class Importer(Protocol):
    """An input format for responses. See the module docstring for an example."""

    #: A short unique name ("xlsx", "csv", "structured", …).
    name: str

    @property
    def label(self) -> str:
        """What users see in `ccassess import --help` and in "unknown format" messages, in
        the CLI's language (a plain attribute does as well)."""
        ...

    def detect(self, path: Path) -> float:
        """How sure this importer is that it can read `path`: 0 (not mine) … 1 (certainly)."""
        ...

    def read(self, path: Path, context: ImportContext) -> Iterable[RawRespondent]:
        """The raw respondents in the file (a list, or a generator for large files); raise
        ValidationError listing every problem (a generator may raise it after yielding).

        Optional: ``read_parts(path, context, parts)`` returning the file's respondents in
        consecutive parts (each an iterable that may run in a forked process), or None to be
        read as usual; large files are then validated in parallel (`ccassess.importers.validating`).
        """
        ...


class SourceChecker(Checker):
    """A Checker that knows cell locations as well as line numbers."""

    def at(self, path: str, container: Any = None, key: Any = None) -> Location:
        finder = getattr(container, "location_of", None)
        if finder is not None:
            where = finder(key)
            if where is not None:  # (the constructor: dataclasses.replace is slow per row)
                return Location(
                    where.file, where.line, path or None, where.sheet, where.row, where.column
                )
        return super().at(path, container, key)


def collect_importers(plugins: Plugins) -> list[Importer]:
    """Every importer the loaded plugins contribute (the core's first)."""
    importers: list[Importer] = []
    names: dict[str, str] = {}
    for contribution in plugins.hooks.importers():
        plugin = contribution.plugin
        for importer in contribution.items:
            if not isinstance(importer, Importer) or not isinstance(importer.name, str):
                plugins.reject(
                    plugin,
                    contribution.error(
                        _(
                            "{importer} is not an importer (needs name, label, detect(path), "
                            "read(path, context))"
                        ).format(importer=repr(importer)),
                    ),
                )
                break
            if importer.name in names:
                plugins.reject(
                    plugin,
                    contribution.error(
                        _("importer {name} is already defined by plugin {plugin}").format(
                            name=repr(importer.name), plugin=repr(names[importer.name])
                        ),
                    ),
                )
                break
            names[importer.name] = plugin
            importers.append(importer if plugin == "core" else GuardedImporter(importer, plugin))
    return importers


class GuardedImporter:
    """A plugin's importer whose failures name the plugin, the importer and the file and line
    in the plugin (`ccassess.blame`); a `ValidationError` it raises goes on as it is."""

    def __init__(self, importer: Importer, plugin: str) -> None:
        self.importer = importer
        self.plugin = plugin
        self.name = importer.name
        what = _("importer {name}").format(name=repr(importer.name))
        # detect: OSError and ValueError mean "not mine", as for the core's importers
        self.detect = guarded(importer.detect, plugin, f"{what}, detect()", (OSError, ValueError))
        self._read = guarded(importer.read, plugin, f"{what}, read()")
        self._what = what

    @property
    def label(self) -> str:
        return self.importer.label

    def read(self, path: Path, context: ImportContext) -> Iterator[RawRespondent]:
        """The importer's respondents; a generator is guarded while it runs, too."""
        raws = self._read(path, context)
        yield from guarded_iteration(raws, self.plugin, f"{self._what}, read()", self.importer)

    def __getattr__(self, name: str) -> Any:
        """The importer's other members (``read_parts``, what survey-tool importers offer);
        its other methods are guarded too."""
        value = getattr(self.importer, name)
        if callable(value) and not isinstance(value, type) and not name.startswith("_"):
            return guarded(value, self.plugin, f"{self._what}, {name}()")
        return value

    def __repr__(self) -> str:
        return f"GuardedImporter({self.importer!r}, plugin={self.plugin!r})"


def find_importer(name: str, importers: Sequence[Importer]) -> Importer:
    """The importer called `name` (``--from``; case, ``-`` and ``_`` do not matter)."""
    wanted = name.strip().casefold().replace("-", "_")
    for importer in importers:
        if importer.name.casefold().replace("-", "_") == wanted:
            return importer
    known = "; ".join(f"{importer.name} ({importer.label})" for importer in importers)
    raise CcassessError(
        _("unknown format {name} for --from; ccassess reads: {known}").format(
            name=repr(name), known=known
        )
    )


def choose_importer(path: Path, importers: Sequence[Importer], name: str | None = None) -> Importer:
    """The importer called `name`, or the one most certain about `path`; a CcassessError
    when nobody wants it."""
    if name:
        return find_importer(name, importers)
    best: tuple[float, Importer] | None = None
    for importer in importers:
        try:
            certainty = float(importer.detect(path))
        except (OSError, ValueError):
            certainty = 0.0
        if certainty > 0 and (best is None or certainty > best[0]):
            best = (certainty, importer)
    if best is None:
        formats = "; ".join(importer.label for importer in importers)
        message = _("unknown file type; ccassess reads {formats}").format(formats=formats)
        raise ValidationError([Problem(Location(str(path)), message)])
    return best[1]


def expand_paths(paths: Sequence[str | Path], importers: Sequence[Importer]) -> list[Path]:
    """Files as given; folders become the files in them that some importer recognises."""
    files: list[Path] = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if found.name.startswith((".", "~$")):
                    continue  # hidden files, Office lock files
                if any(_certainty(importer, found) > 0 for importer in importers):
                    files.append(found)
        else:
            files.append(path)
        if len(files) > MAX_IMPORT_FILES:
            raise CcassessError(
                _("more than {limit} files to import; import them in smaller batches").format(
                    limit=number(MAX_IMPORT_FILES, cli_language())
                )
            )
    return files


def _certainty(importer: Importer, path: Path) -> float:
    try:
        return float(importer.detect(path))
    except (OSError, ValueError):
        return 0.0
