"""Helpers for the hostile catalogue: small assessments, workspaces and workbook surgery.

Workbooks are changed at the XML level (the ZIP parts), because hostile files are not what
openpyxl would write.
"""

from __future__ import annotations

import re
import socket
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from tests.workspace.ws_kit import CLI, snapshot, write_responses

__all__ = ["CLI", "snapshot", "write_responses"]


def people(prefix: str, count: int, **extra: Any) -> list[dict[str, Any]]:
    """Internal respondents who answered two leadership questions."""
    return [
        {
            "id": f"{prefix}-{n:03d}",
            "perspective": "internal",
            **extra,
            "answers": {"leadership": {"lead_visible": 1 + n % 5, "lead_role_model": 3}},
        }
        for n in range(1, count + 1)
    ]


def write_assessment(folder: Path, **settings: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    values: dict[str, Any] = {
        "client": "Beispiel AG",
        "language": "de",
        "modules": ["leadership"],
        "anonymity_threshold": 3,
    }
    values.update(settings)
    path = folder / "assessment.yaml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True), "utf-8")
    return path


def make_workspace(run: Callable, tmp_path: Path, name: str = "ws", **settings: Any) -> Path:
    """A workspace made by the real `init` (leadership only, unless settings say otherwise)."""
    assessment = write_assessment(tmp_path / f"{name}-settings", **settings)
    folder = tmp_path / name
    result = run("init", folder, "--from", assessment)
    assert result.exit_code == 0, result.output
    return folder


# -- workbooks at the XML level ---------------------------------------------------------------


def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def part_with(parts: dict[str, bytes], marker: bytes) -> str:
    """The worksheet part that contains `marker` (a question id, say)."""
    return next(
        name for name, data in parts.items() if name.startswith("xl/worksheets/") and marker in data
    )


def row_of(xml: bytes, text: bytes) -> int:
    """The row number of the first cell whose inline text is `text`."""
    match = re.search(rb'<c r="[A-Z]+(\d+)"[^>]*><is><t>' + re.escape(text) + rb"</t>", xml)
    assert match, text
    return int(match.group(1))


def put_cell(xml: bytes, ref: str, content: bytes, kind: bytes = b"n") -> bytes:
    """Replace the (empty) cell `ref` with one holding `content` (<v>, <f>, <is> elements)."""
    pattern = rb'<c r="' + ref.encode() + rb'"[^>]*?(/>|>.*?</c>)'
    cell = b'<c r="' + ref.encode() + b'" t="' + kind + b'">' + content + b"</c>"
    changed, count = re.subn(pattern, cell, xml, count=1)
    assert count == 1, ref
    return changed


def answer_cell(xml: bytes, question: str, content: bytes, kind: bytes = b"n") -> bytes:
    """Put `content` into the answer column (D) of a question's row."""
    return put_cell(xml, f"D{row_of(xml, question.encode())}", content, kind)


@contextmanager
def listening_socket() -> Iterator[tuple[socket.socket, str]]:
    """A local TCP port nobody should connect to; yields (socket, 'http://127.0.0.1:port')."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    try:
        yield server, f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        server.close()


def was_contacted(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True
