"""The start-up caches' folder and files: private, written atomically, never trusted blindly.

The folder is `$CCASSESS_CACHE_DIR`, else `$XDG_CACHE_HOME/ccassess`, else
`~/.cache/ccassess`. It is created private (0o700) and used only while it belongs to the user
and nobody else can write to it, because cached modules are pickles. `CCASSESS_NO_CACHE=1`
turns the caches off. A cache file that cannot be read or written is ignored: ccassess then
works exactly as without it, only slower.

On file systems with coarse timestamps (whole seconds) a change made in the same tick as the
last would not show, so the caches store nothing while a file they depend on changed in the
last seconds (`settled`).

Used by the module cache (ccassess.definitions.cache) and the entry-point cache
(ccassess.plugin.entry_points); it imports almost nothing, as both run at every start.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

try:  # the C implementation alone: hashlib loads OpenSSL first (about 4 ms at start-up);
    # BLAKE2b hashes the module files three times faster than sha256 without OpenSSL
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

__all__ = ["blake2b", "cache_dir", "read_bytes", "settled", "write_private"]

ENV_DIR = "CCASSESS_CACHE_DIR"
ENV_OFF = "CCASSESS_NO_CACHE"
#: Files with whole-second timestamps changed more recently than this are "racy": what
#: depends on them is not stored.
SETTLED_NS = 2_000_000_000


def cache_dir() -> str | None:
    """The cache folder (created if need be), or None when caching is off or unsafe."""
    if os.environ.get(ENV_OFF, "") not in ("", "0"):
        return None
    folder = os.environ.get(ENV_DIR, "")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "ccassess")
    if not os.path.isabs(folder):
        folder = os.path.abspath(folder)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        status = os.stat(folder)
    except (OSError, ValueError):
        return None
    getuid = getattr(os, "getuid", None)
    if getuid is not None and (status.st_uid != getuid() or status.st_mode & 0o022):
        return None  # someone else could plant pickles there
    return folder


def write_private(path: str, data: bytes) -> None:
    """Write a cache file atomically (0o600); any failure leaves things as they were."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(temporary, flags, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def read_bytes(path: str | Path, limit: int | None = None) -> bytes | None:
    """A file's bytes, or None if it cannot be read (or is above the limit)."""
    try:
        # without blocking, and regular files only: a named pipe would wait for a writer
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb", buffering=0) as stream:  # one read of the size fstat tells
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                return None
            if limit is not None and status.st_size > limit:
                return None
            os.set_blocking(descriptor, True)
            data = stream.readall()
    except (OSError, ValueError):
        return None
    return None if limit is not None and len(data) > limit else data


def settled(mtimes_ns: Iterable[int | None]) -> bool:
    """Whether a change made now to any of these files would show in its timestamp: it has
    finer timestamps than whole seconds, or it last changed long enough ago."""
    recent = time.time_ns() - SETTLED_NS
    return all(m is None or m % 1_000_000_000 or m < recent for m in mtimes_ns)
