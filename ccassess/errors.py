"""Errors a user can cause. They carry a location so the CLI can name file and place in one line.

Anything that is not a `CcassessError` is a bug (ours or a plugin's) and exits 1 with a hint to
re-run with ``--debug``.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field

from ccassess.catalogs import N_, _, ngettext


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a file and, inside it, a line, a key path, or a sheet/row/column."""

    file: str | None = None
    line: int | None = None
    path: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        head = self.file or "<input>"
        if self.line is not None:
            head += f":{self.line}"
        parts = [head]
        if self.sheet is not None:
            parts.append(_("sheet {name}").format(name=repr(self.sheet)))
        if self.row is not None:
            parts.append(_("row {number}").format(number=self.row))
        if self.column is not None:
            parts.append(_("column {name}").format(name=repr(self.column)))
        text = ", ".join(parts)
        return f"{text}: {self.path}" if self.path else text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, with where it is. Warnings do not stop anything."""

    location: Location
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        if self.severity == "warning":
            return _("{location}: warning: {message}").format(
                location=self.location, message=self.message
            )
        return f"{self.location}: {self.message}"


class CcassessError(Exception):
    """Base for errors caused by input or usage; printed in one line, exit status 2."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def lines(self) -> list[str]:
        """The lines the CLI prints for this error (one unless it bundles several problems)."""
        return [f"{self.location}: {self.message}" if self.location else self.message]

    def __str__(self) -> str:
        return self.lines()[0]


@dataclass
class ValidationError(CcassessError):
    """Every problem found in one validation pass, so the user can fix them all at once."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        errors = [p for p in self.problems if p.severity == "error"]
        first = str(errors[0]) if errors else _("invalid input")
        CcassessError.__init__(self, first)

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]

    def __str__(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        others = len(errors) - 1
        more = (
            " "
            + ngettext("(and {n} more problem)", "(and {n} more problems)", others).format(n=others)
            if others > 0
            else ""
        )
        return (str(errors[0]) if errors else _("invalid input")) + more


class PluginError(CcassessError):
    """A plugin failed to load, raised in a hook, or returned data we cannot use."""

    def __init__(self, plugin: str, hook: str | None, message: str) -> None:
        where = (
            _("plugin {plugin}, hook {hook}").format(plugin=repr(plugin), hook=hook)
            if hook
            else _("plugin {plugin}").format(plugin=repr(plugin))
        )
        super().__init__(f"{where}: {message}")
        self.plugin = plugin
        self.hook = hook


class Problems:
    """Collects problems during a validation pass; `raise_if_errors` ends the pass."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, message))

    def warning(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ValidationError(self.items)


#: What ccassess says about a path the operating system refuses as too long.
NAME_TOO_LONG = N_("the name is too long for the file system")


def os_problem(exc: OSError) -> str:
    """An operating-system error about a file, as the rest of a one-line message."""
    if exc.errno == errno.ENAMETOOLONG:
        return _(NAME_TOO_LONG)
    return _("cannot read the file ({reason})").format(reason=exc.strerror or exc)
