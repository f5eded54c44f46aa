"""The assessment's settings file (assessment.yaml): client, language, departments, privacy."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from ccassess.catalogs import _, languages
from ccassess.errors import Problems
from ccassess.io.checker import Checker
from ccassess.io.structured import read_structured
from ccassess.model.settings import AssessmentSettings

SETTINGS_KEYS = {
    "client",
    "title",
    "date",
    "prepared_by",
    "language",
    "departments",
    "invited",
    "anonymity_threshold",
    "free_text_threshold",
    "modules",
    "theme",
    "logo",
    "workspace",  # a workspace's own section (see ccassess.workspace.config), not settings
}
MIN_ANONYMITY = 3
#: The settings that are plain texts (the client's name, the title, who prepared it).
TEXT_KEYS = ("client", "title", "prepared_by")


def build_settings(
    data: Any, file: str | None = None, base: Path | None = None
) -> AssessmentSettings:
    """Validate settings data; relative theme/logo paths are resolved against `base`."""
    problems = Problems()
    c = Checker(file, problems)
    data = c.mapping(data if data is not None else {}, "")
    c.known_keys(data, "", SETTINGS_KEYS)
    language = c.string(data, "language", "", required=False, default="de")
    if language not in languages():
        supported = ", ".join(languages())
        c.error(
            "language",
            _("{language} has no catalog; use {supported}").format(
                language=repr(language), supported=supported
            ),
            data,
            "language",
        )
    threshold = c.integer(data, "anonymity_threshold", "", default=5)
    if threshold is not None and threshold < MIN_ANONYMITY:
        c.error(
            "anonymity_threshold",
            _("must be at least {minimum} to protect respondents, got {value}").format(
                minimum=MIN_ANONYMITY, value=threshold
            ),
            data,
            "anonymity_threshold",
        )
    free_text = c.integer(data, "free_text_threshold", "", default=10)
    explicit = "free_text_threshold" in data
    if explicit and free_text is not None and threshold is not None and free_text < threshold:
        c.error(
            "free_text_threshold",
            _("must not be below the anonymity threshold ({threshold}), got {value}").format(
                threshold=threshold, value=free_text
            ),
            data,
            "free_text_threshold",
        )
    departments = []
    listed = c.sequence(data, "departments", "", required=False)
    for index in range(len(listed)):
        name = c.item(listed, index, "departments")
        if name in departments:
            c.error(
                f"departments[{index}]",
                _("duplicate department {name}").format(name=repr(name)),
                data,
                "departments",
            )
        if name:
            departments.append(name)
    invited = _invited(c, data, departments)
    modules = None
    if "modules" in data:
        named = c.sequence(data, "modules", "")
        modules = tuple(c.item(named, index, "modules") for index in range(len(named)))
    when = data.get("date")
    if isinstance(when, str):
        try:
            when = date.fromisoformat(when)
        except ValueError:
            c.error(
                "date",
                _("{value} is not a date like 2026-11-24").format(value=repr(when)),
                data,
                "date",
            )
            when = None
    elif when is not None and not isinstance(when, date):
        c.error("date", _("expected a date like 2026-11-24"), data, "date")
        when = None

    def resolve(key: str) -> str | None:
        value = c.string(data, key, "", required=False)
        if not value:
            return None
        path = Path(value)
        return str(path if path.is_absolute() or base is None else base / path)

    texts = {key: c.string(data, key, "", required=False) for key in TEXT_KEYS}
    theme, logo = resolve("theme"), _logo(c, data, base, problems)
    problems.raise_if_errors()
    return AssessmentSettings(
        **texts,
        date=when,
        language=language,
        departments=tuple(departments),
        anonymity_threshold=threshold if threshold is not None else 5,
        free_text_threshold=free_text if free_text is not None else 10,
        modules=modules,
        theme=theme,
        logo=logo,
        invited=invited,
    )


def _logo(c: Checker, data: Any, base: Path | None, problems: Problems) -> str | None:
    """`logo`: a file inside the assessment's (or workspace's) folder, named relative to it.

    Rendering reads only the template, theme and package folders and what the assessment
    brings along: an absolute path, or one (a symlink, ../) that leads outside the folder
    of the file that names it, would embed any file the user can read into the report.
    """
    value = c.string(data, "logo", "", required=False)
    if not value:
        return None
    if Path(value).is_absolute() or value.startswith(("\\", "/")):
        c.error(
            "logo",
            _(
                "{value} is an absolute path; put the logo into the assessment's folder and "
                "name it relative to that folder (e.g. logo: logo.png)"
            ).format(value=repr(value)),
            data,
            "logo",
        )
    elif base is not None:
        root = Path(os.path.realpath(base))
        real = Path(os.path.realpath(base / value))
        if real != root and root not in real.parents:
            c.error(
                "logo",
                _(
                    "{value} leads outside the assessment's folder {folder} (to {target}); "
                    "only a file inside that folder is embedded"
                ).format(value=repr(value), folder=root, target=real),
                data,
                "logo",
            )
    problems.raise_if_errors()
    return value if base is None else str(base / value)


def _invited(c: Checker, data: Any, departments: list[str]) -> tuple[tuple[str, int], ...]:
    """`invited`: department → number of staff invited, each a listed department (when
    departments are listed) with a whole number from 1 on."""
    if "invited" not in data:
        return ()
    pairs = []
    for name, count in c.mapping(data["invited"], "invited", data, "invited").items():
        where = f"invited.{name}"
        if departments and str(name) not in departments:
            c.error(
                where,
                _("{name} is not one of the departments").format(name=repr(name)),
                data["invited"],
                name,
            )
            continue
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            c.error(
                where,
                _("expected a whole number of people from 1 on, got {value}").format(
                    value=repr(count)
                ),
                data["invited"],
                name,
            )
            continue
        pairs.append((str(name), count))
    return tuple(pairs)


def load_settings(path: str | Path) -> AssessmentSettings:
    path = Path(path)
    return build_settings(read_structured(path), str(path), path.parent)
