"""The start-up caches (ccassess/definitions/cache.py, ccassess/plugin/entry_points.py).

Cached modules must equal freshly built ones, follow every change of their file and of the
question types, survive a damaged or unusable cache folder, and never hide an invalid file.
Every test here has a cache folder of its own.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ccassess import QuestionType, hookimpl
from ccassess.actions.load_plugins import load_registry
from ccassess.definitions.summary import ModuleSummary
from ccassess.errors import ValidationError
from ccassess.plugin.entry_points import entry_points
from ccassess.plugin.registry import Registry

MINE = """\
id: mine
version: 0.1.0
title: {{de: Meins, en: {title}}}
dimensions:
  - id: d
    title: {{de: D, en: D}}
    questions:
      - {{id: q, type: {qtype}, source: own, text: {{de: F, en: Q}}}}
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CCASSESS_CACHE_DIR", str(folder))
    monkeypatch.delenv("CCASSESS_NO_CACHE", raising=False)
    return folder


def own_module(tmp_path: Path, title: str = "Mine", qtype: str = "likert") -> Path:
    folder = tmp_path / "own"
    folder.mkdir(exist_ok=True)
    (folder / "mine.yaml").write_text(MINE.format(title=title, qtype=qtype), "utf-8")
    return folder


def stored(cache: Path) -> list[Path]:
    return sorted((cache / "modules").glob("*.pickle"))


def uncached(monkeypatch: pytest.MonkeyPatch, *args: Any, **kwargs: Any) -> Registry:
    with monkeypatch.context() as patch:
        patch.setenv("CCASSESS_NO_CACHE", "1")
        return load_registry(*args, **kwargs)


def assert_same_modules(registry: Registry, expected: Registry) -> None:
    assert list(registry.entries) == list(expected.entries)
    for module_id, entry in registry.entries.items():
        other = expected.entries[module_id]
        assert entry.plugin == other.plugin
        assert entry.warnings == other.warnings
        assert entry.summary == other.summary == ModuleSummary.of(entry.module)
        assert entry.module == other.module
        assert entry.module.definition == other.module.definition
        assert entry.module.origin == other.module.origin
        assert repr(entry.module) == repr(other.module)


# -- modules ---------------------------------------------------------------------------------


