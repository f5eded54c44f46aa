"""`ccassess serve` and `ccassess invite`: the questionnaire in the browser."""

from __future__ import annotations

from pathlib import Path

import click

from ccassess.catalogs import N_, _, ngettext
from ccassess.cli.app import State, pass_state
from ccassess.cli.machine import format_option, print_json
from ccassess.cli.options import workspace_option
from ccassess.terminal import echo
from ccassess.workspace import open_workspace


@click.command("serve")
@workspace_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@pass_state
def serve_command(state: State, /, workspace_dir: Path | None, host: str, port: int) -> None:
    """Serve the questionnaire of the workspace's current round in the browser.

    Respondents open the links `ccassess invite` wrote; the consultant's overview is /admin,
    behind the admin token printed here. Stop with Ctrl-C.
    """
    # late import: only this command needs the web server
    from ccassess.web.context import open_context
    from ccassess.web.server import exposure_note, free_port, run

    registry = state.registry()
    with open_workspace(workspace_dir) as workspace:
        ctx = open_context(workspace, registry)
        port = port or free_port(host)
        note = exposure_note(host, port)
        if note:
            echo(note, err=True)
        shown = f"[{host}]" if ":" in host else host
        address = f"http://{shown}:{port}/"
        echo(
            _("Serving round {round} of {folder} at {address}").format(
                round=repr(ctx.round.name), folder=workspace.folder, address=address
            )
        )
        echo(_("Consultant's overview: {address}").format(address=f"{address}admin"))
        echo(_("Admin token (valid until the server stops): {token}").format(token=ctx.admin_token))
        run(ctx, host, port)


@click.command("invite")
@workspace_option
@click.option(
    "--perspective",
    type=click.Choice(["internal", "customer"]),
    default="internal",
    show_default=True,
    help="Staff (internal) or customers.",
)
@click.option("--department", help="The department of the people invited (staff only).")
@click.option("--count", default=1, show_default=True, type=int, help="Personal links to make.")
@click.option(
    "--workshop",
    is_flag=True,
    help="One shared link and QR code instead: every visit starts a new, anonymous respondent.",
)
@click.option(
    "--base-url",
    default="http://127.0.0.1:8765",
    show_default=True,
    help="Where respondents reach the server (the reverse proxy's address for a company-wide "
    "survey).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File name for the .csv and .pdf, without the extension (default: "
    "invitations-<department>-<n>).",
)
@format_option(help=N_("table: a summary line; json: the same as data on stdout."))
@pass_state
def invite_command(
    state: State,
    /,
    workspace_dir: Path | None,
    perspective: str,
    department: str | None,
    count: int,
    workshop: bool,
    base_url: str,
    output: Path | None,
    fmt: str,
) -> None:
    """Create invitation links to the web questionnaire: a CSV for a mail merge and a PDF of
    QR codes.

    Personal links are single-use; only their hashes are kept in the workspace, so keep the
    files safe and delete them once the invitations are sent.
    """
    # late import: only this command needs the invitations and the PDF pipeline
    from ccassess.web.invite import InviteRequest, invite

    request = InviteRequest(perspective, department, count, workshop, base_url)
    with open_workspace(workspace_dir) as workspace:
        if output is None:
            import re

            slug = re.sub(r"[^A-Za-z0-9]+", "-", department or perspective).strip("-").lower()
            tag = "workshop" if workshop else str(count)
            output = Path(f"invitations-{slug or 'all'}-{tag}")
        if output.suffix.lower() in (".csv", ".pdf"):
            output = output.with_suffix("")
        made, csv_path, pdf_path = invite(workspace, request, output)
    if fmt == "json":
        data = {
            "links": made,
            "workshop": workshop,
            "perspective": perspective,
            "department": department,
            "csv": str(csv_path),
            "pdf": str(pdf_path),
        }
        print_json("invite", data)
        return
    message = (
        ngettext(
            "{n} workshop link written to {csv} and {pdf}",
            "{n} workshop links written to {csv} and {pdf}",
            made,
        )
        if workshop
        else ngettext(
            "{n} personal link written to {csv} and {pdf}",
            "{n} personal links written to {csv} and {pdf}",
            made,
        )
    )
    echo(message.format(n=made, csv=csv_path, pdf=pdf_path))
