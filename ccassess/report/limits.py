"""A time and memory limit around rendering (issue 17).

A theme's template can loop for hours (nested loops) and a stylesheet can make WeasyPrint
allocate gigabytes. Rendering (Jinja and WeasyPrint) therefore runs in a forked child process
whose address space is limited (`RLIMIT_AS`: what the process had plus the budget) and which
is stopped after the time limit; either ends the report with a one-line error. The child
sends the rendered bytes (or the error's message) back through a pipe.

The limits: `CCASSESS_RENDER_SECONDS` (default 600) and `CCASSESS_RENDER_MEMORY_MB` (default
3072, on top of what the process uses when it starts rendering); 0 turns a limit off. Where
`os.fork` or `resource` is missing (Windows), rendering runs in the process without limits.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from ccassess.catalogs import N_, _, cli_language
from ccassess.errors import CcassessError
from ccassess.format import number

ENV_SECONDS = "CCASSESS_RENDER_SECONDS"
ENV_MEMORY = "CCASSESS_RENDER_MEMORY_MB"
DEFAULT_SECONDS = 600
DEFAULT_MEMORY_MB = 3072
HINT = N_("a theme's templates or stylesheet may ask too much (see docs/theming.md, limits)")


def _setting(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return max(0, int(value)) if value else default
    except ValueError:
        raise CcassessError(
            _("${name}: expected a whole number, got {value}").format(name=name, value=repr(value))
        ) from None


def run_limited(render: Callable[[], Any]) -> Any:
    """`render()` in a child process under the time and memory limits; its return value
    (picklable) or its CcassessError, re-raised here; other failures exit with a clear error."""
    seconds = _setting(ENV_SECONDS, DEFAULT_SECONDS)
    memory = _setting(ENV_MEMORY, DEFAULT_MEMORY_MB)
    if not hasattr(os, "fork") or sys.platform == "win32" or (not seconds and not memory):
        return render()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send, leave without running the parent's clean-ups
        os.close(reading)
        _child(render, writing, memory)
    os.close(writing)
    try:
        data = _receive(reading, pid, seconds)
    finally:
        os.close(reading)
    status = os.waitpid(pid, 0)[1]
    if not data:
        raise CcassessError(_died(status, memory))
    kind, value = pickle.loads(data)
    if kind == "ok":
        return value
    if kind == "memory":
        raise CcassessError(
            _(
                "report: rendering needed more than the memory limit ({limit} MB above what "
                "ccassess had before; ${setting}); {hint}"
            ).format(limit=number(memory, cli_language()), setting=ENV_MEMORY, hint=_(HINT))
        )
    if kind == "error":
        raise _rebuilt(value) from None
    raise RuntimeError(_("rendering failed in its process:\n{traceback}").format(traceback=value))


def _child(render: Callable[[], Any], writing: int, memory: int) -> None:
    code = 0
    try:
        if memory:
            import resource

            used = _address_space()
            if used:  # without knowing what the process has, a limit could stop it at once
                limit = used + memory * 1024 * 1024
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            message: tuple[str, Any] = ("ok", render())
        except MemoryError:
            message = ("memory", None)
        except CcassessError as exc:  # the error itself (its kind decides the exit status)
            message = ("error", _portable(exc))
        except BaseException:
            message = ("crash", traceback.format_exc())
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(writing, view) :]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _portable(exc: CcassessError) -> Any:
    """The error as it can cross to the parent: its class, arguments and attributes (the CLI
    tells a plugin's failure by its kind and fields), or its text if they cannot be pickled."""
    parts = (type(exc), exc.args, dict(vars(exc)))
    try:
        pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an attribute that cannot cross (a traceback, an open file)
        return str(exc)
    return parts


def _rebuilt(value: Any) -> CcassessError:
    if isinstance(value, tuple):
        cls, args, attributes = value
        error: CcassessError = cls.__new__(cls)
        error.args = args
        vars(error).update(attributes)
        return error
    return CcassessError(str(value))


def _receive(reading: int, pid: int, seconds: int) -> bytes:
    """Everything the child writes, stopping (and killing) it after `seconds`."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds if seconds else None
    while True:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready = select.select([reading], [], [], wait)[0]
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise CcassessError(
                _(
                    "report: rendering took longer than the time limit ({limit} s; ${setting}) "
                    "and was stopped; {hint}"
                ).format(limit=number(seconds, cli_language()), setting=ENV_SECONDS, hint=_(HINT))
            )
        chunk = os.read(reading, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _died(status: int, memory: int) -> str:
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        return _(
            "report: the rendering process ended with {signal} (memory limit {limit} MB above "
            "the start; ${setting}); {hint}"
        ).format(
            signal=name, limit=number(memory, cli_language()), setting=ENV_MEMORY, hint=_(HINT)
        )
    return _("report: the rendering process ended without a result (exit {code})").format(
        code=os.WEXITSTATUS(status)
    )


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux), 0 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0