def test_a_hit_gives_the_same_modules_and_loads_them_only_when_used(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_registry()  # builds and stores
    files = stored(cache)
    assert len(files) == len(first.entries) == 7
    second = load_registry()
    assert all("not loaded yet" in repr(entry) for entry in second.entries.values())
    assert stored(cache) == files
    assert_same_modules(second, first)
    assert_same_modules(second, uncached(monkeypatch))


def test_changing_a_module_file_invalidates_its_entry(cache: Path, tmp_path: Path) -> None:
    folder = own_module(tmp_path, "Alpha")
    assert load_registry(folder).entries["mine"].module.title.en == "Alpha"
    own_module(tmp_path, "Gamma")
    changed = load_registry(folder).entries["mine"]
    assert changed.summary.title.en == changed.module.title.en == "Gamma"
    own_module(tmp_path, "Alpha")
    assert load_registry(folder).entries["mine"].module.title.en == "Alpha"
    assert len(stored(cache)) == 7 + 2  # one entry per content


def test_the_question_types_are_part_of_the_key(cache: Path, tmp_path: Path) -> None:
    class Slider(QuestionType):
        name = "slider"

        def __init__(self, steps: int) -> None:
            self.steps = steps

        def configure(self, ctx: Any) -> dict[str, Any]:
            return {"steps": self.steps}

    def plugin(steps: int) -> object:
        class SliderPlugin:
            @staticmethod
            @hookimpl
            def ccassess_question_types() -> list[QuestionType]:
                return [Slider(steps)]

        return SliderPlugin

    folder = own_module(tmp_path, qtype="slider")
    for steps in (10, 20, 10):
        registry = load_registry(folder, extra_plugins=[("slider", plugin(steps))])
        assert registry.entries["mine"].module.question("q").extra == {"steps": steps}


def test_a_damaged_cache_file_is_ignored_and_replaced(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_registry()
    for file in stored(cache):
        file.write_bytes(b"not a pickle")
    assert_same_modules(load_registry(), uncached(monkeypatch))
    assert all(file.read_bytes() != b"not a pickle" for file in stored(cache))
    assert_same_modules(load_registry(), uncached(monkeypatch))


def test_a_damaged_module_in_a_cache_file_is_built_from_its_file(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_registry()
    for file in stored(cache):
        form, summary, warnings, _ = marshal.loads(file.read_bytes())
        file.write_bytes(marshal.dumps((form, summary, warnings, b"damaged")))
    assert_same_modules(load_registry(), uncached(monkeypatch))
    assert stored(cache) == []  # removed when found damaged: stored again next time


def test_an_unusable_cache_folder_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable
) -> None:
    expected = uncached(monkeypatch)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("CCASSESS_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert_same_modules(load_registry(), expected)
    assert run("modules").exit_code == 0
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # others could plant pickles: not used
    monkeypatch.setenv("CCASSESS_CACHE_DIR", str(shared))
    assert_same_modules(load_registry(), expected)
    assert list(shared.iterdir()) == []


def test_caching_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    uncached(monkeypatch)
    assert not cache.exists()


def test_an_invalid_module_reports_its_problems_every_time(
    cache: Path, tmp_path: Path, run: Callable
) -> None:
    folder = own_module(tmp_path, qtype="likret")
    messages = []
    for _ in range(2):
        with pytest.raises(ValidationError) as caught:
            load_registry(folder)
        messages.append(str(caught.value))
        result = run("--plugins-dir", folder, "modules")
        assert result.exit_code == 2
        messages.append(result.output)
    assert "unknown question type 'likret'" in messages[0]
    assert messages[0] == messages[2] and messages[1] == messages[3]
    assert len(stored(cache)) == 7  # the built-in modules only


def test_modules_command_prints_the_same_with_and_without_the_cache(
    cache: Path, run: Callable
) -> None:
    outputs = [run("modules", "--format", "json").output for _ in range(2)]
    outputs.append(run("modules", "--format", "json", env={"CCASSESS_NO_CACHE": "1"}).output)
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(json.loads(outputs[0])) == 7


LOADED = """
import sys
from ccassess.cli import cli
try:
    cli.main(["modules"], prog_name="ccassess")
except SystemExit:
    pass
heavy = ["yaml", "ccassess.definitions.loading", "ccassess.io.structured", "importlib.metadata",
         "ccassess.report", "ccassess.errors", "ccassess.model.result", "ccassess.scoring.engine",
         "pickle", "_pickle"]
print([name for name in heavy if name in sys.modules])
"""


def test_a_hit_imports_neither_the_loader_nor_package_metadata(tmp_path: Path) -> None:
    """What keeps `ccassess modules` fast (docs/performance.md), checked in a fresh process."""
    work = tmp_path / "work"  # the current folder is on sys.path: keep it unchanged
    work.mkdir()
    env = {**os.environ, "CCASSESS_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CCASSESS_NO_CACHE", None)

    def imported() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", LOADED],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert "leadership" in done.stdout
        return json.loads(done.stdout.splitlines()[-1].replace("'", '"'))

    assert "ccassess.definitions.loading" in imported()  # filled the caches
    assert imported() == []


# -- entry points ----------------------------------------------------------------------------


def distribution(site: Path, name: str, version: str, entries: str) -> Path:
    folder = site / f"{name}-{version}.dist-info"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    (folder / "entry_points.txt").write_text(f"[ccassess_test]\n{entries}\n")
    return folder


def listed(group: str = "ccassess_test") -> list[tuple[str, str, str | None, str | None]]:
    return [(e.name, e.value, e.dist_name, e.dist_version) for e in entry_points(group)]


def test_entry_points_are_cached_and_follow_installs(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    one = distribution(site, "acme_one", "1.0", "one = os.path:join")
    monkeypatch.syspath_prepend(str(site))
    assert listed() == [("one", "os.path:join", "acme_one", "1.0")]
    assert len(list(cache.glob("entry-points-*"))) == 1
    assert listed() == [("one", "os.path:join", "acme_one", "1.0")]
    assert entry_points("ccassess_test")[0].load() is os.path.join

    distribution(site, "acme_two", "2.0", "two = json")  # installed: the folder changes
    assert [e[0] for e in listed()] == ["one", "two"]
    assert entry_points("ccassess_test")[1].load() is json

    (one / "entry_points.txt").write_text("[ccassess_test]\nuno = os.path:join\n")  # in place
    later = os.stat(one / "entry_points.txt").st_mtime_ns + 10_000_000
    os.utime(one / "entry_points.txt", ns=(later, later))
    assert [e[0] for e in listed()] == ["uno", "two"]

    for file in cache.glob("entry-points-*"):
        file.write_bytes(b"damaged")
    assert [e[0] for e in listed()] == ["uno", "two"]


def test_the_installed_plugins_load_through_the_entry_point_cache(cache: Path) -> None:
    names = [info.name for info in load_registry().plugins.info.values()]
    assert names == [info.name for info in load_registry().plugins.info.values()]
    assert {"leadership", "survey_tools", "demo"} <= set(names)
    assert list(cache.glob("entry-points-*"))
