"""In production every static file a page loads has a fingerprinted name and is cached as
immutable, so after an upgrade no browser runs old JavaScript against new CSS (issue 16).

Runs collectstatic and a page with the production settings in fresh processes, as the
container does, because settings are read once, at import."""

import json
import re

import pytest

from tests.test_settings import PRODUCTION_KEY

FINGERPRINTED = re.compile(r"^/static/.+\.[0-9a-f]{12}\.(?:js|css)$")
# Static import and export-from statements, and dynamic import(), in plain or minified code.
MODULE_SPECIFIER = re.compile(r"""(?:\bfrom|\bimport\s*\(?)\s*["']([^"']+)["']""")
# Prints the public statement page, then how WhiteNoise answers each /static/ address on it.
PAGE_AND_HEADERS = """
import re
from django.test import Client
client = Client()
page = client.get("/accessibility/", secure=True)
assert page.status_code == 200, page.status_code
html = page.content.decode()
print(html)
for url in re.findall(r'"(/static/[^"]+)"', html):
    response = client.get(url, secure=True)
    print("CACHE", url, response.status_code, response.headers.get("Cache-Control"))
"""


@pytest.fixture
def production(run_manage, tmp_path):
    variables = {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": PRODUCTION_KEY,
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    collected = run_manage("collectstatic", "--no-input", "--ignore", "scss", **variables)
    assert collected.returncode == 0, collected.stderr
    return variables, tmp_path / "staticfiles"


def test_a_page_loads_only_fingerprinted_files_cached_as_immutable(run_manage, production):
    variables, static_root = production
    shown = run_manage("shell", "-c", PAGE_AND_HEADERS, **variables)
    assert shown.returncode == 0, shown.stderr
    html = shown.stdout

    scripts = re.findall(r'<script type="module" src="([^"]+)"', html)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    import_map = json.loads(
        re.search(r'<script type="importmap"[^>]*>(.*?)</script>', html, re.DOTALL).group(1)
    )["imports"]
    assert scripts and styles
    loaded = [*scripts, *styles, *import_map.values()]
    assert all(FINGERPRINTED.match(url) for url in loaded), loaded

    # What the loaded modules import resolves, through the import map, to fingerprinted files.
    for url in [*scripts, *import_map.values()]:
        source = (static_root / url.removeprefix("/static/")).read_text(encoding="utf-8")
        for specifier in MODULE_SPECIFIER.findall(source):
            assert specifier in import_map, f"{url} imports {specifier}, which is not hashed"

    served = re.findall(r"^CACHE (\S+) (\d+) (.*)$", html, re.MULTILINE)
    assert {url for url, _, _ in served} == set(loaded)
    for url, status, cache_control in served:
        assert status == "200", url
        assert "immutable" in cache_control, f"{url}: {cache_control}"
