"""The HTML report in a real browser: headless Chromium driven by Playwright.

Needs Debian's Chromium and the ``playwright`` Python package (its bundled
browsers are not used, so ``playwright install`` is never run)::

    apt-get update && apt-get install -y chromium chromium-driver
    pip install playwright

Without them these tests skip and say so -- except under CI (``CI`` set),
where a missing browser is a failure: CI must never skip them silently.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from test_report import IMG_TEXT, SCRIPT_TITLE, SEEDS, hostile_maps

from argmap.report import build_report, write_report

CHROMIUM = (
    os.environ.get("ARGMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ENABLE = (
    "to run them: apt-get update && apt-get install -y chromium chromium-driver; "
    "pip install playwright (no 'playwright install' needed)"
)


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not Path(CHROMIUM).is_file():
        return f"Chromium not found at {CHROMIUM}"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = _missing()
    if missing:
        message = f"browser tests: {missing}; {ENABLE}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so this fails instead of skipping)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Page:
    """A report opened in a fresh page, with everything the console said."""

    def __init__(self, browser, path: Path, width: int = 1280, touch: bool = False):
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, has_touch=touch, is_mobile=touch
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda m: m.type in ("error", "warning") and self.errors.append(m.text),
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # Any request that leaves the file is a failure of self-containment.
        self.requests: list[str] = []
        self.page.on(
            "request", lambda r: r.url != path.as_uri() and self.requests.append(r.url)
        )
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def highlighted(self) -> list[str]:
        return self.page.eval_on_selector_all(".hl", "els => els.map(e => e.id).sort()")

    def close(self):
        self.context.close()


@pytest.fixture
def open_report(browser, tmp_path):
    pages = []

    def opener(maps, name="report.html", width=1280, **options) -> Page:
        path = tmp_path / name
        write_report(build_report(maps, **options), path)
        page = Page(browser, path, width)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


def _seed_maps():
    from argmap.workspace import load_workspace

    return list(
        load_workspace([str(p) for p in SEEDS]).raise_for_errors().maps.values()
    )


def test_seed_report_renders_without_errors_and_every_svg_has_a_size(
    open_report, tmp_path
):
    view = open_report(_seed_maps())
    sizes = view.page.eval_on_selector_all(
        "svg.argmap",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.dataset.map, r.width, r.height]; })",
    )
    assert [s[0] for s in sizes] == [
        "merged",
        "contracts-not-declarations",
        "hitech-diplomacy",
    ]
    for map_id, width, height in sizes:
        assert width > 300 and height > 100, (map_id, width, height)
    assert view.errors == []
    assert view.requests == []
    view.page.screenshot(path=str(tmp_path / "seed-report.png"), full_page=True)
    assert (tmp_path / "seed-report.png").stat().st_size > 10_000


def test_clicking_a_tension_row_highlights_exactly_its_claims(open_report, tmp_path):
    view = open_report(hostile_maps())
    page = view.page
    assert view.highlighted() == []
    page.click("tr#_t1 td.rank")
    # worked out by hand: the one tension is alpha's and beta's theses
    # rebutting each other; the merged map keeps their claim ids.
    assert view.highlighted() == ["merged-claim-thesis-a", "merged-claim-thesis-b"]
    classes = page.eval_on_selector(
        "#merged-claim-thesis-a", "e => e.getAttribute('class')"
    )
    assert set(classes.split()) >= {"claim", "hl"}
    # the row is marked, and the highlighted box is scrolled into view
    assert "active" in page.get_attribute("tr#_t1", "class")
    box = page.eval_on_selector(
        "#merged-claim-thesis-a", "e => e.getBoundingClientRect().top"
    )
    assert 0 <= box <= 900

    # the highlight is drawn: the outline is thicker than the unhighlighted box
    def stroke(claim_id):
        return page.eval_on_selector(
            f"#merged-claim-{claim_id} > path",
            "e => parseFloat(getComputedStyle(e).strokeWidth)",
        )

    assert stroke("thesis-a") > stroke("reason-a")
    page.screenshot(path=str(tmp_path / "highlight.png"))
    # clicking again clears it
    page.click("tr#_t1 td.rank")
    assert view.highlighted() == []
    assert view.errors == []


def test_a_claim_link_in_a_row_highlights_the_row_and_goes_to_that_claim(open_report):
    view = open_report(hostile_maps())
    page = view.page
    page.click("tr#_t1 a[href='#merged-claim-thesis-b']")
    assert view.highlighted() == ["merged-claim-thesis-a", "merged-claim-thesis-b"]
    top = page.eval_on_selector(
        "#merged-claim-thesis-b", "e => e.getBoundingClientRect().top"
    )
    assert 0 <= top <= 900


def test_seed_top_tension_row_highlights_its_claims_in_the_merged_map(open_report):
    view = open_report(_seed_maps())
    page = view.page
    page.click("tr#_t1 td.rank")
    wanted = sorted(page.get_attribute("tr#_t1", "data-claims").split())
    assert view.highlighted() == wanted
    assert {
        "merged-claim-contracts-decide",
        "merged-claim-exchanges-usher-cooperation",
    } <= set(wanted)
    # only the merged diagram's boxes: the per-source diagrams are untouched
    assert all(i.startswith("merged-claim-") for i in view.highlighted())


def test_hostile_text_is_visible_and_never_runs(open_report, tmp_path):
    view = open_report(hostile_maps(), title="<script>window.__pwned=3</script>")
    page = view.page
    page.click("tr#_t1 td.rank")  # exercise the script with hostile data in the row
    assert page.evaluate("typeof window.__pwned") == "undefined"
    body = page.inner_text("body")
    assert IMG_TEXT in body
    assert SCRIPT_TITLE in body
    assert page.inner_text("h1") == "<script>window.__pwned=3</script>"
    assert page.eval_on_selector_all("img", "els => els.length") == 0
    executable = 'script:not([type="application/json"])'
    assert page.eval_on_selector_all(executable, "els => els.length") == 1
    # javascript: source URL is text, not a link
    assert page.eval_on_selector_all("a[href^='javascript']", "els => els.length") == 0
    assert "javascript:alert(1)" in body
    assert view.errors == []
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)


def test_the_fit_button_shows_a_wide_diagram_whole(open_report):
    view = open_report(_seed_maps())
    page = view.page
    figure = "#_merged figure.diagram"

    def shown() -> list[float]:
        return page.eval_on_selector(
            f"{figure} > svg", "e => e.getAttribute('viewBox').split(' ').map(Number)"
        )

    full = page.eval_on_selector(
        f"{figure} > svg", "e => e.dataset.full.split(' ').map(Number)"
    )
    # first a readable scale (11 pt text at 11 px or more), showing a part
    assert float(page.get_attribute(figure, "data-scale")) >= 1
    before = shown()
    page.click("#_merged .explore-zoom button:has-text('Fit')")
    after = shown()
    assert after[2] > before[2]  # the view now spans more of the drawing: all of it
    assert after[0] <= full[0] + 0.5 and after[0] + after[2] >= full[0] + full[2] - 0.5
    assert after[1] <= full[1] + 0.5 and after[1] + after[3] >= full[1] + full[3] - 0.5
    assert float(page.get_attribute(figure, "data-scale")) < 1
    assert view.errors == []


def test_prints_to_pdf(browser, tmp_path):
    path = tmp_path / "report.html"
    write_report(build_report(_seed_maps()), path)
    context = browser.new_context()
    page = context.new_page()
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    nav = page.eval_on_selector("nav", "e => getComputedStyle(e).display")
    assert nav == "none"
    pdf = page.pdf()
    context.close()
    assert pdf.startswith(b"%PDF")
    (tmp_path / "report.pdf").write_bytes(pdf)


def test_several_diagrams_on_one_page_have_no_duplicate_ids(browser, tmp_path):
    """Two maps, and one map twice with different --id-prefix, in one HTML page."""
    from argmap.render import render_svg
    from argmap.render.views import focus

    first, second = _seed_maps()
    near = focus(first, next(iter(first.claims)), 1)
    figures = [
        render_svg(first, embed=True),
        render_svg(second, embed=True),
        render_svg(first, embed=True, id_prefix="whole"),
        render_svg(near, embed=True, id_prefix="near.by#1"),  # made CSS-safe
    ]
    path = tmp_path / "page.html"
    path.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>maps</title></head>"
        "<body>"
        + "".join(f"<figure>{svg}</figure>" for svg in figures)
        + "</body></html>",
        encoding="utf-8",
    )
    page = Page(browser, path)
    try:
        ids = page.page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        assert len(ids) > 100
        assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
        # Every id works as a CSS selector without escapes and finds one element.
        unsafe = [i for i in ids if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", i)]
        assert not unsafe, unsafe[:5]
        counts = page.page.evaluate(
            "ids => ids.map(i => document.querySelectorAll('#' + i).length)", ids
        )
        assert set(counts) == {1}
        assert page.page.locator("#near_2eby_231-claim-contracts-decide").count() == 1
        assert not page.errors
    finally:
        page.close()
