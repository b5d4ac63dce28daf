"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The live server serves static files through Django's staticfiles handler, so the built
GOV.UK CSS (static/build, made by `npm run build`) must exist.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# fixtures in that thread are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_ROOT / "node_modules/axe-core/axe.min.js"
BUILT_CSS = REPO_ROOT / "static/build/application.css"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--disable-component-update",
]

# A style the Content-Security-Policy blocks, named with the file and line that tried it. One
# with no file comes from a script the test itself evaluates, not from the page: axe-core
# copies the page's style sheets into <style> elements to read them (its "preload").
REPORT_BLOCKED_STYLES = """
document.addEventListener("securitypolicyviolation", event => {
    const {violatedDirective, sourceFile, lineNumber} = event;
    if (violatedDirective.startsWith("style-src") && sourceFile) {
        console.error(`Blocked by ${violatedDirective}: ${sourceFile}:${lineNumber}`);
    }
});
"""


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} The browser tests must run in CI.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        _missing("Chromium is not installed (apt-get install chromium).")
    if not AXE_SCRIPT.exists():
        _missing("axe-core is not installed (npm ci).")
    if not BUILT_CSS.exists():
        _missing("The CSS is not built (npm run build).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab with its own cookies. Fails the test on any CSP violation,
    script error or static file that does not load."""
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.add_init_script(REPORT_BLOCKED_STYLES)
    problems: list[str] = []

    def on_console(message):
        # A failed load is reported by on_response, with its address; a blocked inline style
        # by REPORT_BLOCKED_STYLES, with its source.
        if message.type == "error" and not message.text.startswith(
            ("Failed to load resource", "Applying inline style violates")
        ):
            problems.append(f"console: {message.text}")

    def on_response(response):
        # Pages under test may answer 4xx on purpose; what they load must not. Browsers
        # ask for /favicon.ico by themselves, and the service has none (it is not GOV.UK).
        if response.request.resource_type == "document" or response.url.endswith("/favicon.ico"):
            return
        if response.status >= 400:
            problems.append(f"{response.status} for {response.url}")

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on("response", on_response)
    yield tab
    context.close()
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


def _describe(violation: dict) -> str:
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
    return f"- {violation['id']} ({violation['impact']}): {violation['help']}\n    at {targets}"


@pytest.fixture(scope="session")
def assert_accessible():
    """Run axe-core on the page as it stands and fail listing every WCAG 2.2 AA violation."""
    source = AXE_SCRIPT.read_text(encoding="utf-8")

    def check(page):
        # evaluate() is not subject to the page's Content-Security-Policy; a <script> tag is.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(source)
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
        results = page.evaluate(
            "options => axe.run(document, options)", json.loads(json.dumps(options))
        )
        violations = results["violations"]
        assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + (
            "\n".join(_describe(v) for v in violations)
        )

    return check
