"""The settings a new workspace starts with: an assessment file and/or command-line values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ccassess.catalogs import _
from ccassess.definitions.settings import build_settings
from ccassess.io.structured import read_structured
from ccassess.model.settings import AssessmentSettings


def initial_settings(
    source: Path | None = None,
    *,
    client: str | None = None,
    title: str | None = None,
    language: str | None = None,
    departments: Sequence[str] = (),
    modules: Sequence[str] = (),
    anonymity_threshold: int | None = None,
) -> AssessmentSettings:
    """Settings from `source` (an assessment.yaml) overridden by the values given, validated."""
    data: dict[str, Any] = {}
    base = None
    file = _("<command line>")
    if source is not None:
        loaded = read_structured(source)
        if isinstance(loaded, Mapping):
            data = {k: v for k, v in loaded.items() if k != "workspace"}
        else:
            data = loaded  # build_settings reports what is wrong with it
        base = source.parent
        file = str(source)
    given = {
        "client": client,
        "title": title,
        "language": language,
        "departments": list(departments) or None,
        "modules": list(modules) or None,
        "anonymity_threshold": anonymity_threshold,
    }
    if isinstance(data, dict):
        data.update({key: value for key, value in given.items() if value is not None})
    return build_settings(data, file, base)
