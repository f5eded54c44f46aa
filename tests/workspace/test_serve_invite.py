"""`ccassess invite` through the real CLI: the CSV for a mail merge, the QR-code PDF read back,
the invited counts, and wrong requests refused with one line; the address warning of
`ccassess serve`."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from ws_kit import query, snapshot

from ccassess.web.server import exposure_note, is_loopback
from ccassess.workspace import Workspace


def test_personal_links_csv_pdf_and_invited_count(
    workspace: Path, run: Callable, tmp_path: Path
) -> None:
    result = run(
        "invite", "-w", str(workspace), "--department", "Vertrieb", "--count", "3",
        "--base-url", "https://umfrage.example.com/", "-o", str(tmp_path / "vertrieb"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "3 personal links written to" in result.output
    with open(tmp_path / "vertrieb.csv", encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["number"] for row in rows] == ["1", "2", "3"]
    assert {row["department"] for row in rows} == {"Vertrieb"}
    links = [row["link"] for row in rows]
    assert all(link.startswith("https://umfrage.example.com/r/") for link in links)
    assert len(set(links)) == 3
    pdf = PdfReader(tmp_path / "vertrieb.pdf")
    text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    for link in links:
        assert link.rsplit("/", 1)[1][:20] in text  # the link is written out under its QR code
    assert "Einladung zur Befragung" in text and "#3" in text
    # the demo settings invite 14 to Vertrieb; these three are added
    with Workspace.open(workspace) as opened:
        assert opened.settings.invitations()["Vertrieb"] == 17
    assert (
        query(workspace, "SELECT kind, perspective, department FROM invitations")
        == [("personal", "internal", "Vertrieb")] * 3
    )


def test_workshop_and_customer_links(workspace: Path, run: Callable, tmp_path: Path) -> None:
    before = (workspace / "assessment.yaml").read_text("utf-8")
    result = run(
        "invite", "-w", str(workspace), "--department", "Marketing", "--workshop",
        "-o", str(tmp_path / "workshop.pdf"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 workshop link written" in result.output
    link = (tmp_path / "workshop.csv").read_text("utf-8-sig").splitlines()[1].split(",")[1]
    assert "/w/" in link
    customers = run("invite", "-w", str(workspace), "--perspective", "customer", "--count", "2",
                    "-o", str(tmp_path / "kunden"))  # fmt: skip
    assert customers.exit_code == 0, customers.output
    assert (workspace / "assessment.yaml").read_text("utf-8") == before  # no staff invited
    assert sorted(query(workspace, "SELECT kind, perspective FROM invitations")) == [
        ("personal", "customer"),
        ("personal", "customer"),
        ("workshop", "internal"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--department", "Nowhere"], "unknown department 'Nowhere'"),
        (["--perspective", "customer", "--department", "Vertrieb"], "internal (staff)"),
        (["--count", "0"], "--count 0"),
        (["--count", "10001"], "--count 10001"),
    ],
)
def test_wrong_requests_change_nothing(
    workspace: Path, run: Callable, tmp_path: Path, args: list[str], message: str
) -> None:
    before = snapshot(workspace)
    config = (workspace / "assessment.yaml").read_text("utf-8")
    result = run("invite", "-w", str(workspace), *args, "-o", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert snapshot(workspace) == before
    assert (workspace / "assessment.yaml").read_text("utf-8") == config
    assert not list(tmp_path.glob("x.*"))


def test_csv_cells_cannot_become_formulas(run: Callable, tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    made = run("init", str(folder), "--department", "=HYPERLINK(1)", "--department", "IT")
    assert made.exit_code == 0, made.output
    result = run("invite", "-w", str(folder), "--department", "=HYPERLINK(1)",
                 "-o", str(tmp_path / "f"))  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "f.csv").read_text("utf-8-sig"))))
    assert rows[1][3] == "'=HYPERLINK(1)"


def test_addresses_beyond_loopback_are_explained() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert exposure_note("127.0.0.1", 8765) is None
    note = exposure_note("0.0.0.0", 8765)
    assert note is not None
    assert "plain HTTP" in note and "reverse proxy" in note and "docs/serve.md" in note
    assert exposure_note("192.168.1.20", 80) is not None
