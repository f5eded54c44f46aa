"""Render reports for several workspaces, in parallel processes.

A consultant renders the reports of many clients at once; WeasyPrint is single-threaded and
CPU-bound, so each workspace is rendered in its own worker process.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ccassess.actions.assess import assess
from ccassess.actions.inputs import load_inputs
from ccassess.actions.load_plugins import load_registry
from ccassess.errors import CcassessError
from ccassess.report import ReportOptions, default_output, write_report


@dataclass(frozen=True)
class BatchJob:
    workspace: Path
    options: ReportOptions
    plugins_dir: Path | None = None
    skip_broken: bool = False


@dataclass(frozen=True)
class BatchOutcome:
    workspace: Path
    output: Path | None = None
    error: str | None = None


def render_workspace(job: BatchJob) -> BatchOutcome:
    """Score one workspace and write its report (runs in a worker process)."""
    try:
        registry = load_registry(job.plugins_dir, skip_broken=job.skip_broken)
        inputs = load_inputs(registry, None, [], job.options.lang or None, workspace=job.workspace)
        used = inputs.registry or registry
        result = assess(
            used,
            inputs.respondents,
            inputs.settings,
            include_answers=job.options.appendix,
            earlier_rounds=inputs.earlier_rounds,
        )
        options = job.options.for_assessment(inputs.settings)
        if options.output is None or options.output.is_dir():
            folder = options.output or job.workspace
            options = replace(options, output=folder / default_output(result, options).name)
        return BatchOutcome(job.workspace, write_report(result, used.plugins, options))
    except CcassessError as exc:
        return BatchOutcome(job.workspace, error=str(exc))


def render_batch(jobs: Sequence[BatchJob], workers: int) -> list[BatchOutcome]:
    """Render every job; with more than one worker, in parallel processes. Order is kept."""
    if workers <= 1 or len(jobs) <= 1:
        return [render_workspace(job) for job in jobs]
    workers = min(workers, len(jobs), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(render_workspace, jobs))
