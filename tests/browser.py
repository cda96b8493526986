"""Open a page in Debian's headless Chromium and watch it through the DevTools
protocol over a pipe (--remote-debugging-pipe): console messages, exceptions,
every network request, a screenshot, and the page printed to PDF as Chromium
prints it. No browser download, no web driver."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageVisit:
    console: list[str] = field(default_factory=list)  # console calls, log entries and exceptions
    errors: list[str] = field(default_factory=list)  # of those, the errors
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    evaluated: dict[str, Any] = field(default_factory=dict)
    screenshot: bytes = b""
    shots: dict[str, bytes] = field(default_factory=dict)  # of the elements asked for, by selector
    pdf: bytes = b""

    @property
    def pdf_pages(self) -> int:
        """The pages of the printed PDF (Chromium writes each page's dictionary as plain text)."""
        return len(re.findall(rb"/Type\s*/Page(?![s\w])", self.pdf))


class _Pipe:
    def __init__(self, to_browser: int, from_browser: int) -> None:
        self.to_browser = to_browser
        self.from_browser = from_browser
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 30) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read(timeout)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            event = self._read(timeout)
            self.events.append(event)
            if event.get("method") == method:
                return event

    def _read(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self.from_browser], [], [], max(remaining, 0))
            if not ready:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        raw, _, self.buffer = self.buffer.partition(b"\0")
        return dict(json.loads(raw))


def _high(fd: int) -> int:
    # Move a descriptor out of the way of 3 and 4, where Chromium expects the pipe.
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


def visit(page: Path, *, evaluate: dict[str, str] | None = None, width: int = 1200, height: int = 1600,
          media: str | None = None, pdf: bool = False, shots: tuple[str, ...] = ()) -> PageVisit:
    """Load ``page`` and report what happened; ``evaluate`` maps names to JavaScript
    expressions run in the page after it loaded (by the test, not by the page).
    ``media="print"`` lays the page out as for printing before evaluating;
    ``pdf`` prints it to PDF (A4 as its CSS asks); ``shots`` are CSS selectors of
    elements to take a picture of, each from its top, a screen high."""
    assert CHROMIUM is not None
    commands_read, commands_write = (_high(fd) for fd in os.pipe())
    replies_read, replies_write = (_high(fd) for fd in os.pipe())

    def plumb() -> None:
        os.dup2(commands_read, 3)
        os.dup2(replies_write, 4)

    with tempfile.TemporaryDirectory() as profile:
        process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
             "--disable-extensions", "--mute-audio", "--hide-scrollbars", f"--user-data-dir={profile}",
             "--remote-debugging-pipe",
             "about:blank"],
            preexec_fn=plumb, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        pipe = _Pipe(commands_write, replies_read)
        result = PageVisit()
        try:
            target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                pipe.send(f"{domain}.enable", session=session)
            pipe.send("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
            pipe.send("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
            pipe.wait_for("Page.loadEventFired")
            if media:
                pipe.send("Emulation.setEmulatedMedia", {"media": media}, session=session)
            for name, expression in (evaluate or {}).items():
                reply = pipe.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                  session=session)
                if "exceptionDetails" in reply:
                    raise RuntimeError(f"{name}: {reply['exceptionDetails']}")
                result.evaluated[name] = reply.get("result", {}).get("value")
            shot = pipe.send("Page.captureScreenshot", {"format": "png"}, session=session)
            result.screenshot = base64.b64decode(shot["data"])
            for selector in shots:
                top = pipe.send("Runtime.evaluate", {"expression": f"document.querySelector({json.dumps(selector)})"
                                                     ".getBoundingClientRect().top + window.scrollY",
                                                     "returnByValue": True}, session=session)
                clip = {"x": 0, "y": top["result"]["value"], "width": width, "height": height, "scale": 1}
                taken = pipe.send("Page.captureScreenshot", {"format": "png", "clip": clip,
                                                             "captureBeyondViewport": True}, session=session)
                result.shots[selector] = base64.b64decode(taken["data"])
            if pdf:
                printed = pipe.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True},
                                    session=session, timeout=120)
                result.pdf = base64.b64decode(printed["data"])
            pipe.send("Browser.close")
        finally:
            os.close(commands_write)
            os.close(replies_read)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for event in pipe.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                text = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))
                result.console.append(text)
                if params.get("type") in ("error", "assert"):
                    result.errors.append(text)
            elif method == "Runtime.exceptionThrown":
                text = params.get("exceptionDetails", {}).get("text", "exception")
                result.console.append(text)
                result.errors.append(text)
            elif method == "Log.entryAdded":
                entry = params.get("entry", {})
                result.console.append(entry.get("text", ""))
                if entry.get("level") == "error":
                    result.errors.append(entry.get("text", ""))
            elif method == "Network.requestWillBeSent":
                result.requests.append(params.get("request", {}).get("url", ""))
    return result
