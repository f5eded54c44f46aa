"""What `pip install ccassess` gives a user: the wheel, installed outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
BUILT_IN = [
    "leadership",
    "silo_check",
    "dos_donts",
    "customer_or_reporting",
    "customer_understanding",
    "customer_metrics",
    "customer_perception",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("ccassess-*.whl")
    return path


def test_wheel_contains_templates_plugins_and_demo(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "ccassess/templates/base.html" in names
    assert "ccassess/web/templates/page.html" in names  # ccassess serve's pages and CSS
    assert "ccassess/web/static/style.css" in names
    assert "ccassess/py.typed" in names
    for module in BUILT_IN:
        assert f"ccassess_{module}/module.yaml" in names
    assert "ccassess_demo/muster_handels/assessment.yaml" in names
    assert not any(name.startswith(("tests/", "plugins/", "templates/")) for name in names)


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_runs_the_demo(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCASSESS_")}
    work = tmp_path / "elsewhere"
    work.mkdir()
    modules = subprocess.run(
        [str(bin_dir / "ccassess"), "modules"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for module in BUILT_IN:
        assert module in modules
    demo = subprocess.run(
        [str(bin_dir / "ccassess"), "demo", "-o", "demo.pdf"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 0, demo.stderr
    assert "demo.pdf" in demo.stdout
    text = "".join(page.extract_text() for page in PdfReader(work / "demo.pdf").pages)
    assert "Muster Handels GmbH" in text
