"""What the server holds while it runs: the open workspace, its current round's modules, the
validator every page goes through, the secrets, the limits and the page templates.

Handlers run on the event loop and read through the workspace's connection there. Writes go
through `write`: one at a time (an asyncio lock), each in one transaction on a second
connection, in a worker thread — a durable commit waits for the disk (fsync), and meanwhile
the loop serves other respondents' pages. WAL lets the reader see each commit at once.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from ccassess.errors import Problems
from ccassess.importers.response_files import ResponseValidator
from ccassess.model.questionnaire import Module
from ccassess.plugin.registry import Registry
from ccassess.web.security import RateLimit
from ccassess.workspace.invitations import secret
from ccassess.workspace.rounds import Round
from ccassess.workspace.store import Workspace

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent
SECRET_KEY = "serve_secret"


@dataclass
class ServerContext:
    workspace: Workspace
    registry: Registry
    round: Round
    modules: dict[str, Module]
    validator: ResponseValidator
    secret: str
    admin_token: str
    templates: jinja2.Environment
    #: The connection writes go through (the same workspace, opened a second time).
    writer: Workspace
    limits: RateLimit = field(default_factory=RateLimit)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    #: When a page was last saved (time.monotonic()), for the overview; never stored.
    last_save: float | None = None

    async def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` in one write transaction, off the event loop, one write at a time."""
        async with self.lock:
            return await asyncio.to_thread(self._write_now, work)

    def _write_now(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self.writer.write() as db:
            return work(db)

    def close(self) -> None:
        self.writer.close()

    def render(self, name: str, **values: Any) -> str:
        return self.templates.get_template(name).render(**values)

    def admin_cookie(self) -> str:
        return hmac.new(
            self.secret.encode(), b"admin:" + self.admin_token.encode(), "sha256"
        ).hexdigest()

    def is_admin_token(self, sent: str) -> bool:
        return hmac.compare_digest(self.admin_token.encode(), sent.encode("utf-8", "replace"))


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PACKAGE / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def open_context(
    workspace: Workspace, registry: Registry, admin_token: str | None = None
) -> ServerContext:
    """The server's context for the workspace's current round."""
    round_ = workspace.round()
    modules = dict(workspace.round_modules(round_, registry).modules)
    validator = ResponseValidator(
        modules,
        registry.question_types,
        workspace.settings,
        Problems(),
        registry.plugins,
        track_ids=False,
    )
    with workspace.write() as db:
        key = secret(db, SECRET_KEY)
    return ServerContext(
        workspace,
        registry,
        round_,
        modules,
        validator,
        key,
        admin_token or secrets.token_urlsafe(24),
        environment(),
        Workspace.open(workspace.folder),
    )
