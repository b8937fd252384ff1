"""``glossterm serve``: live reload in Chromium, coalesced saves, a broken conf.py, Ctrl-C.

Each test starts the real command (``python -m sphinx_glossterm serve``) on a
free port on a copy of ``tests/roots/test-checks`` and talks to it over HTTP.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sphinx_glossterm.cli.serve import default_outdir
from sphinx_glossterm.cli.serve_http import with_reload_script

from .browser import chromium
from .projects import copy_root

CHECKOUT = Path(__file__).parents[1]
URL_LINE = re.compile(r"serving .* on (http://\S+/) ")
STARTUP_SECONDS = 60.0
SERVE = [sys.executable, "-u", "-m", "sphinx_glossterm", "serve"]


@dataclass
class Served:
    """A running ``glossterm serve`` and what it printed."""

    process: subprocess.Popen[str]
    srcdir: Path
    outdir: Path
    url: str = ""
    output: list[str] = field(default_factory=list)

    def status(self) -> dict[str, object]:
        with urllib.request.urlopen(self.url + "__glossterm__/status", timeout=10) as answer:
            return json.load(answer)

    def page(self, name: str) -> str:
        with urllib.request.urlopen(self.url + name, timeout=10) as answer:
            return answer.read().decode("utf-8")

    def wait_for(self, check: object, timeout: float = 30.0) -> dict[str, object]:
        """Poll the status until ``check(status)`` holds; the status."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.status()
            if check(status):  # type: ignore[operator]
                return status
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; status {status}; output {self.text()}")
            time.sleep(0.05)

    def text(self) -> str:
        return "".join(self.output)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    srcdir = copy_root("checks", tmp_path / "src")
    outdir = tmp_path / "out"
    environment = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    process = subprocess.Popen(
        [*SERVE, str(srcdir), str(outdir), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
    )
    run = Served(process, srcdir, outdir)
    found = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            run.output.append(line)
            match = URL_LINE.search(line)
            if match:
                run.url = match.group(1)
                found.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not found.wait(STARTUP_SECONDS):
            raise AssertionError("glossterm serve did not start:\n" + run.text())
        yield run
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        reader.join(5)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def files_of(folder: Path) -> dict[str, float]:
    return {str(path.relative_to(folder)): path.stat().st_mtime for path in folder.rglob("*")}


@pytest.mark.browser
def test_page_shows_an_edit_by_itself(served: Served) -> None:
    before = files_of(served.srcdir)
    with chromium() as browser:
        page = browser.new_page()
        page.goto(served.url + "Deep-Learning.html")
        page.evaluate("window.__glosstermMarker = 1")
        assert "Kaleidoskopwort" not in page.inner_text("body")
        edit(served.srcdir / "Deep-Learning.md", "**Deep Learning**", "**Kaleidoskopwort**")
        page.wait_for_function(
            "document.body.innerText.includes('Kaleidoskopwort')", timeout=30_000
        )
        # The page reloaded by itself (the marker set before the edit is gone).
        assert page.evaluate("window.__glosstermMarker") is None
    assert served.status()["build"] == 2
    # The built file on disk is Sphinx's; only the served page carries the script.
    on_disk = (served.outdir / "Deep-Learning.html").read_text(encoding="utf-8")
    assert "__glossterm__" not in on_disk
    assert "__glossterm__/reload.js" in served.page("Deep-Learning.html")
    # Nothing was written into the source folder (the edit aside).
    after = files_of(served.srcdir)
    assert sorted(after) == sorted(before)


def test_a_burst_of_saves_costs_at_most_two_builds(served: Served) -> None:
    first = served.wait_for(lambda status: status["attempts"] == 1)
    source = served.srcdir / "Neural-Network.md"
    original = source.read_text(encoding="utf-8")
    started = time.monotonic()
    for number in range(5):
        source.write_text(original + f"\nSpeicherstand {number}.\n", encoding="utf-8")
        time.sleep(0.04)
    assert time.monotonic() - started < 0.25
    served.wait_for(lambda status: "Speicherstand 4" in served.page("Neural-Network.html"))
    time.sleep(1.5)  # time for a third build, were one coming
    last = served.status()
    assert 1 <= int(last["attempts"]) - int(first["attempts"]) <= 2, served.text()
    assert last["error"] is None


@pytest.mark.browser
def test_a_broken_conf_keeps_the_last_good_site(served: Served) -> None:
    served.wait_for(lambda status: status["build"] == 1)
    conf = served.srcdir / "conf.py"
    good = conf.read_text(encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page()
        page.goto(served.url + "Deep-Learning.html")
        page.wait_for_function("typeof EventSource !== 'undefined'")
        conf.write_text(good + "\nthis is not python (\n", encoding="utf-8")
        status = served.wait_for(lambda status: status["error"] is not None)
        assert status["build"] == 1
        assert "conf" in str(status["error"]).lower()
        banner = page.wait_for_selector("#glossterm-serve-error", timeout=30_000)
        assert banner is not None
        assert "the last build failed" in banner.inner_text()
        # The last good pages are still served.
        assert "Deep Learning" in served.page("Deep-Learning.html")
        assert "the build failed" in served.text()
        # Mending conf.py rebuilds everything; the page reloads without the banner.
        conf.write_text(good + '\nhtml_title = "Gemeinsames Glossar"\n', encoding="utf-8")
        served.wait_for(lambda status: status["build"] == 2 and status["error"] is None)
        page.wait_for_function(
            "document.title.includes('Gemeinsames Glossar')"
            " && !document.getElementById('glossterm-serve-error')",
            timeout=30_000,
        )


def test_ctrl_c_stops_cleanly(served: Served) -> None:
    served.wait_for(lambda status: status["build"] == 1)
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(10) == 0
    assert "glossterm serve: stopped" in served.text()


def test_hidden_build_files_are_not_served(served: Served) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        served.page(".doctrees/environment.pickle")
    assert error.value.code == 404


def test_the_default_output_folder_is_outside_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    outdir = default_outdir(tmp_path / "glossary")
    assert outdir.parent == tmp_path / "cache" / "sphinx-glossterm" / "serve"
    assert outdir.name.startswith("glossary-")
    assert default_outdir(tmp_path / "other" / "glossary") != outdir


def test_the_script_goes_before_the_last_body_end() -> None:
    page = b"<html><body><p>&lt;/body&gt;</p></body></html>"
    served = with_reload_script(page, 7)
    assert served == (
        b'<html><body><p>&lt;/body&gt;</p><script src="/__glossterm__/reload.js" '
        b'data-build="7"></script></body></html>'
    )


class Cycle:
    """An object that only the cycle collector frees: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


def test_garbage_set_aside_between_builds_is_collected_at_the_next_pause() -> None:
    import gc
    import weakref

    from sphinx_glossterm.cli.serve import collect_garbage

    try:
        garbage = Cycle()
        gone = weakref.ref(garbage)
        del garbage
        survivor = Cycle()
        collect_garbage()
        assert gone() is None
        assert gc.get_freeze_count() > 0, "the survivors are not set aside"
        # Live at one pause, garbage by the next: the next pause frees it.
        dropped = weakref.ref(survivor)
        del survivor
        gc.collect()
        assert dropped() is not None, "a frozen object was collected"  # set aside indeed
        collect_garbage()
        assert dropped() is None, "garbage set aside at one pause outlives the next"
    finally:
        gc.unfreeze()
