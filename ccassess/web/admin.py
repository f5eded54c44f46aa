"""The consultant's view, /admin: how many started and completed, per group, and closing or
reopening the round. Counts only — no answers, no respondent ids.

Groups (perspective, department) with fewer respondents than the anonymity threshold are not
shown on their own: they are added up into one row "other departments", which is itself only
shown when it reaches the threshold; the totals count everyone.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ccassess.web.context import ServerContext
from ccassess.web.respond import form_data, language, page_response, plain
from ccassess.web.security import BodyTooLarge, cross_site, csrf_ok, csrf_token
from ccassess.web.texts import PageTexts
from ccassess.workspace import invitations as store

COOKIE = "ccassess_admin"


@dataclass(frozen=True)
class Row:
    label: str
    started: int
    completed: int
    invited: int | None

    @property
    def rate(self) -> str:
        if not self.invited or self.completed < 0:
            return "–"
        return f"{round(100 * self.completed / self.invited)} %"


def rows(
    progress: Sequence[store.Progress],
    invited: Mapping[str, int],
    threshold: int,
    labels: PageTexts,
) -> tuple[list[Row], Row]:
    """The table's rows and the total row. Groups below the threshold are added up into one
    row "other groups"; when that row would still be below it, the smallest group shown is
    added to it as well — otherwise the total minus the rows shown would give the hidden
    groups' count. A total below the threshold is not given as a number (`started` -1)."""
    shown: list[Row] = []
    rest = Row(labels["other"], 0, 0, None)
    for item in progress:
        count = invited.get(item.department or "") if item.perspective == "internal" else None
        name = labels[item.perspective] + (f" · {item.department}" if item.department else "")
        row = Row(name, item.started, item.completed, count)
        if item.started >= threshold:
            shown.append(row)
        else:
            rest = _add(rest, row)
    if 0 < rest.started < threshold and shown:
        smallest = min(shown, key=lambda row: row.started)
        shown.remove(smallest)
        rest = _add(rest, smallest)
    if rest.started >= threshold:
        shown.append(rest)
    started = sum(p.started for p in progress)
    total = Row(
        labels["total"],
        started if started >= threshold or started == 0 else -1,
        sum(p.completed for p in progress) if started >= threshold else -1,
        sum(invited.values()) or None,
    )
    return shown, total


def _add(rest: Row, row: Row) -> Row:
    invited = (rest.invited or 0) + (row.invited or 0)
    return Row(
        rest.label, rest.started + row.started, rest.completed + row.completed, invited or None
    )


def _minutes_since(moment: float | None) -> int | None:
    """Whole minutes since a page was last saved (the server's own clock, kept in memory:
    the workspace keeps days only, so that no time ties a respondent to a moment)."""
    if moment is None:
        return None
    return max(0, int((time.monotonic() - moment) // 60))


class AdminPages:
    def __init__(self, ctx: ServerContext) -> None:
        self.ctx = ctx

    def signed_in(self, request: Request) -> bool:
        bearer = request.headers.get("authorization", "")
        if bearer.startswith("Bearer ") and self.ctx.is_admin_token(bearer[7:].strip()):
            return True
        cookie = request.cookies.get(COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie, self.ctx.admin_cookie())

    async def show(self, request: Request) -> Response:
        lang = language(request, self.ctx.workspace.settings.language)
        labels = PageTexts(lang, "web_admin_")
        if not self.ctx.limits.allow("admin"):
            return plain(lang, "too_many", 429)
        if not self.signed_in(request):
            return page_response(
                self.ctx,
                "admin_login.html",
                lang,
                labels=labels,
                csrf=csrf_token(self.ctx.secret, "admin-login"),
                switch="/admin",
                failed=False,
            )
        with self.ctx.workspace.read() as db:
            progress = store.web_progress(db, self.ctx.round.id)
            is_closed = store.round_closed(db, self.ctx.round.id)
        settings = self.ctx.workspace.settings
        shown, total = rows(progress, settings.invitations(), settings.anonymity_threshold, labels)
        minutes = _minutes_since(self.ctx.last_save)
        return page_response(
            self.ctx,
            "admin.html",
            lang,
            labels=labels,
            rows=shown,
            total=total,
            hidden=labels["hidden"].format(k=settings.anonymity_threshold),
            threshold=settings.anonymity_threshold,
            last=labels["none"]
            if minutes is None
            else (labels["last"].format(minutes=minutes) if minutes else labels["just"]),
            state=(labels["closed"] if is_closed else labels["open"]).format(
                name=self.ctx.round.name
            ),
            closed=is_closed,
            csrf=csrf_token(self.ctx.secret, "admin:" + self.ctx.admin_cookie()),
            switch="/admin",
        )

    async def login(self, request: Request) -> Response:
        lang = language(request, self.ctx.workspace.settings.language)
        if not self.ctx.limits.allow("admin-login") or cross_site(request.headers):
            return plain(lang, "refused", 429 if not cross_site(request.headers) else 403)
        try:
            sent = await form_data(request)
        except BodyTooLarge:
            return plain(lang, "too_large", 413)
        token = (sent.get("token") or [""])[0].strip()
        good_form = csrf_ok(self.ctx.secret, "admin-login", (sent.get("csrf") or [""])[0])
        if not good_form or not self.ctx.is_admin_token(token):
            return page_response(
                self.ctx,
                "admin_login.html",
                lang,
                403,
                labels=PageTexts(lang, "web_admin_"),
                csrf=csrf_token(self.ctx.secret, "admin-login"),
                switch="/admin",
                failed=True,
            )
        response = RedirectResponse("/admin", 303)
        response.set_cookie(
            COOKIE,
            self.ctx.admin_cookie(),
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/admin",
        )
        return response

    async def round_state(self, request: Request) -> Response:
        lang = language(request, self.ctx.workspace.settings.language)
        if not self.signed_in(request) or cross_site(request.headers):
            return plain(lang, "refused", 403)
        try:
            sent = await form_data(request)
        except BodyTooLarge:
            return plain(lang, "too_large", 413)
        subject = "admin:" + self.ctx.admin_cookie()
        if not csrf_ok(self.ctx.secret, subject, (sent.get("csrf") or [""])[0]):
            return plain(lang, "bad_token", 403)
        close = (sent.get("state") or [""])[0] == "closed"
        round_id = self.ctx.round.id
        await self.ctx.write(lambda db: store.set_round_closed(db, round_id, close))
        return RedirectResponse("/admin", 303)
