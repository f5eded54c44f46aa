"""The workspace itself: init, the config file, schema versions and migrations, rounds and
trends, module definitions kept as answered, and forgetting a respondent completely."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from ws_kit import DEMO, query, respondent_ids, stored_answers, write_responses

from ccassess.actions.assess import assess
from ccassess.actions.inputs import load_workspace_inputs
from ccassess.actions.load_plugins import load_registry
from ccassess.model.serial import result_from_json, result_to_json
from ccassess.plugin.registry import Registry
from ccassess.workspace import Workspace, load_config
from ccassess.workspace.schema import SCHEMA_VERSION, migrate


def test_init_creates_a_readable_config_and_a_database(tmp_path: Path, run: Callable) -> None:
    folder = tmp_path / "kunde"
    result = run(
        "init",
        folder,
        "--client",
        "Beispiel AG",
        "--department",
        "Vertrieb",
        "--department",
        "Service",
        "--module",
        "leadership",
        "--module",
        "silo_check",
        "--round",
        "Herbst",
    )
    assert result.exit_code == 0, result.output
    assert "Created workspace" in result.stdout and "round 'Herbst'" in result.stdout
    config = yaml.safe_load((folder / "assessment.yaml").read_text("utf-8"))
    assert config["client"] == "Beispiel AG"
    assert config["departments"] == ["Vertrieb", "Service"]
    assert config["modules"] == ["leadership", "silo_check"]
    assert config["workspace"]["module_versions"] == {"leadership": "1.2.0", "silo_check": "1.2.0"}
    loaded = load_config(folder / "assessment.yaml")
    assert loaded.settings.client == "Beispiel AG" and loaded.settings.language == "de"
    assert query(folder, "PRAGMA journal_mode") == [("wal",)]
    assert query(folder, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert query(folder, "SELECT name FROM rounds") == [("Herbst",)]
    assert sorted(row[0] for row in query(folder, "SELECT module_id FROM round_modules")) == [
        "leadership",
        "silo_check",
    ]
    again = run("init", folder)
    assert again.exit_code == 2
    assert again.stderr.strip() == f"error: {folder}: is already a ccassess workspace"
    bad = run("init", tmp_path / "other", "--anonymity-threshold", "1")
    assert bad.exit_code == 2 and "anonymity_threshold: must be at least 3" in bad.stderr
    assert not (tmp_path / "other" / "ccassess.db").exists()


def test_score_reads_the_workspace_in_the_current_directory(
    workspace: Path, run: Callable, monkeypatch: Any
) -> None:
    assert run("import", "-w", workspace, DEMO / "responses").exit_code == 0
    from_files = run(
        "score", "-a", DEMO / "assessment.yaml", DEMO / "responses", "--format", "json"
    )
    monkeypatch.chdir(workspace)
    from_workspace = run("score", "--format", "json")
    assert from_workspace.exit_code == 0, from_workspace.output
    a, b = json.loads(from_files.stdout), json.loads(from_workspace.stdout)
    assert a["modules"] == b["modules"] and a["score"] == b["score"]
    both = run("score", "-w", workspace, DEMO / "responses")
    assert both.exit_code == 2 and "either a workspace" in both.stderr


def _version_1_workspace(folder: Path) -> None:
    """A workspace as the first ccassess release wrote it (schema version 1)."""
    from ccassess.workspace.db import connect

    folder.mkdir()
    config = (DEMO / "assessment.yaml").read_text("utf-8")
    (folder / "assessment.yaml").write_text(config + "workspace:\n  format: 1\n", "utf-8")
    database = folder / "ccassess.db"
    connection = connect(database, create=True)
    migrate(connection, database, target=1)
    connection.executescript("""
        INSERT INTO rounds (id, name, created) VALUES (1, 'alt', '2025-05-01T10:00:00+00:00');
        INSERT INTO imports (id, round_id, file, imported) VALUES (1, 1, 'old.yaml', '2025');
        INSERT INTO respondents (id, round_id, respondent_id, perspective, department, source,
                                 import_id, created, updated)
            VALUES (1, 1, 'A-001', 'internal', 'Vertrieb', 'import', 1, '2025', '2025');
        INSERT INTO answers VALUES (1, 'leadership', 'lead_visible', '4', '2025');
        INSERT INTO answers VALUES (1, 'leadership', 'lead_role_model', '3', '2025');
    """)
    connection.close()


def test_migration_from_schema_version_1(tmp_path: Path, run: Callable) -> None:
    folder = tmp_path / "old"
    _version_1_workspace(folder)
    assert query(folder, "PRAGMA user_version") == [(1,)]
    result = run("round", "-w", folder)
    assert result.exit_code == 0, result.output
    assert "alt" in result.stdout and "1 respondent(s)" in result.stdout
    assert query(folder, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert query(folder, "SELECT complete, content_hash IS NOT NULL FROM respondents") == [(1, 1)]
    assert stored_answers(folder, "A-001") == {
        "leadership": {"lead_visible": 4, "lead_role_model": 3}
    }
    # The migrated content hash recognises the same answers imported again.
    answers = write_responses(
        tmp_path / "again.yaml",
        [
            {
                "id": "A-001",
                "perspective": "internal",
                "department": "Vertrieb",
                "answers": {"leadership": {"lead_visible": 4, "lead_role_model": 3}},
            }
        ],
    )
    again = run("import", "-w", folder, answers)
    assert again.exit_code == 0, again.output
    assert "skipped 1 already imported" in again.stdout
    # The round had no stored module definitions; they are pinned with this import's.
    assert run("score", "-w", folder).exit_code == 0


def test_a_failed_migration_changes_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    from ccassess.workspace import schema

    folder = tmp_path / "old"
    _version_1_workspace(folder)
    before = list(sqlite3.connect(folder / "ccassess.db").iterdump())

    def broken(db: sqlite3.Connection) -> None:
        schema._version_2(db)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(schema, "MIGRATIONS", [(1, schema._version_1), (2, broken)])
    with pytest.raises(RuntimeError, match="disk on fire"):
        Workspace.open(folder)
    assert list(sqlite3.connect(folder / "ccassess.db").iterdump()) == before
    assert query(folder, "PRAGMA user_version") == [(1,)]


def test_newer_schema_is_refused_clearly(workspace: Path, run: Callable) -> None:
    connection = sqlite3.connect(workspace / "ccassess.db")
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    result = run("score", "-w", workspace)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {workspace / 'ccassess.db'}: this workspace was written by a newer ccassess "
        f"(schema version 99; this ccassess reads up to {SCHEMA_VERSION}); upgrade ccassess to "
        "open it"
    )


def test_rounds_compare_and_trend(
    workspace: Path, tmp_path: Path, run: Callable, registry: Registry
) -> None:
    def staff(value: int) -> list[dict[str, Any]]:
        return [
            {
                "id": f"I-{n}",
                "perspective": "internal",
                "department": "Vertrieb",
                "answers": {"leadership": {"lead_visible": value, "lead_role_model": value}},
            }
            for n in range(5)  # the demo's anonymity threshold: every figure shown
        ]

    assert (
        run("import", "-w", workspace, write_responses(tmp_path / "r1.yaml", staff(2))).exit_code
        == 0
    )
    result = run("round", "new", "-w", workspace, "R2", "--note", "nach dem Workshop")
    assert result.exit_code == 0, result.output
    assert (
        run("import", "-w", workspace, write_responses(tmp_path / "r2.yaml", staff(4))).exit_code
        == 0
    )
    listing = run("round", "-w", workspace)
    assert listing.stdout.splitlines()[-1].startswith("* R2")
    assert "nach dem Workshop" in listing.stdout

    compared = run("compare", "-w", workspace, "--lang", "en")
    assert compared.exit_code == 0, compared.output
    assert "R1" in compared.stdout.splitlines()[0] and "R2" in compared.stdout.splitlines()[0]
    assert any(
        line.startswith("  Visible leadership") and line.rstrip().endswith("+50.0")
        for line in compared.stdout.splitlines()
    ), compared.stdout
    data = json.loads(run("compare", "-w", workspace, "R1", "R2", "--format", "json").stdout)
    visible = next(c for c in data["changes"] if c["dimension"] == "visible_leadership")
    assert (visible["before"], visible["after"], visible["change"]) == (25.0, 75.0, 50.0)

    inputs = load_workspace_inputs(registry, workspace)
    assert [r.id for r in inputs.respondents] == ["I-0", "I-1", "I-2", "I-3", "I-4"]
    result = assess(
        inputs.registry, inputs.respondents, inputs.settings, earlier_rounds=inputs.earlier_rounds
    )
    assert result.trend is not None and [p.round for p in result.trend] == ["R1"]
    point = result.trend[0]
    assert point.respondents == 5
    assert point.dimensions["leadership"]["visible_leadership"] == 25.0
    assert result.module("leadership").dimension("visible_leadership").score == 75.0
    restored = result_from_json(result_to_json(result))
    assert restored.trend == result.trend
    unknown = run("compare", "-w", workspace, "R1", "R9")
    assert unknown.exit_code == 2
    assert unknown.stderr.strip() == "error: no round 'R9' in this workspace; rounds: R1, R2"


def test_rounds_keep_module_definitions_as_answered(
    make_workspace: Callable, tmp_path: Path, run: Callable
) -> None:
    folder = make_workspace(modules=["leadership", "silo_check"])
    answers = write_responses(
        tmp_path / "a.yaml",
        [
            {
                "id": "I-1",
                "perspective": "internal",
                "answers": {"leadership": {"lead_visible": 2, "lead_role_model": 5}},
            }
        ],
    )
    assert run("import", "-w", folder, answers).exit_code == 0
    plain = load_registry(entry_points=True)
    with Workspace.open(folder) as ws:
        # one respondent: thresholds 1, so that the versions' scores can be compared
        arithmetic = replace(ws.settings, anonymity_threshold=1)
        before = assess(
            *ws.registry_for(ws.round(), plain)[:1], ws.respondents(ws.round()), arithmetic
        )

    # A plugin upgrade: leadership 2.0.0 weighs lead_visible ten times as much.
    definition = json.loads(json.dumps(plain.entries["leadership"].module.definition))
    definition["version"] = "2.0.0"
    for dimension in definition["dimensions"]:
        for question in dimension["questions"]:
            if question["id"] == "lead_visible":
                question["weight"] = 10

    class Upgraded:
        @staticmethod
        def ccassess_modules() -> list[dict[str, Any]]:
            return [definition]

    from ccassess.markers import hookimpl

    Upgraded.ccassess_modules = hookimpl(Upgraded.ccassess_modules)  # type: ignore[method-assign]
    upgraded = load_registry(entry_points=False, extra_plugins=[("leadership_v2", Upgraded)])
    assert upgraded.entries["leadership"].module.version == "2.0.0"
    with Workspace.open(folder) as ws:
        pinned, notes = ws.registry_for(ws.round(), upgraded)
        after = assess(pinned, ws.respondents(ws.round()), arithmetic)
        only = replace(arithmetic, modules=("leadership",))
        fresh = assess(upgraded, ws.respondents(ws.round()), only)
    assert after.module("leadership").version == "1.2.0"
    assert after.module("leadership").score == before.module("leadership").score
    assert fresh.module("leadership").score != before.module("leadership").score
    assert notes == [
        "module 'leadership': round 'R1' uses version 1.2.0 as answered "
        "(installed: 2.0.0); start a new round to use the installed version"
    ]


def test_forget_leaves_no_trace(workspace: Path, tmp_path: Path, run: Callable) -> None:
    name, secret_id = "Erika Quellenbach-Mustermann", "R-ERIKA-7731"
    erika = write_responses(
        tmp_path / f"{secret_id}.yaml",
        [
            {
                "id": secret_id,
                "perspective": "internal",
                "name": name,
                "role": "Vertriebsleitung",
                "department": "Vertrieb",
                "answers": {"leadership": {"lead_visible": 4, "lead_role_model": 2}},
            }
        ],
    )
    others = write_responses(
        tmp_path / "others.yaml",
        [
            {
                "id": "I-2",
                "perspective": "internal",
                "name": "Max Beispiel",
                "answers": {"leadership": {"lead_visible": 3}},
            }
        ],
    )
    assert run("import", "-w", workspace, erika, others).exit_code == 0
    survey = run(
        "survey",
        "-w",
        workspace,
        "--id",
        secret_id + "-S",
        "--name",
        name,
        "--perspective",
        "internal",
        "--department",
        "Vertrieb",
        "--module",
        "leadership",
        input="4\n3\n",
    )
    assert survey.exit_code == 0, survey.output

    def traces() -> list[str]:
        found = []
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{workspace / 'ccassess.db'}{suffix}")
            data = path.read_bytes() if path.exists() else b""
            for secret in (name, secret_id):
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    if secret.encode(encoding) in data:
                        found.append(f"{path.name}: {secret} ({encoding})")
        return found

    assert traces()  # before: the name and id are stored
    refused = run("forget", "-w", workspace, name)
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    result = run("forget", "-w", workspace, name, "--yes")
    assert result.exit_code == 0, result.output
    assert f"Deleted respondent '{secret_id}' in round 'R1' (2 answer(s))." in result.stdout
    assert f"Deleted respondent '{secret_id}-S' in round 'R1' (2 answer(s))." in result.stdout
    assert traces() == []
    assert respondent_ids(workspace) == ["I-2"]
    assert query(workspace, "SELECT file FROM imports") == [(str(tmp_path / "others.yaml"),)]
    assert query(workspace, "PRAGMA integrity_check") == [("ok",)]
    missing = run("forget", "-w", workspace, name, "--yes")
    assert missing.exit_code == 2
    assert missing.stderr.strip() == (
        f"error: no respondent {name!r} in this workspace (looked for the id and the name)"
    )
