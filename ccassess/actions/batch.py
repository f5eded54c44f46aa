"""Render reports for several workspaces, in parallel processes.

A consultant renders the reports of many clients at once; WeasyPrint is single-threaded and
CPU-bound, so each workspace is rendered in its own worker process.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ccassess.actions.inputs import load_inputs
from ccassess.actions.load_plugins import load_registry, skip_failed
from ccassess.actions.sharing import assess_for_sharing
from ccassess.catalogs import _
from ccassess.errors import CcassessError, PluginError
from ccassess.plugin.manager import PluginFailure
from ccassess.plugin.registry import Registry
from ccassess.report import ReportOptions, default_output, report_file_name, write_report
from ccassess.workspace.config import CONFIG_FILE, load_config


@dataclass(frozen=True)
class BatchJob:
    workspace: Path
    options: ReportOptions
    plugins_dir: Path | None = None
    skip_broken: bool = False
    accept_differencing_risk: bool = False


@dataclass(frozen=True)
class BatchOutcome:
    workspace: Path
    output: Path | None = None
    error: str | None = None
    #: The plugins left out of this report (--skip-broken-plugins), as (plugin, why).
    skipped: tuple[tuple[str, str], ...] = ()


def render_workspace(job: BatchJob) -> BatchOutcome:
    """Score one workspace and write its report (runs in a worker process).

    With --skip-broken-plugins, a plugin that fails while the report is made makes it start
    again without that plugin (as a single command does, `ccassess.cli.app`), so that
    nothing it contributed stays and the report names it as left out. The report is written
    at the end: an attempt that failed has written nothing."""
    skipped: list[PluginFailure] = []
    while True:
        registry = None
        try:
            registry = load_registry(
                job.plugins_dir, skip_broken=job.skip_broken, skipped=skipped, exact_skip=True
            )
            output = _render(job, registry)
        except PluginError as exc:
            if job.skip_broken and skip_failed(exc, skipped, registry):
                continue
            return BatchOutcome(job.workspace, error=str(exc))
        except CcassessError as exc:
            return BatchOutcome(job.workspace, error=str(exc))
        failures = tuple((f.plugin, f.message) for f in registry.plugins.failures)
        return BatchOutcome(job.workspace, output, skipped=failures)


def _render(job: BatchJob, registry: Registry) -> Path:
    """One attempt: score the workspace, record the report, write it."""
    inputs = load_inputs(
        registry, None, [], job.options.lang or None, workspace=job.workspace, lazy=True
    )
    used = inputs.registry or registry
    result, record = assess_for_sharing(
        used,
        inputs,
        include_answers=job.options.appendix,
        accept_risk=job.accept_differencing_risk,
    )
    options = job.options.for_assessment(inputs.settings)
    if options.output is None or options.output.is_dir():
        folder = options.output or job.workspace
        options = replace(options, output=folder / default_output(result, options).name)
    record()  # first: a report that is out must never be missing from the record
    return write_report(result, used.plugins, options)


def plan_outputs(jobs: Sequence[BatchJob]) -> list[BatchJob]:
    """Give every report of the batch its own file before anything is rendered.

    Reports in one output folder are named after the client; two workspaces of clients with
    the same name (or names that are the same as file names, "A&B" and "A B") get the
    workspace folder's name added, and a number when that is the same too. A workspace named
    twice is refused: its report would be written twice over."""
    seen: set[Path] = set()
    for job in jobs:
        key = job.workspace.resolve()
        if key in seen:
            raise CcassessError(
                _("{folder}: the workspace is named twice in the batch").format(
                    folder=job.workspace
                )
            )
        seen.add(key)
    shared = [job for job in jobs if job.options.output is not None]
    if not shared:
        return list(jobs)  # each report goes into its own workspace's folder
    names = {
        id(job): report_file_name(_client(job.workspace), job.options.format) for job in shared
    }
    clashing = Counter(str(name).casefold() for name in names.values())
    for job in shared:
        if clashing[str(names[id(job)]).casefold()] > 1:
            names[id(job)] = report_file_name(
                _client(job.workspace), job.options.format, job.workspace.resolve().name
            )
    taken: Counter[str] = Counter()
    planned = []
    for job in jobs:
        name = names.get(id(job))
        if name is None:
            planned.append(job)
            continue
        taken[str(name).casefold()] += 1
        if taken[str(name).casefold()] > 1:
            number = taken[str(name).casefold()]
            name = name.with_name(f"{name.stem}-{number}{name.suffix}")
        output = job.options.output
        assert output is not None
        planned.append(replace(job, options=replace(job.options, output=output / name)))
    return planned


def _client(workspace: Path) -> str | None:
    """The client's name from the workspace's assessment.yaml (None when unreadable: the
    worker then reports the problem)."""
    try:
        return load_config(workspace / CONFIG_FILE).settings.client
    except (CcassessError, OSError):
        return None


def render_batch(
    jobs: Sequence[BatchJob],
    workers: int,
    progress: Callable[[int, int | None], None] | None = None,
) -> list[BatchOutcome]:
    """Render every job; with more than one worker, in parallel processes. Order is kept.
    `progress` hears (reports done, reports in all) after each report."""
    jobs = plan_outputs(jobs)
    outcomes: list[BatchOutcome] = []
    if progress is not None:
        progress(0, len(jobs))
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            outcomes.append(render_workspace(job))
            if progress is not None:
                progress(len(outcomes), len(jobs))
        return outcomes
    workers = min(workers, len(jobs), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(render_workspace, jobs):
            outcomes.append(outcome)
            if progress is not None:
                progress(len(outcomes), len(jobs))
    return outcomes
