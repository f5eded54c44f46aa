"""Hostile answer workbooks: each is refused in one line naming file and place (the workspace
stays as it was), or read as the documented, harmless thing.

Renamed files and a million rows are in tests/workspace/test_sheets.py (see README.md).
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ccassess.io.xlsx import MAX_COMPRESSION_RATIO, XML_PROLOG_BYTES
from ccassess.workspace import Workspace
from tests.hostile.conftest import assert_refused
from tests.hostile.kit import (
    answer_cell,
    listening_socket,
    make_workspace,
    part_with,
    people,
    put_cell,
    read_parts,
    row_of,
    snapshot,
    was_contacted,
    write_parts,
    write_responses,
)

FORMULA_STARTS = ("=", "+", "-", "@")


@pytest.fixture
def workspace(run: Callable, tmp_path: Path) -> Path:
    return make_workspace(run, tmp_path)


@pytest.fixture
def blank(workspace: Path, run: Callable, tmp_path: Path) -> Path:
    """The answer workbook `ccassess sheet` writes (leadership only), not filled in."""
    path = tmp_path / "blank.xlsx"
    assert run("sheet", "-w", workspace, "-o", path, "--id", "I-1").exit_code == 0
    return path


Edit = Callable[[bytes], bytes]


def changed(blank: Path, name: str, edits: dict[str, Edit] | None = None) -> Path:
    """A copy of the blank workbook with lead_visible answered (4) and parts edited.

    `edits` maps a part ("leadership" for the module's worksheet, or a path in the ZIP) to a
    function of its bytes.
    """
    parts = read_parts(blank)
    sheet = part_with(parts, b"lead_visible")
    parts[sheet] = answer_cell(parts[sheet], "lead_visible", b"<v>4</v>")
    for key, edit in (edits or {}).items():
        part = sheet if key == "leadership" else key
        parts[part] = edit(parts[part])
    return write_parts(blank.with_name(name), parts)


def stored_answers(workspace: Path) -> dict:
    with Workspace.open(workspace) as ws:
        (respondent,) = ws.respondents(ws.round())
    return respondent.answers


# -- the ZIP container ----------------------------------------------------------------------


def test_zip_bomb(workspace: Path, blank: Path, run: Callable) -> None:
    before = snapshot(workspace)
    # A part that expands far more than any answer sheet's part (10 MiB of zeros).
    bomb = changed(blank, "bomb.xlsx")
    parts = read_parts(bomb)
    parts["xl/media/image1.png"] = b"\0" * (10 * 2**20)
    write_parts(bomb, parts)
    with zipfile.ZipFile(bomb) as archive:
        packed = archive.getinfo("xl/media/image1.png").compress_size
    assert 10 * 2**20 / packed > MAX_COMPRESSION_RATIO
    assert_refused(
        run("import", "-w", workspace, bomb),
        f"error: {bomb}: part 'xl/media/image1.png' expands 10,485,760 bytes from "
        f"{packed:,} (a ZIP bomb?); refused",
    )

    # A part whose ZIP headers claim a small size: never read past what they claim.
    liar = changed(
        blank,
        "liar.xlsx",
        {
            "leadership": lambda xml: xml.replace(
                b"<sheetData>", b"<sheetData>" + b" " * (20 * 2**20)
            )
        },
    )
    sheet = part_with(read_parts(blank), b"lead_visible")
    data = bytearray(liar.read_bytes())
    with zipfile.ZipFile(liar) as archive:
        offset = archive.getinfo(sheet).header_offset
    struct.pack_into("<I", data, offset + 22, 12_000)  # local header: uncompressed size
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + length] == sheet.encode():
            struct.pack_into("<I", data, central + 24, 12_000)  # central directory
        central = data.find(b"PK\x01\x02", central + 4)
    liar.write_bytes(bytes(data))
    assert_refused(
        run("import", "-w", workspace, liar),
        f"error: {liar}: not an Excel workbook (.xlsx): damaged ZIP archive (Bad "
        f"CRC-32 for file '{sheet}')",
    )
    assert snapshot(workspace) == before


def test_zip_with_an_unsupported_compression_method(
    workspace: Path, blank: Path, run: Callable
) -> None:
    data = bytearray(changed(blank, "deflate64.xlsx").read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        position = data.find(signature)
        while position >= 0:
            struct.pack_into("<H", data, position + offset, 9)  # Deflate64: Python cannot read it
            position = data.find(signature, position + 4)
    path = blank.with_name("deflate64.xlsx")
    path.write_bytes(bytes(data))
    before = snapshot(workspace)
    assert_refused(
        run("import", "-w", workspace, path),
        f"error: {path}: not an Excel workbook (.xlsx): damaged ZIP archive (That "
        "compression method is not supported)",
    )
    assert snapshot(workspace) == before


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "' + b"&lol;" * 10 + b'">'
    b'<!ENTITY lol3 "' + b"&lol2;" * 10 + b'">]>'
)
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("where", ["workbook", "worksheet", "external entity", "late DTD"])
def test_xml_entity_bomb(workspace: Path, blank: Path, run: Callable, where: str) -> None:
    def used_in_a_cell(prolog: bytes, entity: bytes) -> Callable[[bytes], bytes]:
        return lambda xml: (
            prolog
            + answer_cell(xml, "lead_role_model", b"<is><t>" + entity + b"</t></is>", b"inlineStr")
        )

    sheet = part_with(read_parts(blank), b"lead_visible")
    part, edit = {
        "workbook": ("xl/workbook.xml", lambda xml: BOMB + xml),
        "worksheet": (sheet, used_in_a_cell(BOMB, b"&lol3;")),
        "external entity": (sheet, used_in_a_cell(XXE, b"&xxe;")),
        # Past the part of the file ccassess searches itself: defusedxml refuses it.
        "late DTD": (
            "xl/workbook.xml",
            lambda xml: (
                b'<?xml version="1.0"?><!--' + b" " * XML_PROLOG_BYTES + b"-->" + BOMB[21:] + xml
            ),
        ),
    }[where]
    before = snapshot(workspace)
    path = changed(blank, "bomb.xlsx", {part: edit})
    if where == "late DTD":
        message = (
            f"error: {path}: cannot read the workbook: it contains XML entity or DTD "
            "declarations, which are refused"
        )
    else:
        message = (
            f"error: {path}: part '{part}' declares a DTD or XML entities, which "
            "workbooks never need (an XML bomb?); refused"
        )
    assert_refused(run("import", "-w", workspace, path), message)
    assert snapshot(workspace) == before


# -- cells ----------------------------------------------------------------------------------


def test_formulas_in_answer_cells_are_read_never_evaluated(
    workspace: Path, blank: Path, run: Callable
) -> None:
    with listening_socket() as (server, url):
        # Each formula with the value Excel saved for it; ccassess takes that value.
        path = changed(
            blank,
            "formulas.xlsx",
            {
                "leadership": lambda xml: answer_cell(
                    answer_cell(
                        xml, "lead_visible", f'<f>WEBSERVICE("{url}/x")</f><v>5</v>'.encode()
                    ),
                    "lead_role_model",
                    b"<f>1+1</f><v>3</v>",
                )
            },
        )
        result = run("import", "-w", workspace, path)
        assert result.exit_code == 0, result.output
        assert not was_contacted(server)
    assert stored_answers(workspace) == {"leadership": {"lead_visible": 5, "lead_role_model": 3}}
    # A formula whose saved value is text: the text is the answer, checked like any other.
    path = changed(
        blank,
        "text.xlsx",
        {
            "leadership": lambda xml: answer_cell(
                xml, "lead_customer_contact", b"<f>\"=1+1\"</f><v>=cmd|' /C calc'!A0</v>", b"str"
            )
        },
    )
    row = row_of(
        read_parts(path)[part_with(read_parts(path), b"lead_visible")], b"lead_customer_contact"
    )
    assert_refused(
        run("import", "-w", workspace, path, "--replace"),
        f"error: {path}, sheet 'leadership', row {row}, column 'D': respondent."
        "answers.leadership.lead_customer_contact: \"=cmd|' /C calc'!A0\" is not on "
        "the scale; allowed: 1–5",
    )


def test_formula_text_is_neutralised_on_export(
    workspace: Path, run: Callable, tmp_path: Path
) -> None:
    hostile = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)"]
    respondents = people("R", 4)
    for person, text in zip(respondents, hostile, strict=True):
        person["role"] = text
        person["name"] = text
    respondents[0]["id"] = "=1+1"
    assert (
        run("import", "-w", workspace, write_responses(tmp_path / "a.yaml", respondents)).exit_code
        == 0
    )
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "advice.py").write_text(
        "from ccassess import Recommendation, Text, hookimpl\n\n"
        "@hookimpl\ndef ccassess_recommendations(module):\n"
        f"    return [Recommendation(Text.both(t), priority=99.0) for t in {hostile!r}]\n"
    )
    export = tmp_path / "export.csv"
    assert run("export", "-w", workspace, "--names", "-o", export).exit_code == 0
    cells = [cell for row in csv.reader(io.StringIO(export.read_text("utf-8-sig"))) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    for text in hostile:
        assert "'" + text in cells
    plan = tmp_path / "plan.xlsx"
    result = run(
        "--plugins-dir", plugins, "report", "-w", workspace, "--format", "xlsx", "-o", plan
    )
    assert result.exit_code == 0, result.output
    import openpyxl

    texts = [
        cell
        for row in openpyxl.load_workbook(plan).active.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert all(cell.data_type == "s" for cell in texts)
    assert not [cell.value for cell in texts if cell.value.startswith(FORMULA_STARTS)]
    for text in hostile:
        assert "'" + text in [cell.value for cell in texts]


# -- sheets and ranges ----------------------------------------------------------------------


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheets(workspace: Path, blank: Path, run: Callable, state: str) -> None:
    def hide(xml: bytes) -> bytes:
        return xml.replace(
            b'name="leadership" sheetId="3" state="visible"',
            b'name="leadership" sheetId="3" state="' + state.encode() + b'"',
        )

    before = snapshot(workspace)
    path = changed(blank, "hidden.xlsx", {"xl/workbook.xml": hide})
    assert hide(read_parts(blank)["xl/workbook.xml"]) != read_parts(blank)["xl/workbook.xml"]
    assert_refused(
        run("import", "-w", workspace, path),
        f"error: {path}, sheet 'leadership': the sheet is hidden but holds answers; "
        "unhide it in Excel, check them and import again",
    )
    assert snapshot(workspace) == before


def test_merged_cells(workspace: Path, blank: Path, run: Callable) -> None:
    sheet = part_with(read_parts(blank), b"lead_visible")
    first = row_of(read_parts(blank)[sheet], b"lead_visible")

    def merge(ref: str) -> Callable[[bytes], bytes]:
        return lambda xml: xml.replace(
            b"</sheetData>",
            b'</sheetData><mergeCells count="1">'
            b'<mergeCell ref="' + ref.encode() + b'"/></mergeCells>',
        )

    # One answer shown over three questions' rows; values could hide under the merge.
    hidden = changed(
        blank,
        "merged.xlsx",
        {
            "leadership": lambda xml: merge(f"D{first}:D{first + 2}")(
                put_cell(xml, f"D{first + 1}", b"<v>1</v>")
            )
        },
    )
    before = snapshot(workspace)
    assert_refused(
        run("import", "-w", workspace, hidden),
        f"error: {hidden}, sheet 'leadership', row {first}, column 'D': cells "
        f"D{first}:D{first + 2} are merged; unmerge them so that every answer has "
        "its own cell",
    )
    assert snapshot(workspace) == before
    # Merged question texts (column C, not read) are only layout.
    layout = changed(blank, "layout.xlsx", {"leadership": merge(f"C{first}:C{first + 1}")})
    result = run("import", "-w", workspace, layout)
    assert result.exit_code == 0, result.output
    assert stored_answers(workspace) == {"leadership": {"lead_visible": 4}}


def test_external_links(workspace: Path, blank: Path, run: Callable) -> None:
    with listening_socket() as (server, url):
        link = (
            b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
            b'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="S"/>'
            b'</sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1">'
            b"<v>2</v></cell></row></sheetData></sheetDataSet></externalBook>"
            b"</externalLink>"
        )
        rels = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
            f'.org/officeDocument/2006/relationships/externalLinkPath" Target="{url}/b.xlsx"'
            ' TargetMode="External"/></Relationships>'
        ).encode()
        kind = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink"
        path = changed(
            blank,
            "linked.xlsx",
            {
                "leadership": lambda xml: answer_cell(
                    xml, "lead_role_model", b"<f>[1]S!$A$1</f><v>2</v>"
                ),
                "xl/workbook.xml": lambda xml: xml.replace(
                    b"<definedNames />",
                    b"<externalReferences>"
                    b'<externalReference r:id="rId99"/></externalReferences><definedNames />',
                ),
                "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rId99" Type="' + kind + b'" Target="externalLinks/'
                    b'externalLink1.xml"/></Relationships>',
                ),
            },
        )
        parts = read_parts(path)
        parts["xl/externalLinks/externalLink1.xml"] = link
        parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = rels
        write_parts(path, parts)
        result = run("import", "-w", workspace, path)
        assert result.exit_code == 0, result.output
        assert not was_contacted(server)  # the link is neither followed nor kept
    assert stored_answers(workspace) == {"leadership": {"lead_visible": 4, "lead_role_model": 2}}
