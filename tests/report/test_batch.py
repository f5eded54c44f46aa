"""Batch rendering (`report -w A -w B --jobs N`) uses each workspace's own settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "plugins" / "ccassess_demo" / "muster_handels"


def test_batch_honours_each_workspace_theme_and_language(tmp_path: Path, run: Callable) -> None:
    settings = yaml.safe_load((DEMO / "assessment.yaml").read_text("utf-8"))
    themed = dict(settings, theme=str(ROOT / "themes" / "example"), language="en")
    plain = dict(settings, client="Beispiel AG")
    workspaces = []
    for name, data in (("themed", themed), ("plain", plain)):
        source = tmp_path / f"{name}.yaml"
        source.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        folder = tmp_path / name
        assert run("init", folder, "--from", source).exit_code == 0
        assert run("import", "-w", folder, DEMO / "responses").exit_code == 0
        workspaces += ["-w", folder]
    result = run("report", *workspaces, "--jobs", "2", "--format", "html")
    assert result.exit_code == 0, result.output
    themed_html = next((tmp_path / "themed").glob("*-report.html")).read_text("utf-8")
    plain_html = next((tmp_path / "plain").glob("*-report.html")).read_text("utf-8")
    assert "Nordlicht Beratung" in themed_html and "Nordlicht Beratung" not in plain_html
    assert 'lang="en"' in themed_html and 'lang="de"' in plain_html
