"""`ccassess serve` over HTTP: the real app under Starlette's TestClient, on a real workspace
with invitations made by the real `ccassess invite`. A whole questionnaire, resuming, CSRF,
limits, used and unknown links, the admin token, and hostile input."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from serve_kit import MODULES, answers_for, client, hidden, invite
from ws_kit import query

from ccassess.plugin.registry import Registry
from ccassess.web.security import MAX_BODY, RateLimit
from ccassess.workspace import Workspace


@pytest.fixture
def folder(make_workspace) -> Path:
    return make_workspace("ws", MODULES)


def start(http, link: str, lang: str = "en") -> str:
    """Open a link's welcome page and start; returns the first page's path."""
    welcome = http.get(link)
    assert welcome.status_code == 200, welcome.text
    started = http.post(link + "/start", data={"csrf": hidden(welcome.text, "csrf"), "lang": lang})
    assert started.status_code == 303
    return started.headers["location"]


def walk(http, path: str, pages: int | None = None) -> str:
    """Answer pages from `path` on (all, or `pages` of them); returns the path reached."""
    count = 0
    while "/p/" in path and (pages is None or count < pages):
        page = http.get(path)
        if "/submit" in page.text:
            return path
        sent = http.post(path, data=answers_for(page.text))
        assert sent.status_code == 303, sent.text[:2000]
        path = sent.headers["location"]
        count += 1
    return path


def test_whole_questionnaire_resumed_and_scored(
    folder: Path, registry: Registry, run: Callable
) -> None:
    [link] = invite(run, folder, "--department", "Vertrieb", "--count", "1")
    http, _ = client(folder, registry)
    first = start(http, link)
    assert first.endswith("/p/0")
    halfway = walk(http, first, pages=3)
    assert halfway.endswith("/p/3")
    assert query(folder, "SELECT source, complete FROM respondents") == [("web", 0)]
    # the terminal's --resume is for terminal surveys; this one continues on its link
    terminal = run("survey", "-w", str(folder), "--resume")
    assert terminal.exit_code == 2 and "no unfinished survey" in terminal.output
    # a new client (a closed browser): the same link resumes on the page reached
    again, _ = client(folder, registry)
    resumed = again.get(link)
    assert resumed.status_code == 303
    assert again.get(resumed.headers["location"]).headers["location"].endswith("/p/3")
    review = walk(again, halfway)
    page = again.get(review)
    assert "Submit my answers" in page.text
    done = again.post(link + "/submit", data={"csrf": hidden(page.text, "csrf")})
    assert done.status_code == 200 and "Thank you" in done.text
    with Workspace.open(folder) as workspace:
        [respondent] = workspace.respondents()
    assert respondent.department == "Vertrieb" and respondent.perspective == "internal"
    assert set(respondent.answers) == set(MODULES)
    activities = respondent.answers["customer_or_reporting"]
    assert any(
        isinstance(v, list) and v[0]["activity"] == "Kundenberatung" for v in activities.values()
    )
    scored = run("score", "-w", str(folder), "--format", "json")
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["respondents"] == {"internal": 1, "customer": 0}
    # submitted: locked; the link now gets the neutral page, like an unknown one
    used = again.get(link)
    unknown = again.get("/r/" + "x" * 32)
    assert used.status_code == unknown.status_code == 404
    assert used.text == unknown.text
    assert again.post(review, data={}).status_code == 404
    assert again.post(link + "/submit", data={}).status_code == 404


def test_neutral_page_is_the_same_for_unknown_and_used(
    folder: Path, registry: Registry, run: Callable
) -> None:
    http, _ = client(folder, registry)
    a = http.get("/r/doesnotexist")
    b = http.get("/r/" + "A" * 40 + "/p/2")
    c = http.get("/w/nothing-here")
    assert a.status_code == b.status_code == c.status_code == 404
    assert a.text == b.text == c.text
    assert "not valid" in a.text or "nicht" in a.text


def test_form_without_or_with_a_wrong_csrf_token_is_refused(
    folder: Path, registry: Registry, run: Callable
) -> None:
    [link] = invite(run, folder, "--department", "Vertrieb")
    http, _ = client(folder, registry)
    assert http.post(link + "/start", data={"lang": "de"}).status_code == 403
    assert http.post(link + "/start", data={"csrf": "0" * 64}).status_code == 403
    assert query(folder, "SELECT count(*) FROM respondents") == [(0,)]
    first = start(http, link)
    page = http.get(first)
    form = answers_for(page.text)
    form["csrf"] = "forged"
    refused = http.post(first, data=form)
    assert refused.status_code == 403
    assert query(folder, "SELECT count(*) FROM answers") == [(0,)]
    # a browser saying the form comes from another site
    form["csrf"] = hidden(page.text, "csrf")
    cross = http.post(first, data=form, headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403
    fetch = http.post(first, data=form, headers={"Sec-Fetch-Site": "cross-site"})
    assert fetch.status_code == 403
    assert query(folder, "SELECT count(*) FROM answers") == [(0,)]
    assert http.post(first, data=form).status_code == 303


def test_oversized_bodies_are_refused(folder: Path, registry: Registry, run: Callable) -> None:
    [link] = invite(run, folder, "--department", "Vertrieb")
    http, _ = client(folder, registry)
    first = start(http, link)
    page = http.get(first)
    form = answers_for(page.text)
    form["padding"] = "x" * (MAX_BODY + 1)
    assert http.post(first, data=form).status_code == 413
    # a body larger than it declares is cut off too
    body = b"csrf=" + b"y" * (MAX_BODY * 2)
    sent = http.post(
        first,
        content=body,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert sent.status_code == 413
    assert query(folder, "SELECT count(*) FROM answers") == [(0,)]


def test_rate_limit_per_link(folder: Path, registry: Registry, run: Callable) -> None:
    [link] = invite(run, folder, "--department", "Vertrieb")
    http, ctx = client(folder, registry)
    ctx.limits = RateLimit(per_key=5)
    codes = [http.get(link).status_code for _ in range(7)]
    assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
    # another link is not held up
    assert http.get("/r/unknown").status_code == 404


def test_wrong_types_and_script_in_answers(folder: Path, registry: Registry, run: Callable) -> None:
    [link] = invite(run, folder, "--department", "Vertrieb")
    http, _ = client(folder, registry)
    path = start(http, link)
    page = http.get(path)
    form = answers_for(page.text)
    radio = next(name for name in form if name.startswith("q."))
    for wrong in ("99", "-1", "abc", "1e3", "0" * 5000):
        bad = dict(form, **{radio: wrong})
        refused = http.post(path, data=bad)
        assert refused.status_code == 422, wrong
        assert 'class="error"' in refused.text
        assert query(folder, "SELECT count(*) FROM answers") == [(0,)]
    # the page of item rows: a script in an activity's name is stored as text, shown escaped
    while "Activity 1" not in page.text and "Tätigkeit 1" not in page.text:
        sent = http.post(path, data=answers_for(page.text))
        assert sent.status_code == 303
        path = sent.headers["location"]
        page = http.get(path)
    script = '<script>alert("x")</script>'
    form = answers_for(page.text, text=script)
    shares = [n for n in form if n.endswith(".share")]
    form[shares[0]] = "not a number"
    refused = http.post(path, data=form)
    assert refused.status_code == 422
    # what was sent is shown again beside the error, escaped
    assert "<script>" not in refused.text
    assert "&lt;script&gt;" in refused.text and 'value="not a number"' in refused.text
    assert query(
        folder, "SELECT count(*) FROM answers WHERE module_id = 'customer_or_reporting'"
    ) == [(0,)]
    form[shares[0]] = "40"
    assert http.post(path, data=form).status_code == 303
    shown = http.get(path)
    assert "<script>" not in shown.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in shown.text
    [(stored,)] = query(
        folder, "SELECT answers FROM answers WHERE module_id = 'customer_or_reporting'"
    )
    [items] = [v for v in json.loads(stored).values() if isinstance(v, list)]
    assert items[0]["activity"] == script


def test_admin_needs_its_token_and_hides_small_groups(
    folder: Path, registry: Registry, run: Callable
) -> None:
    links = invite(run, folder, "--department", "Vertrieb", "--count", "4")
    [service] = invite(run, folder, "--department", "Kundenservice")
    http, ctx = client(folder, registry)
    for link in [*links[:3], service]:
        start(http, link)
    assert ctx.workspace.settings.anonymity_threshold == 5
    anonymous = http.get("/admin")
    assert anonymous.status_code == 200 and "<table" not in anonymous.text
    wrong = http.post("/admin/login", data={"csrf": hidden(anonymous.text, "csrf"), "token": "no"})
    assert wrong.status_code == 403 and "<table" not in wrong.text
    bearer = http.get("/admin", headers={"Authorization": "Bearer admin-secret-token"})
    assert "<table" in bearer.text
    # threshold 5: neither Vertrieb (3) nor Kundenservice (1) is shown on its own, and the
    # total of 4 is not given either (it would be Vertrieb's and Kundenservice's sum)
    assert "Vertrieb" not in bearer.text and "Kundenservice" not in bearer.text
    total = re.search(r'<tr class="total">(.*?)</tr>', bearer.text, re.S)
    assert total and re.findall(r"<td>([^<]*)</td>", total.group(1))[:2] == ["&lt; 5"] * 2
    login = http.post(
        "/admin/login",
        data={"csrf": hidden(anonymous.text, "csrf"), "token": "admin-secret-token"},
    )
    assert login.status_code == 303 and "httponly" in login.headers["set-cookie"].lower()
    page = http.get("/admin")
    assert "<table" in page.text
    # close the round: every link gets the closed page; reopen
    closed = http.post("/admin/round", data={"csrf": hidden(page.text, "csrf"), "state": "closed"})
    assert closed.status_code == 303
    assert http.get(links[3]).status_code == 410
    assert http.get("/r/unknown").status_code == 410
    page = http.get("/admin")
    http.post("/admin/round", data={"csrf": hidden(page.text, "csrf"), "state": "open"})
    assert http.get(links[3]).status_code == 200
    # no CSRF token, no change
    assert http.post("/admin/round", data={"state": "closed"}).status_code == 403
    assert http.get(links[3]).status_code == 200


def test_admin_shows_groups_at_the_threshold(
    folder: Path, registry: Registry, run: Callable
) -> None:
    links = invite(run, folder, "--department", "Vertrieb", "--count", "6")
    http, _ = client(folder, registry)
    for link in links[:5]:
        start(http, link)
    page = http.get("/admin", headers={"Authorization": "Bearer admin-secret-token"})
    row = re.search(r"Vertrieb</th>(.*?)</tr>", page.text, re.S)
    assert row, page.text
    cells = re.findall(r"<td>([^<]*)</td>", row.group(1))
    assert cells == ["5", "0", "20", "0 %"]  # the demo settings invite 14, `invite` 6 more


def test_admin_total_cannot_be_differenced(folder: Path, registry: Registry, run: Callable) -> None:
    """Vertrieb (5) alone and the total (6) would give Kundenservice's 1: both go into one
    combined row instead."""
    links = invite(run, folder, "--department", "Vertrieb", "--count", "5")
    [service] = invite(run, folder, "--department", "Kundenservice")
    http, _ = client(folder, registry)
    for link in [*links, service]:
        start(http, link)
    page = http.get("/admin", headers={"Authorization": "Bearer admin-secret-token"})
    assert "Vertrieb" not in page.text and "Kundenservice" not in page.text
    body = re.findall(r'<tr>\s*<th scope="row">([^<]*)</th>(.*?)</tr>', page.text, re.S)
    assert [(label, re.findall(r"<td>([^<]*)</td>", cells)[:2]) for label, cells in body] == [
        ("weitere Gruppen (zusammengefasst)", ["6", "0"])
    ]


def test_workshop_link_starts_a_new_respondent_per_visit(
    folder: Path, registry: Registry, run: Callable
) -> None:
    [link] = invite(run, folder, "--department", "Vertrieb", "--workshop")
    assert link.startswith("/w/")
    http, _ = client(folder, registry)
    first = start(http, link)
    second = start(http, link)
    assert first != second and first.startswith("/r/") and second.startswith("/r/")
    assert query(folder, "SELECT count(*) FROM respondents") == [(2,)]
    # a workshop link does not add to the invited count (the demo settings' 14 stay)
    with Workspace.open(folder) as workspace:
        assert workspace.settings.invitations()["Vertrieb"] == 14


def test_headers_and_no_scripts(folder: Path, registry: Registry, run: Callable) -> None:
    [link] = invite(run, folder, "--department", "Vertrieb")
    http, _ = client(folder, registry)
    first = start(http, link)
    for path in (link, first, "/r/nope", "/admin", "/static/style.css"):
        response = http.get(path)
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src" not in csp
        assert "default-src 'none'" in csp
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"
        assert "<script" not in response.text and "style=" not in response.text
        assert "http://" not in response.text.replace("http://testserver", "")
        assert "https://" not in response.text


def test_tokens_are_stored_only_as_hashes(folder: Path, registry: Registry, run: Callable) -> None:
    links = invite(run, folder, "--department", "Vertrieb", "--count", "3")
    http, _ = client(folder, registry)
    start(http, links[0])
    raw = b"".join(p.read_bytes() for p in folder.glob("ccassess.db*"))
    for link in links:
        token = link.rsplit("/", 1)[1]
        assert len(token) >= 32  # 24 random bytes: 192 bits
        assert token.encode() not in raw
    hashes = query(folder, "SELECT token_hash FROM invitations")
    assert len(hashes) == 3 and all(len(h) == 64 for (h,) in hashes)
    with Workspace.open(folder) as workspace:  # the demo settings' 14, and these 3
        assert workspace.settings.invitations()["Vertrieb"] == 17


def test_answer_problems_are_told_in_the_respondents_language(
    folder: Path, registry: Registry, run: Callable
) -> None:
    """A German respondent reads the error beside a field in German, not the importer's
    English message."""
    [link] = invite(run, folder, "--department", "Vertrieb")
    http, _ = client(folder, registry)
    path = start(http, link, lang="de")
    page = http.get(path)
    while "Tätigkeit 1" not in page.text:
        sent = http.post(path, data=answers_for(page.text))
        assert sent.status_code == 303
        path = sent.headers["location"]
        page = http.get(path)
    form = answers_for(page.text, text="Monatsbericht")
    shares = [n for n in form if n.endswith(".share")]
    form[shares[0]] = "keine Zahl"
    refused = http.post(path, data=form)
    assert refused.status_code == 422
    (error,) = re.findall(r'<p class="error"[^>]*>([^<]*)</p>', refused.text)
    assert "Anteil" in error, error
    for english in ("the share", "number", "activity", "per cent"):
        assert english not in error, error
