"""Running the app under uvicorn: loopback by default, no access log (tokens are in paths).

Binding to another address makes the questionnaire reachable from the network without TLS;
`exposure_note` says so and how to put the server behind a reverse proxy instead.
"""

from __future__ import annotations

import ipaddress
import socket

from ccassess.catalogs import N_, _
from ccassess.web.context import ServerContext

EXPOSURE_NOTE = N_(
    "Note: {host} is not a loopback address: anyone who can reach this machine on port "
    "{port} can open the questionnaire, and the server speaks plain HTTP (no TLS), so links "
    "and answers cross the network unencrypted. For a survey beyond one room, keep ccassess "
    "on 127.0.0.1 and let the company's reverse proxy (nginx, Caddy, Apache) terminate TLS "
    "and forward to it; see docs/serve.md."
)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_note(host: str, port: int) -> str | None:
    return None if is_loopback(host) else _(EXPOSURE_NOTE).format(host=host, port=port)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def run(ctx: ServerContext, host: str, port: int) -> None:
    """Serve until interrupted (Ctrl-C)."""
    import uvicorn

    # late import: only `ccassess serve` needs the ASGI app
    from ccassess.web.app import build_app

    config = uvicorn.Config(
        build_app(ctx),
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        lifespan="off",
    )
    try:
        uvicorn.Server(config).run()
    finally:
        ctx.close()
