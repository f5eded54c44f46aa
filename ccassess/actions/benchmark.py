"""`ccassess benchmark build`: score each workspace and pool the client-level scores into an
anonymised norm file. Nothing leaves the machine; the file holds no client names and no
respondent data, only sorted client-level scores and salted hashes of the contributors."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from ccassess.actions.assess import assess
from ccassess.actions.inputs import load_inputs
from ccassess.catalogs import _
from ccassess.errors import CcassessError
from ccassess.model.benchmark import Norms
from ccassess.model.result import METHOD_VERSION
from ccassess.model.serial import to_data
from ccassess.plugin.registry import Registry
from ccassess.scoring.benchmark import build_norms
from ccassess.workspace.identity import stored_workspace_id
from ccassess.workspace.store import Workspace

_SALT = "ccassess-benchmark-v1\0"


def build_benchmark(registry: Registry, workspaces: Sequence[Path]) -> Norms:
    clients = []
    for folder in workspaces:
        inputs = load_inputs(registry, None, [], None, workspace=folder)
        if not inputs.respondents:
            raise CcassessError(
                _("{folder}: the workspace's latest round has no respondents").format(folder=folder)
            )
        result = assess(inputs.registry or registry, inputs.respondents, inputs.settings)
        clients.append((_contributor(folder, inputs.respondents), result))
    return build_norms(clients, METHOD_VERSION)


def _contributor(folder: Path, respondents: Sequence[object]) -> list[str]:
    """A salted hash of the workspace's id (a copy of the folder has the same) and one of
    its answers (a re-import into another workspace has the same)."""
    with Workspace.open(folder) as workspace:
        identity = stored_workspace_id(workspace)
    answers = sorted(
        json.dumps(to_data(getattr(r, "answers", {})), sort_keys=True, ensure_ascii=False)
        for r in respondents
    )
    digest = hashlib.sha256((_SALT + "\n".join(answers)).encode("utf-8")).hexdigest()
    hashes = [f"answers:{digest}"]
    if identity:
        hashes.append("workspace:" + hashlib.sha256((_SALT + identity).encode()).hexdigest())
    return hashes


def norms_json(norms: Norms) -> str:
    return json.dumps(to_data(norms), ensure_ascii=False, indent=2) + "\n"
