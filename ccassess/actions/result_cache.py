"""The scored result of a workspace round, kept beside its database until anything it was
computed from changes (issue 23).

Scoring reads and validates every answer: at 10,000 respondents that is seconds before the
report starts, every time a report is rendered. The result holds only aggregates, so a
report of the same data needs only the result. The key is a hash of everything the result
depends on: the respondents' stored rows (ids, perspectives, departments, content hashes,
times of change; names are not in the result), the settings, the round's modules as
answered, the earlier rounds' trend figures, the plugins (names, versions and their files'
sizes and times), the source files of ccassess itself and whether the answers appendix was
asked for. A damaged, foreign or stale file is ignored and replaced; `CCASSESS_NO_CACHE=1`
turns the cache off; `forget` deletes the file with the respondent (it can hold answers of
the appendix).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccassess import __version__
from ccassess.actions.assess import assess
from ccassess.errors import CcassessError
from ccassess.io.cache_files import ENV_OFF, blake2b, read_bytes, write_private
from ccassess.model.serial import result_from_json, result_to_json, to_data
from ccassess.workspace.config import RESULT_CACHE_FILE
from ccassess.workspace.store import Workspace

if TYPE_CHECKING:
    from collections.abc import Callable

    from ccassess.actions.inputs import Inputs
    from ccassess.model.answers import Respondent
    from ccassess.model.result import AssessmentResult
    from ccassess.model.settings import AssessmentSettings
    from ccassess.plugin.registry import Registry

#: Changes whenever what the file holds changes shape.
FORMAT = 1
#: A cached result above this size is not read (a result of aggregates is far smaller).
MAX_BYTES = 256 * 1024 * 1024


@dataclass
class Kept:
    """A kept result and what its report recorded as shared (ccassess.actions.sharing)."""

    result: AssessmentResult
    groups: str
    accepted: int


def lookup(
    registry: Registry, inputs: Inputs, include_answers: bool, accept_risk: bool
) -> tuple[str | None, list[str], Kept | None]:
    """The key, the round's distinct earlier shared reports (hashes) and the kept result.

    A report records who is behind its figures; rendering the same data again records the
    same groups, which change no differencing check. So the kept result stays valid while
    the earlier shared reports, leaving out the one it recorded itself, are the same."""
    parts = inputs.key_parts
    if inputs.workspace is None or parts is None or inputs.round is None:
        return None, [], None
    with Workspace.open(inputs.workspace) as workspace:
        salt, texts = workspace.release_texts(workspace.round(inputs.round))
    releases = sorted(blake2b(t.encode(), digest_size=16).hexdigest() for t in texts)
    trend = [
        (e.name, e.date, [_scores(m) for m in e.result.modules]) for e in inputs.earlier_rounds
    ]
    key = result_key(
        registry,
        {**parts, "answers": include_answers, "trend": trend, "salt": salt, "risk": accept_risk},
    )
    found = _read(inputs.workspace, key, inputs.round)
    if found is None:
        return key, releases, None
    meta, result = found
    own_text = str(meta.get("groups") or "")
    own = blake2b(own_text.encode(), digest_size=16).hexdigest()
    if set(releases) - {own} != set(meta.get("releases") or []) - {own}:
        return key, releases, None
    return key, releases, Kept(result, own_text, int(meta.get("accepted") or 0))


def keep(inputs: Inputs, key: str, releases: list[str], kept: Kept) -> None:
    """Keep the result of a report for the next one (see `lookup`)."""
    if inputs.workspace is None or inputs.round is None:
        return
    meta = {"groups": kept.groups, "accepted": kept.accepted, "releases": releases}
    store_result(inputs.workspace, key, kept.result, inputs.round, meta)


def assess_round(
    registry: Registry,
    folder: Path,
    parts: dict[str, Any],
    load: Callable[[], list[Respondent]],
    settings: AssessmentSettings,
) -> AssessmentResult:
    """A round scored without trend or answers (an earlier round, for the trend): kept and
    reused like the report's result."""
    key = result_key(registry, {**parts, "answers": False, "trend": []})
    found = cached_result(folder, key, parts["round"])
    if found is not None:
        return found
    result = assess(registry, load(), settings)
    store_result(folder, key, result, parts["round"])
    return result


def _scores(module: Any) -> tuple[str, float | None, list[tuple[str, float | None]]]:
    return module.id, module.score, [(d.id, d.score) for d in module.dimensions]


def cache_file(folder: Path, round_name: str) -> Path:
    """The kept result of a round: one file per round, beside the database."""
    digest = blake2b(round_name.encode(), digest_size=6).hexdigest()
    return folder / f"{RESULT_CACHE_FILE}-{digest}"


def result_key(registry: Registry, parts: dict[str, Any]) -> str:
    """The hash of the respondents' rows and everything else the result depends on."""
    digest = blake2b(digest_size=20)
    digest.update(repr((FORMAT, __version__, sys.version)).encode())
    digest.update(json.dumps(parts, sort_keys=True, default=str).encode())
    for module in registry.modules.values():
        digest.update(json.dumps(to_data(module), sort_keys=True, default=str).encode())
    for name, info in sorted(registry.plugins.info.items()):
        digest.update(repr((name, info.version, info.origin)).encode())
    files = sorted(f for plugin in registry.plugins.pm.get_plugins() for f in _files_state(plugin))
    digest.update(repr(files).encode())
    digest.update(repr(_files_state(sys.modules["ccassess"])).encode())
    return digest.hexdigest()


def _files_state(plugin: Any) -> list[tuple[str, int, int]]:
    """Sizes and times of a plugin's Python files (its package folder, or its one file)."""
    origin = getattr(plugin, "__file__", None) or getattr(
        sys.modules.get(getattr(plugin, "__module__", "") or ""), "__file__", None
    )
    if not origin:
        return []
    path = Path(origin)
    files = sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]
    state = []
    for file in files:
        with contextlib.suppress(OSError):
            status = file.stat()
            state.append((str(file), status.st_size, status.st_mtime_ns))
    return state


def cached_result(folder: Path, key: str, round_name: str) -> AssessmentResult | None:
    """The stored result for `key`, or None (no file, another key, damaged, cache off)."""
    found = _read(folder, key, round_name)
    return None if found is None else found[1]


def _read(
    folder: Path, key: str, round_name: str
) -> tuple[dict[str, Any], AssessmentResult] | None:
    if os.environ.get(ENV_OFF, "") not in ("", "0"):
        return None
    data = read_bytes(cache_file(folder, round_name), MAX_BYTES)
    if data is None:
        return None
    head, _, rest = data.partition(b"\n")
    if head != key.encode():
        return None
    meta_line, _, body = rest.partition(b"\n")
    try:
        meta = json.loads(meta_line)
        if not isinstance(meta, dict):
            return None
        return meta, result_from_json(body.decode("utf-8"))
    except (CcassessError, UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
        return None


def store_result(
    folder: Path,
    key: str,
    result: AssessmentResult,
    round_name: str,
    meta: dict[str, Any] | None = None,
) -> None:
    """Keep the result for the next report; a folder that cannot be written is left alone."""
    if os.environ.get(ENV_OFF, "") not in ("", "0"):
        return
    head = key.encode() + b"\n" + json.dumps(meta or {}).encode() + b"\n"
    data = head + result_to_json(result).encode("utf-8")
    if len(data) <= MAX_BYTES:
        write_private(str(cache_file(folder, round_name)), data)
