"""Headless Chromium loads the task pane from a real server; a command reaches the API and renders.

The page is the one Office loads (``/addin/taskpane.html`` with its scripts), served
by a server process on 127.0.0.1; Microsoft's office.js is blocked and a
page-level mock of Office.js stands in for Excel, giving the page the budget
example as the open workbook.  Clicking "Tarkista" must send it to
``/api/validate``, write the Tarkistukset sheet through Office.js and show the
summary the library gives for that workbook.  The screenshot is kept next to the
test's temporary files (look at it: ``pytest -s`` prints its path).
"""

from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

from tests.officejs.cdp import Page, chromium_page
from tests.officejs.server_process import running_server
from tests.officejs.test_js import sheet_names
from xlsrc.validation import report, validate_workbook

MOCK = Path(__file__).with_name("page_mock.js")
#: The outcome line once the command has finished (not the "please wait" text).
OUTCOME = "(t => t !== 'Odota hetki…' && t)(document.getElementById('xlsrc-outcome').textContent)"


def mock_script(workbook: Path, token: str) -> str:
    text = MOCK.read_text(encoding="utf-8")
    text = text.replace("__XLSRC_FILE__", base64.b64encode(workbook.read_bytes()).decode("ascii"))
    text = text.replace("__XLSRC_SHEETS__", json.dumps(sheet_names(workbook), ensure_ascii=False))
    return text.replace("__XLSRC_TOKEN__", token)


@contextlib.contextmanager
def task_pane(workbook: Path, tmp: Path) -> Iterator[Page]:
    """The task pane from a real server, in Chromium, with ``workbook`` as the open book."""
    with running_server(tmp) as server, chromium_page(tmp / "profile") as page:
        page.send("Network.enable")
        page.send("Network.setBlockedURLs", urls=["*appsforoffice.microsoft.com*"])
        page.send("Page.enable")
        page.send(
            "Page.addScriptToEvaluateOnNewDocument", source=mock_script(workbook, server.token)
        )
        page.send("Page.navigate", url=f"{server.url}/addin/taskpane.html")
        page.wait_event("Page.loadEventFired")
        page.wait_for("document.querySelectorAll('button[data-action]').length === 6")
        yield page


def test_validate_from_the_task_pane(demo_dir: Path, tmp_path: Path) -> None:
    workbook = demo_dir / "tulosbudjetti.xlsx"
    findings = validate_workbook(workbook)
    with task_pane(workbook, tmp_path) as page:
        page.evaluate("document.querySelector('button[data-action=xlsrcValidate]').click()")
        outcome = page.wait_for(OUTCOME)
        writes = page.evaluate("JSON.stringify(window.__xlsrcWrites)")
        shot = tmp_path / "taskpane.png"
        page.screenshot(shot)
    print(f"\nscreenshot: {shot}")
    assert outcome == report.summary(findings)
    cells = json.loads(writes)["cells"]
    assert cells["Tarkistukset"]["A2"]["values"] == [[report.summary(findings)]]
    first = report.describe(findings)[0]
    assert cells["Tarkistukset"]["B4"]["link"] == first.link.lstrip("#")
    assert shot.stat().st_size > 5000


def test_status_sheet_from_the_task_pane_inserts_the_new_sheet(
    demo_dir: Path, tmp_path: Path
) -> None:
    with task_pane(demo_dir / "tavoiteseuranta.xlsx", tmp_path) as page:
        page.evaluate("document.getElementById('xlsrc-quarter').value = 'Q3'")
        page.evaluate("document.querySelector('button[data-action=xlsrcStatusSheet]').click()")
        outcome = page.wait_for(OUTCOME)
        inserted = page.evaluate("JSON.stringify(window.__xlsrcWrites.inserted)")
    assert json.loads(inserted) == [["Tilanne Q3 2024"]], outcome
    assert outcome == "Lisätty välilehti Tilanne Q3 2024"
