"""Real pages in headless Chromium: a local HTTP server and a Playwright browser.

Debian's ``chromium`` is driven by Playwright (``pip install playwright``; never
``playwright install``: no browser is downloaded).  Tests that use these skip
on a machine without Chromium or Playwright and fail under ``CI=true``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .conftest import skip_or_fail
from .local_chromium import CHROMIUM, CHROMIUM_ARGS, serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "chromium", "require_browser", "serve"]


def require_browser() -> None:
    """Skip (fail on CI) unless Playwright and Debian's Chromium are installed."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        skip_or_fail("playwright is not installed (pip install playwright)")
    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")


@contextmanager
def chromium() -> Iterator[Any]:
    """A Playwright ``Browser`` on Debian's Chromium; skip (fail on CI) if unavailable."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
