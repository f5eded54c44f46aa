"""The respondent's pages: welcome, one page per dimension, review and submit.

A link is looked up by the hash of its token. An unknown link, a used one and one of another
round all get the same neutral page with the same status, so the server tells nobody which
tokens exist. Each page that is sent is read through `PageForm` (the question types and the
`ResponseValidator`), shown again with the errors next to their fields, or written in one
transaction with the page reached; the same link resumes there. Submitting validates the
whole respondent like an import does and marks it complete (then `score` sees it) and the
link used.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ccassess.errors import Problems
from ccassess.importers.batch import content_hash
from ccassess.importers.response_files import ResponseValidator
from ccassess.io.checker import Checker
from ccassess.model.answers import Respondent
from ccassess.web.context import ServerContext
from ccassess.web.questionnaire import Page, PageForm, pages
from ccassess.web.security import BodyTooLarge, cross_site, csrf_ok, csrf_token, read_body
from ccassess.web.texts import page_language, texts
from ccassess.workspace import invitations as store
from ccassess.workspace.surveys import finish_survey, insert_survey

#: Seconds a respondent needs per question, for the welcome page's estimate.
SECONDS_PER_QUESTION = 12


def language(request: Request, fallback: str) -> str:
    return page_language(request.query_params.get("lang", ""), fallback)


def page_response(
    ctx: ServerContext, name: str, lang: str, status: int = 200, **values: Any
) -> HTMLResponse:
    values.setdefault("title", ctx.workspace.settings.title or ctx.workspace.settings.client)
    html = ctx.render(name, t=texts(lang), lang=lang, **values)
    return HTMLResponse(html, status_code=status)


def neutral(ctx: ServerContext, lang: str) -> HTMLResponse:
    """The one page for an unknown, used or foreign link (and for a closed round)."""
    t = texts(lang)
    return page_response(
        ctx, "message.html", lang, 404, heading=t["neutral"], text=t["neutral_text"], switch=None
    )


def closed(ctx: ServerContext, lang: str) -> HTMLResponse:
    t = texts(lang)
    return page_response(
        ctx, "message.html", lang, 410, heading=t["closed"], text=t["closed_text"], switch=None
    )


def too_many(ctx: ServerContext, lang: str) -> Response:
    return plain(lang, "too_many", 429)


def plain(lang: str, key: str, status: int) -> Response:
    """A short refusal as plain text (the label ``web_<key>``) in the page's language."""
    return Response(texts(lang)[key], status, media_type="text/plain")


async def form_data(request: Request) -> dict[str, list[str]]:
    """The sent form (urlencoded only), capped in size; raises BodyTooLarge."""
    declared = request.headers.get("content-length")
    body = await read_body(
        request.receive, int(declared) if declared and declared.isdigit() else None
    )
    if "application/x-www-form-urlencoded" not in request.headers.get("content-type", ""):
        return {}
    return parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=2000)


