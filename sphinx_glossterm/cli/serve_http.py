"""The HTTP side of ``glossterm serve``: the built site, live reload, and the build's state.

The built files on disk stay as Sphinx wrote them: the live-reload script is
added to each HTML page as it is served.  The page keeps one Server-Sent
Events connection to ``/__glossterm__/events`` on the same port; every
finished build sends the state (the number of the last good build and the
error of the last failed one, if any), and the script reloads the page when
the build number changed, or shows the error as a banner.  Nothing is loaded
from another host.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PREFIX = "/__glossterm__/"
EVENTS_PATH = PREFIX + "events"
STATUS_PATH = PREFIX + "status"
SCRIPT_PATH = PREFIX + "reload.js"
KEEPALIVE_SECONDS = 10.0

RELOAD_SCRIPT = """\
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = Number(script.getAttribute("data-build"));
  var BANNER = "glossterm-serve-error";
  function banner(text) {
    var box = document.getElementById(BANNER);
    if (!text) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = BANNER;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:2147483647;" +
        "margin:0;padding:.8em 1em;max-height:40vh;overflow:auto;white-space:pre-wrap;" +
        "background:#7a0010;color:#fff;font:14px/1.4 monospace;";
      document.body.appendChild(box);
    }
    box.textContent = "glossterm serve: the last build failed; this is the last good " +
      "page.\\n\\n" + text;
  }
  var events = new EventSource("EVENTS_PATH");
  events.onmessage = function (message) {
    var state = JSON.parse(message.data);
    if (state.build !== shown) { events.close(); window.location.reload(); return; }
    banner(state.error);
  };
})();
""".replace("EVENTS_PATH", EVENTS_PATH)


@dataclass
class SiteState:
    """What the build thread tells the pages: the last good build and the last error.

    ``version`` grows with every change, so a waiting event stream knows it has
    something new to send.
    """

    build: int = 0
    """How many builds have succeeded (the number the pages were served at)."""
    error: str | None = None
    attempts: int = 0
    """How many builds have been started (successful or not)."""
    version: int = 0
    closing: bool = False

    def __post_init__(self) -> None:
        self.changed = threading.Condition()

    def started(self) -> None:
        """A build starts."""
        with self.changed:
            self.attempts += 1

    def succeeded(self) -> None:
        """A build finished: the pages are new."""
        with self.changed:
            self.build += 1
            self.error = None
            self._publish()

    def failed(self, error: str) -> None:
        """A build failed: the last good site stays, the pages show ``error``."""
        with self.changed:
            self.error = error
            self._publish()

    def close(self) -> None:
        """End every event stream (the server stops)."""
        with self.changed:
            self.closing = True
            self._publish()

    def snapshot(self) -> dict[str, Any]:
        """The state as the pages and ``/__glossterm__/status`` see it."""
        with self.changed:
            return {"build": self.build, "error": self.error, "attempts": self.attempts}

    def wait_newer(self, version: int, timeout: float) -> int:
        """Wait until the state is newer than ``version`` (or ``timeout``); its version."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != version or self.closing, timeout)
            return self.version

    def _publish(self) -> None:
        self.version += 1
        self.changed.notify_all()


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the output folder, HTML pages with the reload script, and the state."""

    state: SiteState

    def __init__(self, *args: Any, state: SiteState, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for the builds

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == EVENTS_PATH:
            self._events()
        elif path == STATUS_PATH:
            self._send(json.dumps(self.state.snapshot()).encode(), "application/json")
        elif path == SCRIPT_PATH:
            self._send(RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8")
        elif any(part.startswith(".") for part in path.split("/")):
            self.send_error(404)  # the doctrees and other hidden build files
        else:
            page = self._page_of(path)
            if page is None:
                super().do_GET()
            else:
                self._send(with_reload_script(page.read_bytes(), self.state.build), "text/html")

    def _page_of(self, path: str) -> Path | None:
        """The HTML file a request path names, or ``None`` for anything else."""
        target = Path(self.translate_path(path))
        if target.is_dir():
            if not path.endswith("/"):
                return None  # the base class redirects to the folder's URL
            target = target / "index.html"
        return target if target.suffix == ".html" and target.is_file() else None

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        version = -1
        try:
            while not self.state.closing:
                newer = self.state.wait_newer(version, KEEPALIVE_SECONDS)
                if self.state.closing:
                    break
                if newer == version:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    version = newer
                    data = json.dumps(self.state.snapshot())
                    self.wfile.write(f"data: {data}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


def with_reload_script(page: bytes, build: int) -> bytes:
    """``page`` with the live-reload script before its last ``</body>``."""
    tag = f'<script src="{SCRIPT_PATH}" data-build="{build}"></script>'.encode()
    end = page.rfind(b"</body>")
    if end < 0:
        return page + tag
    return page[:end] + tag + page[end:]


class SiteServer(http.server.ThreadingHTTPServer):
    """A threading server whose request threads do not keep the process alive."""

    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser that closes a connection early is no error


def site_server(directory: Path, host: str, port: int, state: SiteState) -> SiteServer:
    """A server for ``directory`` on ``host:port`` (port 0: a free one); not yet started."""
    handler = functools.partial(SiteHandler, directory=str(directory), state=state)
    return SiteServer((host, port), handler)
