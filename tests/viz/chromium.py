"""Debian's headless Chromium for the browser tests: where it is, the flags every start takes, the skip rule."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("POLICYGRAPH_CHROMIUM", "/usr/bin/chromium"))
# as root in a closed network: no sandbox, no GPU, and no background connections that would be refused
HEADLESS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    """Skip without Chromium, except under CI, which must have installed it."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium fonts-noto-cjk)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
