"""Atomic output: write to a temporary file beside the target, then os.replace.

A failed render (an exception, a full disk) leaves no partial file and never touches the
previous report. A symbolic link is written through: the file it points to is replaced
(atomically, in that file's folder), the link stays. A target that exists and is not a
regular file (``/dev/null``, ``/dev/stdout``, a named pipe) is written to directly: replacing
it would put a regular file where the device or pipe was. ``-`` is standard output. A process
killed while writing leaves its hidden ``.<name>.*.part`` file; the next successful write of
the same target removes such leftovers that no process holds locked (a writer locks its
temporary file while it writes).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ccassess.catalogs import _
from ccassess.errors import NAME_TOO_LONG, CcassessError

#: The output path that means standard output (`-o -`).
STDOUT = Path("-")


def is_stdout(path: Path | None) -> bool:
    return path is not None and str(path) == "-"


def atomic_write(path: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call `write` with a temporary file in the target folder and move it into place."""
    if is_stdout(path):
        return _write_stdout(write)
    path = check_target(path)
    if _is_special(path):
        return _write_directly(path, write)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        # the name is shortened: the temporary file must fit wherever the target's name fits
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name[:40]}.", suffix=".part", dir=folder
        )
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise CcassessError(f"{path}: {_(NAME_TOO_LONG)}") from None
        raise CcassessError(
            f"{path}: " + _("cannot write here ({reason})").format(reason=exc.strerror or exc)
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            _lock(stream.fileno())
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
    except OSError as exc:
        _remove(temporary)
        raise CcassessError(
            f"{path}: "
            + _("writing failed ({reason}); the previous file, if any, is unchanged").format(
                reason=exc.strerror or exc
            )
        ) from None
    except BaseException:
        _remove(temporary)
        raise
    sweep_leftovers(path)
    return path


def check_target(path: Path) -> Path:
    """The file a write to `path` replaces (through a link), refused before any work is done
    when it cannot be written: a report checks its target before it is recorded as shared."""
    if is_stdout(path):
        return path
    if path.is_symlink():  # write through the link: replace its target, keep the link
        path = Path(os.path.realpath(path))
    if _is_special(path):
        return path
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CcassessError(
            f"{path}: " + _("the folder {folder} does not exist").format(folder=folder)
        )
    return path


def _lock(descriptor: int) -> bool:
    """Lock a file for this process without waiting; False if another process holds it."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no locks, leftovers are swept regardless
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def sweep_leftovers(path: Path) -> None:
    """Remove temporary files of earlier, interrupted writes of `path` that nobody writes."""
    folder = path.parent if str(path.parent) else Path(".")
    for leftover in folder.glob(f".{glob.escape(path.name[:40])}.*.part"):
        try:
            descriptor = os.open(leftover, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            if stat.S_ISREG(os.fstat(descriptor).st_mode) and _lock(descriptor):
                _remove(str(leftover))
        finally:
            os.close(descriptor)


def _is_special(path: Path) -> bool:
    """An existing target that is neither a regular file nor a folder: a device or a pipe.
    A name the file system cannot take is refused here, before anything is rendered."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise CcassessError(f"{path}: {_(NAME_TOO_LONG)}") from None
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_directly(path: Path, write: Callable[[BinaryIO], object]) -> Path:
    try:
        with open(path, "wb") as stream:
            write(stream)
    except OSError as exc:
        raise CcassessError(f"{path}: " + writing_failed(exc)) from None
    return path


def _write_stdout(write: Callable[[BinaryIO], object]) -> Path:
    """Render completely first (a failed render writes nothing), then write it out."""
    buffer = io.BytesIO()
    write(buffer)
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is None:  # a text-only stream (rare): the data is text then
            sys.stdout.write(buffer.getvalue().decode("utf-8", "replace"))
        else:
            stream.write(buffer.getvalue())
            stream.flush()
    except OSError as exc:
        raise CcassessError(
            _("standard output: {problem}").format(problem=writing_failed(exc))
        ) from None
    return STDOUT


def writing_failed(exc: OSError) -> str:
    return _("writing failed ({reason})").format(reason=exc.strerror or exc)


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    return atomic_write(path, lambda stream: stream.write(data))


def atomic_write_text(path: Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
