"""The demo assessment end to end, and that its data can be regenerated identically."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from ccassess.plugin.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "plugins" / "ccassess_demo" / "muster_handels"


def test_demo_data_is_reproducible(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_demo.py"), str(tmp_path)], check=True
    )
    for name in ("assessment.yaml", "responses/internal.yaml", "responses/customers.yaml"):
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), name


@pytest.mark.slow
def test_demo_pdf_names_client_and_every_module(
    tmp_path: Path, run: Callable, registry: Registry
) -> None:
    target = tmp_path / "demo.pdf"
    result = run("demo", "--output", target, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert f"Report written to {target}" in result.output
    text = " ".join((page.extract_text() or "") for page in PdfReader(target).pages)
    text = " ".join(text.split())
    assert "Muster Handels GmbH" in text
    for entry in registry.entries.values():
        assert " ".join(entry.module.title.get("en").split()) in text, entry.module.id


def test_demo_json_tells_the_story(tmp_path: Path, run: Callable) -> None:
    import json

    target = tmp_path / "demo.json"
    assert run("demo", "--format", "json", "-o", target).exit_code == 0
    result = json.loads(target.read_text())
    assert result["respondents"] == {"internal": 26, "customer": 40}
    mirror = result["mirror"]
    assert mirror["internal"] - mirror["customer"] > 20  # self-image far above customers' view
    names = {g["name"] for g in result["departments"]["groups"]}
    assert "Personal" not in names  # 2 respondents, below the threshold of 3
    assert "other" in names
