"""Each network view in a real headless Chromium (Debian's `chromium`), network off, driven over the DevTools
protocol on `--remote-debugging-pipe` (stdlib only): it loads from file://, draws its canvas, logs no JavaScript
error, opens no dialog, loads nothing remote, settles, and search finds a known node. Screenshots are saved in the
test's tmp dir and copied to /tmp/i7shots/.

Skips when /usr/bin/chromium is missing, except under CI (env CI set), where it fails.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from graph.store import GraphStore, open_store
from tests.viz.chromium import CHROMIUM, HEADLESS, require_chromium
from viz import network, views

SHOTS = Path("/tmp/i7shots")
WINDOW = (1280, 800)
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


class Chromium:
    """Headless Chromium with the DevTools protocol on fds 3 (commands in) and 4 (replies out), NUL-separated JSON."""

    def __init__(self, profile: Path) -> None:
        cmd_read, self._cmd_write = os.pipe()
        self._reply_read, reply_write = os.pipe()

        def onto_3_and_4() -> None:
            os.dup2(cmd_read, 3)
            os.dup2(reply_write, 4)

        args = [
            str(CHROMIUM),
            *HEADLESS,
            "--disable-default-apps",
            "--disable-extensions",
            "--no-default-browser-check",
            "--mute-audio",
            "--hide-scrollbars",
            # the network is off: no proxy that answers, no name that resolves
            "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            args,
            pass_fds=(3, 4),
            preexec_fn=onto_3_and_4,  # noqa: PLW1509 - a test helper; no threads of ours run yet
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(cmd_read)
        os.close(reply_write)
        self._next = 0
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.events: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._reply_read, 1 << 16)
            if not chunk:
                self._messages.put(None)
                return
            buffer += chunk
            *whole, buffer = buffer.split(b"\0")
            for message in whole:
                self._messages.put(json.loads(message))

    def _event(self, message: dict[str, Any]) -> None:
        self.events.append(message)
        if message["method"] == "Page.javascriptDialogOpening":  # never let a dialog block the page
            self.send("Page.handleJavaScriptDialog", {"accept": True}, message.get("sessionId"))

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._cmd_write, json.dumps(message).encode() + b"\0")
        return self._next

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None, timeout: float = 60
    ) -> dict[str, Any]:
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            message = self._messages.get(timeout=max(0.1, deadline - time.monotonic()))
            if message is None:
                raise RuntimeError(f"chromium went away during {method}")
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            if "method" in message:
                self._event(message)

    def wait_for(self, method: str, timeout: float = 60) -> dict[str, Any]:
        seen = next((e for e in self.events if e["method"] == method), None)
        deadline = time.monotonic() + timeout
        while seen is None:
            message = self._messages.get(timeout=max(0.1, deadline - time.monotonic()))
            if message is None:
                raise RuntimeError(f"chromium went away waiting for {method}")
            if "method" in message:
                self._event(message)
                seen = message if message["method"] == method else None
        return seen

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            os.close(self._cmd_write)


class Page:
    """One tab, offline, with what it did recorded: exceptions, console errors, dialogs, requests."""

    def __init__(self, browser: Chromium) -> None:
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Page.enable", "Runtime.enable", "Network.enable", "Log.enable"):
            self.call(method)
        self.call(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": WINDOW[0], "height": WINDOW[1], "deviceScaleFactor": 1, "mobile": False},
        )

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, self.session)

    def open(self, path: Path) -> None:
        self.call("Page.navigate", {"url": path.resolve().as_uri()})
        self.browser.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.evaluate(expression):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            time.sleep(0.2)

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def problems(self) -> dict[str, list[str]]:
        mine = [e for e in self.browser.events if e.get("sessionId") == self.session]
        return {
            "exceptions": [
                json.dumps(e["params"]["exceptionDetails"], ensure_ascii=False)[:500]
                for e in mine
                if e["method"] == "Runtime.exceptionThrown"
            ],
            "console errors": [
                " ".join(str(a.get("value", a.get("description", ""))) for a in e["params"]["args"])
                for e in mine
                if e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert")
            ],
            "log errors": [
                e["params"]["entry"]["text"]
                for e in mine
                if e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"
            ],
            "dialogs": [e["params"]["message"] for e in mine if e["method"] == "Page.javascriptDialogOpening"],
            "remote requests": [
                e["params"]["request"]["url"]
                for e in mine
                if e["method"] == "Network.requestWillBeSent"
                and not e["params"]["request"]["url"].startswith(("file:", "data:", "about:"))
            ],
        }


# drawn pixels of the network canvas (vis-network clears it to transparent), sampled
CANVAS_PIXELS = """(() => {
  const canvas = document.querySelector('#mynetwork canvas');
  if (!canvas || !canvas.width) return 0;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < data.length; i += 16) if (data[i] > 0) drawn++;
  return drawn;
})()"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Any:
    require_chromium()
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chromium
    finally:
        chromium.close()


