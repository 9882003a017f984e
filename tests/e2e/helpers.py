"""What the browser journeys share: axe-core checks, translated strings, visits, signing in and out, error
summaries, screenshots and reflow. axe-core checks WCAG 2.0, 2.1 and 2.2 A and AA."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import Page, expect

from .conftest import PASSWORD

AXE = Axe()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SHOTS = Path("/tmp/e2e-shots")


def axe_check(page: Page) -> None:
    """Zero axe-core violations (WCAG A and AA) on the page as it is now, one h1 and no skipped heading level."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    violations = AXE.run(page, options=options).response["violations"]
    assert not violations, f"axe-core found problems on {page.url}:\n" + "\n".join(map(_describe, violations))
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "hs => hs.map(h => Number(h.tagName[1]))")
    assert levels.count(1) == 1, f"{page.url} has {levels.count(1)} h1 elements"
    skipped = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not skipped, f"{page.url} skips heading levels: {skipped}"


def _describe(violation: dict) -> str:
    nodes = "\n".join(
        f"      {' '.join(map(str, node['target']))}: {node['html'][:160]}" for node in violation["nodes"]
    )
    return f"  {violation['id']} ({violation['impact']}): {violation['help']}\n{nodes}"


def tr(text: str, language: str = "zh-hant") -> str:
    """The text as the page shows it in that language (the source text while a translation is missing)."""
    with translation.override(language):
        return translation.gettext(text)


def visit(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.ok, f"{path} answered {response.status}"
    axe_check(page)


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    visit(page, "/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def sign_out(page: Page) -> None:
    page.locator("form[action='/sign-out/'] button").click()
    expect(page).to_have_url(re.compile(r"/sign-in/$"))


def screenshot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def h1(page: Page):
    return page.get_by_role("heading", level=1)


def summary_links(page: Page) -> list[str]:
    """Check the error summary (focused, each link focuses a field that announces its error); its links."""
    summary = page.locator(".error-summary").first
    expect(summary).to_be_focused()
    axe_check(page)
    hrefs = summary.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for href in hrefs:
        summary.locator(f"a[href='{href}']").click()
        expect(page.locator(href)).to_be_focused()
        assert_error_is_announced(page, href)
    return hrefs


def assert_error_is_announced(page: Page, field_selector: str) -> None:
    """The field says it is invalid, and its description includes the error message shown beside it."""
    field = page.locator(field_selector)
    expect(field).to_have_attribute("aria-invalid", "true")
    described_by = (field.get_attribute("aria-describedby") or "").split()
    messages = [page.locator(f"#{id_}").inner_text() for id_ in described_by if id_.endswith("_error")]
    assert messages, f"{field_selector} has no error message in aria-describedby"
    assert all(messages), f"{field_selector} points aria-describedby at an empty error message"


def assert_fits(page: Page, width: int) -> None:
    """No horizontal scrolling of the page, and every control lies inside the viewport's width."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways at {width} px: {scroll_width} px wide"
    outside = page.evaluate(
        """width => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]
            .filter(e => e.getClientRects().length && !e.classList.contains('skip-link'))
            .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > width + 0.5; })
            .map(e => e.outerHTML.slice(0, 120))""",
        width,
    )
    assert not outside, f"{page.url}: controls outside the {width} px viewport: {outside}"
