"""A third party's question type (made of parts, defined with the public API only in
test_third_party_question_type.py) is asked by `ccassess serve` like a built-in one: a group
of choices per part, "don't know" on one part, read back and stored through its own check."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

from starlette.testclient import TestClient
from test_third_party_question_type import kit  # noqa: F401  (the fixture)

from ccassess import DONT_KNOW
from ccassess.testing import Kit
from ccassess.web.app import build_app
from ccassess.web.context import open_context
from ccassess.web.invite import InviteRequest, make_links, store_links
from ccassess.workspace import Workspace


def test_plugin_type_asked_stored_and_submitted(kit: Kit, tmp_path: Path) -> None:  # noqa: F811
    settings = replace(
        kit.settings, modules=("acme",), anonymity_threshold=3, free_text_threshold=3
    )
    Workspace.create(tmp_path / "ws", settings, kit.registry, "R1").close()
    workspace = Workspace.open(tmp_path / "ws")
    request = InviteRequest("customer", None, 1, False, "http://x")
    [link] = make_links(workspace, request)
    store_links(workspace, request, [link])
    http = TestClient(build_app(open_context(workspace, kit.registry)), follow_redirects=True)
    path = "/r/" + link.token
    welcome = http.get(path + "?lang=en")
    csrf = re.search(r'name="csrf" value="([^"]+)"', welcome.text).group(1)  # type: ignore[union-attr]
    page = http.post(path + "/start", data={"csrf": csrf, "lang": "en"})
    # one group of choices per part, named by the part's label, with "don't know"
    legends = re.findall(r"<legend>([^<]+)</legend>", page.text)
    assert legends == ["today", "wished"]
    text = html.unescape(page.text)
    groups = re.findall(r'type="radio" name="(q\.speed\.\d)" value="(\d+)"[^>]*> ([^<]+)<', text)
    assert [label for name, _, label in groups if name == "q.speed.1"][-1] == "don't know"
    assert "Speed C" in page.text  # the customer's wording
    dont_know = next(value for name, value, label in groups if label == "don't know")
    done = http.post(
        page.url.path,
        data={"csrf": csrf, "go": "next", "q.speed.0": "3", "q.speed.1": dont_know},
    )
    assert "Submit my answers" in done.text
    http.post(path + "/submit", data={"csrf": csrf})
    [stored] = workspace.respondents(workspace.round())
    assert stored.answers == {"acme": {"speed": {"now": 4, "wished": DONT_KNOW}}}
    workspace.close()
