"""What the browser tests share: Debian's Chromium driven by Playwright, offline pages, and
axe-core (npm, pinned by package-lock.json; `make setup` installs it) for WCAG checks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

from wres_analysis.paths import PROJECT_ROOT
from wres_analysis.publish.pdf import CHROMIUM, LAUNCH_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA as axe-core tags them (2.0, 2.1 and 2.2 success criteria).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP, PHONE = 1280, 390
HEIGHT = {DESKTOP: 900, PHONE: 844}


def require_browser() -> ModuleType:
    """playwright.sync_api, or skip the calling test module (no Chromium, no Playwright)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(
            f"{CHROMIUM} is missing: `make setup` installs Debian's chromium when run as root "
            "(or: apt-get install --no-install-recommends chromium)",
            allow_module_level=True,
        )
    return pytest.importorskip(
        "playwright.sync_api",
        reason="playwright is not installed: pip install -c requirements.lock -e '.[dev]'",
        exc_type=ImportError,
    )


@contextmanager
def chromium(sync_api: ModuleType) -> Iterator[Browser]:
    """One headless Chromium."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=list(LAUNCH_ARGS)
        )
        yield browser
        browser.close()


class Offline:
    """A browser context in which any request that is not file: or data: is refused."""

    def __init__(self, browser: Browser, width: int) -> None:
        self.context: BrowserContext = browser.new_context(
            viewport={"width": width, "height": HEIGHT.get(width, 900)}, service_workers="block"
        )
        self.requested: list[str] = []
        self.context.on("request", lambda request: self.requested.append(request.url))
        self.context.route("**/*", self._local_only)

    @staticmethod
    def _local_only(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    def network(self) -> list[str]:
        """URLs asked for beyond the local files."""
        return [url for url in self.requested if not url.startswith(("file:", "data:"))]

    def open(self, path: Path) -> Page:
        """A new page showing the file, loaded."""
        page = self.context.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return page


def require_axe() -> str:
    """axe-core's script, or skip the test (node_modules/axe-core is not installed)."""
    if not AXE.is_file():
        pytest.skip(f"{AXE.relative_to(PROJECT_ROOT)} is missing: `make setup` installs it (npm)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page, axe_script: str) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page: rule, impact and where."""
    page.add_script_tag(content=axe_script)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']}; at "
        + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:5])
        for v in result["violations"]
    ]
