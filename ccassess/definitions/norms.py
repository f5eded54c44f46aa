"""Reading a norm file (`ccassess benchmark build`), checked at the edge: a wrong file gives
one line naming the file and the key, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from ccassess.catalogs import _
from ccassess.errors import CcassessError, Location
from ccassess.model.benchmark import NORMS_FORMAT, Norms


def load_norms(path: Path) -> Norms:
    where = Location(str(path))
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise CcassessError(_("no such norm file"), where) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CcassessError(
            _("not a norm file (not JSON: {reason})").format(reason=exc), where
        ) from None
    if not isinstance(data, dict) or data.get("format") != NORMS_FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise CcassessError(
            _(
                "format {found} is not a norm file this ccassess reads (format {supported}); "
                "build it again with `ccassess benchmark build`"
            ).format(found=repr(found), supported=NORMS_FORMAT),
            where,
        )
    metrics = data.get("metrics")
    if not isinstance(metrics, dict):
        raise CcassessError(_("key 'metrics' must map metric names to lists of scores"), where)
    for key, values in metrics.items():
        if not isinstance(values, list) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in values
        ):
            raise CcassessError(
                _("{key} must be a list of numbers").format(key=f"metrics.{key}"), where
            )
    clients = data.get("clients")
    if not isinstance(clients, int) or isinstance(clients, bool):
        raise CcassessError(_("key 'clients' must be a whole number"), where)
    labels = data.get("labels", {})
    lower = data.get("lower_is_better", [])
    if not isinstance(labels, dict) or not isinstance(lower, list):
        raise CcassessError(_("'labels' must be a mapping, 'lower_is_better' a list"), where)
    return Norms(
        clients=clients,
        method_version=str(data.get("method_version", "")),
        metrics={k: sorted(float(v) for v in vs) for k, vs in metrics.items()},
        labels={k: dict(v) for k, v in labels.items() if isinstance(v, dict)},
        contributors=[str(c) for c in data.get("contributors", [])],
        lower_is_better=[str(k) for k in lower],
    )
