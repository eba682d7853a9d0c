"""axe-core (pinned in package.json, installed by `npm ci`) on each page type, light and dark."""

from __future__ import annotations

import pytest

from .conftest import ROOT, open_context
from .test_crawl import PAGE_TYPES

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (the Makefile's test target does)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_or_critical_violation(browser, base_url, axe_source, scheme):
    context, watch = open_context(browser)
    page = context.new_page()
    found = {}
    for name, path in PAGE_TYPES:
        page.goto(base_url + path)
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        assert page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-default-bg-color')") != ""
        page.add_script_tag(content=axe_source)
        violations = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }""")
        if violations:
            found[name] = violations
    assert found == {}, "\n".join(f"{k}: {v}" for k, vs in found.items() for v in vs)
    assert watch.problems() == []
    context.close()
