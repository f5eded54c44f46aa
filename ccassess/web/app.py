"""The web application: routes, the stylesheet from the package, the security wrappers.

`build_app` is what `ccassess serve` runs under uvicorn and what the tests drive with
Starlette's TestClient; nothing it serves comes from anywhere but this package.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ccassess.web.admin import AdminPages
from ccassess.web.context import PACKAGE, ServerContext
from ccassess.web.respond import RespondentPages, language, neutral
from ccassess.web.security import SecurityHeaders

STYLESHEET = (PACKAGE / "static" / "style.css").read_bytes()


async def stylesheet(request: Request) -> Response:
    return Response(
        STYLESHEET,
        media_type="text/css",
        headers={"cache-control": "public, max-age=3600"},
    )


def build_app(ctx: ServerContext) -> SecurityHeaders:
    respond = RespondentPages(ctx)
    admin = AdminPages(ctx)

    async def not_found(request: Request, exc: Exception) -> Response:
        return neutral(ctx, language(request, ctx.workspace.settings.language))

    async def home(request: Request) -> Response:
        return neutral(ctx, language(request, ctx.workspace.settings.language))

    routes = [
        Route("/", home),
        Route("/static/style.css", stylesheet),
        Route("/r/{token}", respond.welcome),
        Route("/r/{token}/start", respond.start, methods=["POST"]),
        Route("/r/{token}/p", respond.page),
        Route("/r/{token}/p/{number:int}", respond.page),
        Route("/r/{token}/p/{number:int}", respond.save, methods=["POST"]),
        Route("/r/{token}/submit", respond.submit, methods=["POST"]),
        Route("/w/{token}", respond.welcome),
        Route("/w/{token}/start", respond.start, methods=["POST"]),
        Route("/admin", admin.show),
        Route("/admin/login", admin.login, methods=["POST"]),
        Route("/admin/round", admin.round_state, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={404: not_found, 405: not_found},
    )
    return SecurityHeaders(app)