def check_page(browser: Chromium, path: Path, search: str, expect: str, shot: Path) -> dict[str, Any]:
    """Open `path` offline, wait for the layout to settle, search `search`: the first hit's id is `expect`."""
    page = Page(browser)
    page.open(path)
    page.wait_until("window.policygraphView && window.policygraphView.settled === true", timeout=90)
    time.sleep(0.3)  # the last frame after physics stopped
    drawn = page.evaluate(CANVAS_PIXELS)
    page.screenshot(shot)  # the whole view, fitted
    # search as a user does: type the name, press Enter
    page.evaluate(f"document.getElementById('pg-search').value = {json.dumps(search)}")
    page.evaluate("document.getElementById('pg-search').dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}))")
    status = page.evaluate("document.getElementById('pg-search-result').textContent")
    selected = page.evaluate("network.getSelectedNodes()")
    hits = page.evaluate(f"window.policygraphView.search({json.dumps(search)})")
    found = page.screenshot(shot.with_name(shot.stem + "-search.png"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    for taken in (shot, found):
        shutil.copy(taken, SHOTS / taken.name)
    state = {
        "drawn": drawn,
        "hits": hits,
        "status": status,
        "selected": selected,
        "page errors": page.evaluate("window.policygraphView.errors"),
        "title": page.evaluate("document.getElementById('pg-title').textContent"),
        "legend": page.evaluate("document.getElementById('pg-legend').innerText"),
        "lang": page.evaluate("document.documentElement.lang"),
        "legend visible": page.evaluate(
            "(() => { const r = document.getElementById('pg-legend').getBoundingClientRect();"
            " return r.width > 50 && r.height > 50 && r.right <= innerWidth && r.top >= 0; })()"
        ),
        "note": page.evaluate("(document.getElementById('pg-note') || {}).textContent || null"),
        "images": page.evaluate("document.images.length"),
        "scripts run": page.evaluate("document.scripts.length"),
        **page.problems(),
    }
    page.call("Page.close")
    return state


def assert_clean(state: dict[str, Any]) -> None:
    assert state["drawn"] > 500, state  # the canvas has nodes and edges on it
    for problem in ("exceptions", "console errors", "log errors", "dialogs", "remote requests", "page errors"):
        assert not state[problem], (problem, state[problem])
    assert state["legend visible"], state
    assert state["images"] == 0, state


VIEW_CASES = [
    ("department", "宝鸡市市场监管局", "宝鸡市市场监督管理局", views.dept_node_id("宝鸡市/市场监管")),
    ("document", "宝政发〔2022〕17号", "宝鸡市市场监督管理局", views.dept_node_id("宝鸡市/市场监管")),
    ("chain", "国家标准化发展纲要", "渭政发〔2023〕16号", views.doc_node_id("doc:渭政发〔2023〕16号")),
    ("jurisdiction", "宝鸡市", "宝鸡市科学技术局", views.dept_node_id("宝鸡市/科技")),
    ("collaboration", "青铜峡市", "青铜峡市教育局", views.dept_node_id("青铜峡市/教育")),
]


@pytest.mark.parametrize(("kind", "key", "search", "expect"), VIEW_CASES, ids=[c[0] for c in VIEW_CASES])
def test_view_in_headless_chromium(
    browser: Chromium, corpus_store: GraphStore, tmp_path: Path, kind: str, key: str, search: str, expect: str
) -> None:
    view = views.VIEWS[kind](corpus_store, key)
    path = network.write_view(view, tmp_path / f"{kind}.html")
    assert network.remote_references(path.read_text(encoding="utf-8")) == []
    state = check_page(browser, path, search, expect, tmp_path / f"view-{kind}.png")
    assert_clean(state)
    assert state["hits"] and state["hits"][0] == expect, state
    assert expect in state["selected"] and state["status"].startswith(f"找到 {len(state['hits'])} 个"), state
    assert state["title"] == view.title
    assert state["legend"].startswith("图例") and state["lang"] == "zh-CN", state  # Chinese by default
    assert "部门" in state["legend"] and "legend" not in state["legend"], state
    for kind_count in view.counts().values():
        assert str(kind_count) in state["legend"]
    boxes, _ = label_boxes(browser, path)
    assert boxes and not overlapping(boxes), overlapping(boxes)[:10]  # no label covers another
    if kind == "collaboration":  # every department of the place is drawn with its label
        assert {b["id"] for b in boxes} == {n.id for n in view.nodes}, state


# the label rectangles of the drawn nodes (canvas units, as vis-network laid them out), and their font sizes
LABEL_BOXES = """(() => Object.values(network.body.nodes)
  .filter(n => n.options.label && n.options.label.trim() && n.labelModule && n.labelModule.size.width > 0)
  .map(n => ({id: n.id, x: n.x, y: n.y, font: n.labelModule.fontOptions.size,
              left: n.labelModule.size.left, top: n.labelModule.size.top,
              width: n.labelModule.size.width, height: n.labelModule.size.height})))()"""


def overlapping(boxes: list[dict[str, Any]], margin: float = 0.0) -> list[tuple[str, str]]:
    """The pairs of labels whose rectangles (shrunk by `margin` of the font size on each side) intersect."""
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            da, db = a["font"] * margin, b["font"] * margin
            if (
                a["left"] + da < b["left"] + b["width"] - db
                and b["left"] + db < a["left"] + a["width"] - da
                and a["top"] + da < b["top"] + b["height"] - db
                and b["top"] + db < a["top"] + a["height"] - da
            ):
                pairs.append((a["id"], b["id"]))
    return pairs


def label_boxes(browser: Chromium, path: Path) -> tuple[list[dict[str, Any]], float]:
    """The label rectangles of the page once settled, and the default zoom."""
    page = Page(browser)
    page.open(path)
    page.wait_until("window.policygraphView && window.policygraphView.settled === true", timeout=90)
    time.sleep(0.3)  # the frame drawn after the labels were separated: the sizes read are of that frame
    boxes = page.evaluate(LABEL_BOXES)
    scale = page.evaluate("network.getScale()")
    page.call("Page.close")
    return boxes, scale


def test_reduced_view_is_labelled_without_overlap(browser: Chromium, corpus_store: GraphStore, tmp_path: Path) -> None:
    view = views.jurisdiction_view(corpus_store, "青铜峡市", max_nodes=150)
    assert view.reduced and len(view.nodes) <= 150
    path = network.write_view(view, tmp_path / "reduced.html")
    state = check_page(
        browser, path, "青铜峡市", views.dept_node_id("青铜峡市/市场监管"), tmp_path / "view-reduced.png"
    )
    assert_clean(state)
    assert state["note"] == view.note and "未显示：" in state["note"]
    boxes, scale = label_boxes(browser, path)
    assert len(boxes) == len(view.nodes)  # every node carries a label
    clashes = overlapping(boxes)
    print(f"labels {len(boxes)}, overlapping pairs {len(clashes)}, scale {scale:.3f}")
    assert not clashes, clashes[:10]
    # and readable at the default zoom: department labels at least 7 px on screen
    assert min(b["font"] for b in boxes if b["id"].startswith("department:")) * scale >= 7


def test_views_of_a_folder_share_one_library(browser: Chromium, corpus_store: GraphStore, tmp_path: Path) -> None:
    written = network.write_views(corpus_store, tmp_path, top_departments=1, top_cited=1)
    folder = tmp_path / "views"
    assert (folder / "vis-network.min.js").exists() and (folder / "vis-network.css").exists()
    page = folder / "jurisdiction-宝鸡市.html"
    # the collaboration views link each department to its own view, written beside them
    collaboration = (folder / "collaboration-宝鸡市.html").read_text(encoding="utf-8")
    links = {json.loads(f'"{link}"') for link in re.findall(r'"link": "([^"]+)"', collaboration)}
    assert links and all((folder / link).is_file() for link in links)
    assert page in written and '<script src="vis-network.min.js"></script>' in page.read_text(encoding="utf-8")
    state = check_page(
        browser, page, "宝鸡市科学技术局", views.dept_node_id("宝鸡市/科技"), tmp_path / "view-shared.png"
    )
    assert_clean(state)  # the shared script loaded offline from beside the page: the canvas is drawn, no error
    assert state["hits"] and state["hits"][0] == views.dept_node_id("宝鸡市/科技"), state
    # the stylesheet loaded too: a tooltip element takes vis-network.css's style (absolute, hidden until hovered)
    probe = Page(browser)
    probe.open(page)
    probe.wait_until("document.readyState === 'complete' && !!document.body")
    style = probe.evaluate(
        "(() => { const d = document.createElement('div'); d.className = 'vis-tooltip'; document.body.appendChild(d);"
        " const s = getComputedStyle(d); return [s.position, s.visibility]; })()"
    )
    probe.call("Page.close")
    assert style == ["absolute", "hidden"]


def test_hostile_titles_render_as_text(browser: Chromium, tmp_path: Path) -> None:
    store = open_store(None, tmp_path / "g.db", mode="create")
    try:
        store.write(
            [
                (
                    "CREATE (d:Document {doc_id: 'doc:测政发〔2024〕1号', doc_no: '测政发〔2024〕1号', title: $title, "
                    "title_key: $title, jurisdiction: '测试市', stub: false})"
                    "-[:HAS_TASK]->(t:Task {task_id: 'doc:测政发〔2024〕1号#一', doc_id: 'doc:测政发〔2024〕1号', "
                    "path: '一', text: $title, deadline_text: $title}) "
                    "CREATE (p:Department {department_id: '测试市/科技', name: $title, jurisdiction: '测试市'})"
                    "-[:RESPONSIBLE_FOR {role: 'lead', mention: $title}]->(t) "
                    "CREATE (t)-[:HAS_INDICATOR]->(:Indicator {indicator_id: 'doc:测政发〔2024〕1号#一@1', text: $title}) "
                    "CREATE (d)-[:CITES {relation: 'implements'}]->(:Document {doc_id: 'doc:上位', title: $title, "
                    "title_key: '上位', stub: true})",
                    {"title": HOSTILE},
                )
            ]
        )
        written = [
            network.write_view(views.VIEWS[kind](store, key), tmp_path / f"hostile-{kind}.html")
            for kind, key in (("document", "测政发〔2024〕1号"), ("department", "测试市/科技"))
        ]
    finally:
        store.close()
    for path in written:
        state = check_page(
            browser, path, "alert(1)", views.dept_node_id("测试市/科技"), tmp_path / f"view-{path.stem}.png"
        )
        assert_clean(state)  # no dialog, no image element, no error
        assert HOSTILE in state["title"], state  # shown literally, as text
        assert state["hits"] and state["status"].startswith(f"找到 {len(state['hits'])} 个"), state  # searchable
    page_text = written[0].read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page_text and "<img src=x" not in page_text
