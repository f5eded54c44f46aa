"""Reading a norm file (`ccassess benchmark build`), checked at the edge: a wrong file gives
one line naming the file and the key, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from ccassess.errors import CcassessError
from ccassess.model.benchmark import NORMS_FORMAT, Norms


def load_norms(path: Path) -> Norms:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise CcassessError(f"{path}: no such norm file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CcassessError(f"{path}: not a norm file (not JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("format") != NORMS_FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise CcassessError(
            f"{path}: format {found!r} is not a norm file this ccassess reads "
            f"(format {NORMS_FORMAT}); build it again with `ccassess benchmark build`"
        )
    metrics = data.get("metrics")
    if not isinstance(metrics, dict):
        raise CcassessError(f"{path}: key 'metrics' must map metric names to lists of scores")
    for key, values in metrics.items():
        if not isinstance(values, list) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in values
        ):
            raise CcassessError(f"{path}: metrics.{key} must be a list of numbers")
    clients = data.get("clients")
    if not isinstance(clients, int) or isinstance(clients, bool):
        raise CcassessError(f"{path}: key 'clients' must be a whole number")
    labels = data.get("labels", {})
    lower = data.get("lower_is_better", [])
    if not isinstance(labels, dict) or not isinstance(lower, list):
        raise CcassessError(f"{path}: 'labels' must be a mapping, 'lower_is_better' a list")
    return Norms(
        clients=clients,
        method_version=str(data.get("method_version", "")),
        metrics={k: sorted(float(v) for v in vs) for k, vs in metrics.items()},
        labels={k: dict(v) for k, v in labels.items() if isinstance(v, dict)},
        contributors=[str(c) for c in data.get("contributors", [])],
        lower_is_better=[str(k) for k in lower],
    )