class RespondentPages:
    """Handlers for /r/{token} (a respondent's own link) and /w/{token} (a workshop link)."""

    def __init__(self, ctx: ServerContext) -> None:
        self.ctx = ctx

    # -- looking links up -------------------------------------------------------------------

    def _lookup(self, token: str) -> tuple[bool, store.Invitation | None]:
        """(whether the round is closed, the link's invitation when it may be used)."""
        with self.ctx.workspace.read() as db:
            is_closed = store.round_closed(db, self.ctx.round.id)
            found = store.find_invitation(db, token)
        if found is None or found.round_id != self.ctx.round.id or found.used:
            return is_closed, None
        return is_closed, found

    async def guard(self, request: Request) -> tuple[store.Invitation | None, Response | None]:
        """The link's invitation, or the response to give instead (limits, closed, unknown)."""
        token = request.path_params["token"]
        lang = language(request, self.ctx.workspace.settings.language)
        if not self.ctx.limits.allow(store.token_hash(token)):
            return None, too_many(self.ctx, lang)
        is_closed, found = self._lookup(token)
        if is_closed:
            return None, closed(self.ctx, lang)
        if found is None:
            return None, neutral(self.ctx, lang)
        if request.method == "POST" and cross_site(request.headers):
            return None, plain(lang, "cross_site", 403)
        return found, None

    def _lang(self, request: Request) -> str:
        return language(request, self.ctx.workspace.settings.language)

    def _pages(self, invitation: store.Invitation, module_ids: Sequence[str]) -> list[Page]:
        modules = [self.ctx.modules[m] for m in module_ids if m in self.ctx.modules]
        return pages(modules, invitation.perspective)

    def _form(self, invitation: store.Invitation, lang: str) -> PageForm:
        return PageForm(
            self.ctx.registry.question_types,
            self.ctx.workspace.settings.departments,
            self.ctx.validator,
            invitation.perspective,
            invitation.department,
            lang,
        )

    # -- welcome and start ------------------------------------------------------------------

    async def welcome(self, request: Request) -> Response:
        invitation, refused = await self.guard(request)
        if invitation is None:
            return refused  # type: ignore[return-value]
        token = request.path_params["token"]
        if invitation.respondent is not None:
            return RedirectResponse(_keep_lang(request, f"/r/{token}/p"), 303)
        lang = language(request, self.ctx.workspace.settings.language)
        questions = sum(len(p.questions) for p in self._pages(invitation, list(self.ctx.modules)))
        minutes = max(1, round(questions * SECONDS_PER_QUESTION / 60))
        t = texts(lang)
        return page_response(
            self.ctx,
            "welcome.html",
            lang,
            heading=t["welcome"],
            text=t["intro"].format(minutes=minutes),
            action=str(request.url.path).rstrip("/") + "/start",
            csrf=csrf_token(self.ctx.secret, store.token_hash(token)),
            department=invitation.department,
            switch=str(request.url.path),
        )

    async def start(self, request: Request) -> Response:
        invitation, refused = await self.guard(request)
        if invitation is None:
            return refused  # type: ignore[return-value]
        token = request.path_params["token"]
        try:
            form = await form_data(request)
        except BodyTooLarge:
            return plain(self._lang(request), "too_large", 413)
        lang = (form.get("lang") or [""])[0]
        lang = page_language(lang, self.ctx.workspace.settings.language)
        if not csrf_ok(self.ctx.secret, store.token_hash(token), (form.get("csrf") or [""])[0]):
            return plain(self._lang(request), "bad_token", 403)
        if invitation.respondent is not None:
            return RedirectResponse(f"/r/{token}/p", 303)
        used = [m for m in self.ctx.modules.values() if pages([m], invitation.perspective)]
        respondent = Respondent(
            "W-" + store.new_token()[:10],
            invitation.perspective,  # type: ignore[arg-type]
            {},
            None,
            invitation.department,
        )
        ctx = self.ctx

        def begin(db: sqlite3.Connection) -> str:
            if invitation.kind == "workshop":  # every visit is a respondent of its own
                row = insert_survey(db, ctx.round, respondent, lang, used, ctx.registry)
                store.mark_web(db, row)
                return store.insert_invitation(
                    db, ctx.round.id, "visit", invitation.perspective, invitation.department, row
                )
            if store.respondent_of(db, invitation.row) is None:  # not started meanwhile
                row = insert_survey(db, ctx.round, respondent, lang, used, ctx.registry)
                store.mark_web(db, row)
                store.attach_respondent(db, invitation.row, row)
            return token

        token = await ctx.write(begin)
        return RedirectResponse(f"/r/{token}/p/0", 303)

    # -- the pages --------------------------------------------------------------------------

    def _state(
        self, invitation: store.Invitation
    ) -> tuple[int, str, list[Page], dict[str, dict[str, Any]]] | None:
        if invitation.respondent is None:
            return None
        with self.ctx.workspace.read() as db:
            state = store.survey_state(db, invitation.respondent)
            if state is None or state[3]:
                return None
            answers = store.web_respondent(db, invitation.respondent).answers
        position, lang, module_json, _ = state
        return position, lang, self._pages(invitation, json.loads(module_json)), answers

    async def page(self, request: Request) -> Response:
        invitation, refused = await self.guard(request)
        if invitation is None:
            return refused  # type: ignore[return-value]
        token = request.path_params["token"]
        state = self._state(invitation)
        if state is None:
            return (
                RedirectResponse(f"/r/{token}", 303)
                if invitation.respondent is None
                else (neutral(self.ctx, self.ctx.workspace.settings.language))
            )
        position, stored_lang, found, answers = state
        lang = language(request, stored_lang)
        if lang != stored_lang:
            row = invitation.respondent or 0
            await self.ctx.write(lambda db: store.set_language(db, row, lang))
        number = request.path_params.get("number")
        if number is None or number > min(position, len(found)):
            target = f"/r/{token}/p/{min(position, len(found))}"
            return RedirectResponse(_keep_lang(request, target), 303)
        if number >= len(found):
            return self._review(request, token, lang, found, answers)
        page = found[number]
        form = self._form(invitation, lang)
        fields = form.fields(page, answers.get(page.module.id, {}))
        return self._page(request, token, lang, found, number, fields, None)

    def _page(
        self,
        request: Request,
        token: str,
        lang: str,
        found: list[Page],
        number: int,
        fields: list[Any],
        message: str | None,
        status: int = 200,
    ) -> HTMLResponse:
        page = found[number]
        return page_response(
            self.ctx,
            "page.html",
            lang,
            status,
            module=page.module.title.get(lang),
            dimension=page.dimension.title.get(lang),
            description=page.dimension.description.get(lang) if page.dimension.description else "",
            fields=fields,
            number=number,
            total=len(found),
            percent=round(100 * number / max(1, len(found))),
            action=f"/r/{token}/p/{number}",
            csrf=csrf_token(self.ctx.secret, store.token_hash(token)),
            message=message,
            switch=f"/r/{token}/p/{number}",
        )

    async def _receive(
        self, request: Request
    ) -> tuple[store.Invitation, str, dict[str, list[str]]] | Response:
        """A posted page's invitation, token and form, or the response to give instead (the
        link's guard refused it, or the body is too large)."""
        invitation, refused = await self.guard(request)
        if invitation is None:
            return refused  # type: ignore[return-value]
        try:
            sent = await form_data(request)
        except BodyTooLarge:
            return plain(self._lang(request), "too_large", 413)
        return invitation, request.path_params["token"], sent

    async def save(self, request: Request) -> Response:
        received = await self._receive(request)
        if isinstance(received, Response):
            return received
        invitation, token, sent = received
        state = self._state(invitation)
        if state is None or invitation.respondent is None:
            return neutral(self.ctx, self.ctx.workspace.settings.language)
        position, lang, found, answers = state
        number = request.path_params["number"]
        if number > min(position, len(found) - 1):
            return RedirectResponse(f"/r/{token}/p/{min(position, len(found))}", 303)
        page = found[number]
        form = self._form(invitation, lang)
        t = texts(lang)
        if not csrf_ok(self.ctx.secret, store.token_hash(token), _one(sent, "csrf")):
            fields = form.fields(page, answers.get(page.module.id, {}))
            return self._page(request, token, lang, found, number, fields, t["expired"], 403)
        checked, errors, kept = form.read(page, sent)
        if errors:
            shown = _merge(answers.get(page.module.id, {}), {**checked, **kept})
            fields = form.fields(page, shown, errors)
            return self._page(request, token, lang, found, number, fields, t["errors"], 422)
        target = number - 1 if _one(sent, "go") == "back" else number + 1
        target = max(0, target)
        row, module_id, reached = invitation.respondent, page.module.id, max(position, target)

        def save(db: sqlite3.Connection) -> bool:
            state = store.survey_state(db, row)
            if state is None or state[3]:  # submitted meanwhile (another tab): locked
                return False
            store.save_page(db, row, module_id, checked, max(reached, state[0]))
            return True

        if not await self.ctx.write(save):
            return neutral(self.ctx, self.ctx.workspace.settings.language)
        self.ctx.last_save = time.monotonic()
        return RedirectResponse(f"/r/{token}/p/{target}", 303)

    # -- review and submit ------------------------------------------------------------------

    def _review(
        self,
        request: Request,
        token: str,
        lang: str,
        found: list[Page],
        answers: Mapping[str, Mapping[str, Any]],
        message: str | None = None,
    ) -> HTMLResponse:
        t = texts(lang)
        total = sum(len(p.questions) for p in found)
        given = sum(1 for p in found for q in p.questions if q.id in answers.get(p.module.id, {}))
        return page_response(
            self.ctx,
            "review.html",
            lang,
            heading=t["review"],
            answered=t["answered"].format(a=given, n=total),
            action=f"/r/{token}/submit",
            back=f"/r/{token}/p/{len(found) - 1}",
            csrf=csrf_token(self.ctx.secret, store.token_hash(token)),
            message=message,
            switch=f"/r/{token}/p/{len(found)}",
        )

    async def submit(self, request: Request) -> Response:
        received = await self._receive(request)
        if isinstance(received, Response):
            return received
        invitation, token, sent = received
        if not csrf_ok(self.ctx.secret, store.token_hash(token), _one(sent, "csrf")):
            return plain(self._lang(request), "bad_token", 403)
        state = self._state(invitation)
        if state is None or invitation.respondent is None:
            return neutral(self.ctx, self.ctx.workspace.settings.language)
        position, lang, found, _ = state
        if position < len(found):
            return RedirectResponse(f"/r/{token}/p/{position}", 303)
        with self.ctx.workspace.read() as db:
            stored = store.web_respondent(db, invitation.respondent)
        problems = Problems()
        validator = ResponseValidator(
            self.ctx.modules,
            self.ctx.registry.question_types,
            self.ctx.workspace.settings,
            problems,
            self.ctx.registry.plugins,
            track_ids=False,
        )
        raw: dict[str, Any] = {
            "id": stored.id,
            "perspective": stored.perspective,
            "answers": stored.answers,
        }
        if stored.department:
            raw["department"] = stored.department
        checked = validator.respondent(raw, "respondent", Checker("<web>", problems))
        if problems.errors or checked is None:
            t = texts(lang)
            first = problems.errors[0].location.path if problems.errors else ""
            module_id = (first or "").split("answers.", 1)[-1].split(".", 1)[0]
            number = next((i for i, p in enumerate(found) if p.module.id == module_id), 0)
            row = invitation.respondent
            await self.ctx.write(lambda db: store.set_position(db, row, number))
            form = self._form(invitation, lang)
            page = found[number]
            fields = form.fields(page, stored.answers.get(page.module.id, {}))
            return self._page(
                request, token, lang, found, number, fields, t["submit_problems"], 422
            )
        row, digest = invitation.respondent, content_hash(checked)

        def finish(db: sqlite3.Connection) -> None:
            finish_survey(db, row, digest)
            store.mark_used(db, invitation.row)

        await self.ctx.write(finish)
        self.ctx.last_save = time.monotonic()
        t = texts(lang)
        return page_response(
            self.ctx, "message.html", lang, heading=t["thanks"], text=t["thanks_text"], switch=None
        )


def _keep_lang(request: Request, url: str) -> str:
    """A redirect keeps the language a respondent chose."""
    lang = request.query_params.get("lang", "")
    return f"{url}?lang={lang}" if lang and page_language(lang, "") == lang else url


def _one(form: Mapping[str, Sequence[str]], name: str) -> str:
    values = form.get(name) or ()
    return values[0] if values else ""


def _merge(stored: Mapping[str, Any], checked: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(stored)
    for key, value in checked.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged
