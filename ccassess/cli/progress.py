"""Progress of long work on a terminal: one line on standard error with a bar, the counts and
the time elapsed.

The actions report progress through a plain callback, `(done, total)` with `total` None when
it is not known in advance (respondents streaming from files); they know nothing of
terminals. This module draws the line, and draws nothing when standard error is not a
terminal (a pipe, a log file, click's test runner) or `--quiet` is given. `NO_COLOR` (any
value) makes the line plain text: no escape sequence at all, only a carriage return to
redraw it. `CCASSESS_PROGRESS=always` (or `never`) overrides the terminal check; the tests
use it to see the line (docs/terminal.md#progress).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

import click

from ccassess.catalogs import N_
from ccassess.terminal import visible

#: How often the line is redrawn while nothing reports (the elapsed time moves on).
TICK = 0.5
#: The least time between two redraws caused by reports (a fast import reports often).
THROTTLE = 0.1
BAR_WIDTH = 24

#: Held while a line is written. A batch forks its worker processes while the ticker thread
#: may be writing; a fork taken then would leave the child with standard error's lock held
#: for good. So a fork waits until no line is being written.
_WRITING = threading.Lock()
os.register_at_fork(
    before=_WRITING.acquire, after_in_parent=_WRITING.release, after_in_child=_WRITING.release
)


def quiet_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """`-q/--quiet` of every command that shows progress."""
    return click.option(
        "-q", "--quiet", is_flag=True, help=N_("Show no progress on the terminal.")
    )(function)


def shows_progress(quiet: bool) -> bool:
    """Whether a progress line is drawn: on a terminal, unless --quiet."""
    forced = os.environ.get("CCASSESS_PROGRESS", "").strip().lower()
    if quiet or forced == "never":
        return False
    if forced == "always":
        return True
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


def colour_allowed() -> bool:
    """https://no-color.org: `NO_COLOR` set to anything but "" means no colour."""
    return not os.environ.get("NO_COLOR")


def _elapsed(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


class ProgressLine:
    """A context manager drawing `label [####----] done/total m:ss` on standard error.

    Call the object (it is the actions' callback) with `(done, total)`; `echo` prints a
    line (a note, a warning) above it without tearing it."""

    def __init__(self, label: str, total: int | None = None, *, quiet: bool = False) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.enabled = shows_progress(quiet)
        self.colour = colour_allowed()
        self._start = time.monotonic()
        self._drawn = 0.0
        self._width = 0  # of the line on the terminal, to wipe it
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> ProgressLine:
        self._start = time.monotonic()
        if self.enabled:
            self._draw()
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        if self.enabled:
            with self._lock:
                if error is None:
                    self._write(self._line(), end="\n")  # the last state stays readable
                else:
                    self._wipe()  # the error follows on a clean line

    def __call__(self, done: int, total: int | None = None) -> None:
        """The progress callback: `done` of `total` (None: keep the total known so far)."""
        self.done = done
        if total is not None:
            self.total = total
        if not self.enabled:
            return
        now = time.monotonic()
        finished = self.total is not None and done >= self.total
        if finished or now - self._drawn >= THROTTLE:
            with self._lock:
                self._draw()

    def echo(self, message: str) -> None:
        """Print a line for a person to stderr while the progress line is shown."""
        with self._lock:
            if self.enabled:
                self._wipe()
            click.echo(visible(message), err=True)
            if self.enabled:
                self._draw()

    def _tick(self) -> None:
        while not self._stop.wait(TICK):
            with self._lock:
                self._draw()

    def _line(self) -> str:
        elapsed = _elapsed(time.monotonic() - self._start)
        label = visible(self.label)
        if self.total is None:
            return f"{label}: {self.done}  {elapsed}"
        share = min(self.done / self.total, 1.0) if self.total else 1.0
        filled = round(BAR_WIDTH * share)
        bar = "#" * filled
        if self.colour and bar:
            bar = click.style(bar, fg="green")
        bar += "-" * (BAR_WIDTH - filled)
        return f"{label}  [{bar}]  {self.done}/{self.total}  {elapsed}"

    def _draw(self) -> None:
        self._drawn = time.monotonic()
        self._write(self._line())

    def _wipe(self) -> None:
        self._write("", end="\r")
        self._width = 0

    def _write(self, line: str, end: str = "") -> None:
        """Redraw: back to the line's start, the line, spaces over what is left of the last."""
        width = len(click.unstyle(line))
        padding = " " * max(self._width - width, 0)
        self._width = width
        # colour=False strips nothing here: without colour the line holds no escape at all
        with _WRITING:
            click.echo("\r" + line + padding + end, err=True, nl=False, color=self.colour)
