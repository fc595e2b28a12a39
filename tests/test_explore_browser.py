"""The diagram explorer in a real browser: `render -o map.html` and the report's diagrams.

Search, pan and zoom (mouse, touch, keyboard), the details panel, collapsing
a branch, a phone-sized screen; no console errors, no network request.
Needs Chromium and playwright, as tests/test_report_browser.py says.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_render_views import big_map
from test_report import IMG_TEXT, hostile_maps
from test_report_browser import Page, browser  # noqa: F401 (fixture)

from argmap.analysis.merge import merge
from argmap.render import render
from argmap.render.budget import choose_budget
from argmap.render.views import select
from argmap.workspace import load_workspace

FIGURE = "figure.exploring"


@pytest.fixture
def open_map(browser, tmp_path):  # noqa: F811 (the fixture)
    pages: list[Page] = []

    def opener(amap, name="map.html", width=1280, touch=False, **drawing) -> Page:
        path = tmp_path / name
        render(amap, path, **drawing)
        page = Page(browser, path, width, touch=touch)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


def count_says(page, expected: str | None = None) -> str:
    """Wait for the search's "n of m" (the page's CSP forbids evaluating strings)."""
    text = ""
    for _ in range(100):
        text = page.inner_text(".explore-count")
        if (expected is None and text) or text == expected:
            return text
        page.wait_for_timeout(50)
    raise AssertionError(f"the search says {text!r}, not {expected!r}")


def view_box(page) -> list[float]:
    return page.eval_on_selector(
        f"{FIGURE} > svg", "e => e.getAttribute('viewBox').split(' ').map(Number)"
    )


def scale(page) -> float:
    return float(page.get_attribute(FIGURE, "data-scale"))


def box(page, selector: str) -> dict:
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect(); "
        "return {x: r.x, y: r.y, w: r.width, h: r.height}; }",
    )


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["w"] > 0
        and inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + 1
        and inner["y"] + inner["h"] <= outer["y"] + outer["h"] + 1
    )


@pytest.fixture(scope="module")
def big():
    # 300 claims, a forest of three trees: quick to lay out, too big to read whole
    return big_map(300)


def test_search_finds_a_claim_and_centres_it(open_map, big):
    view = open_map(big)
    page = view.page
    # a claim the first view does not show
    claim = page.evaluate(
        """() => { const f = document.querySelector('figure').getBoundingClientRect();
        return [...document.querySelectorAll('g.claim')].reverse().find(g => {
            const r = g.getBoundingClientRect();
            return r.right < f.left || r.left > f.right || r.bottom < f.top || r.top > f.bottom;
        }).dataset.claim; }"""
    )
    target = f"#big-300-claim-{claim}"
    page.fill(".explore-find input", f'"number {claim[1:]} says"')
    count_says(page, "1 of 1")
    assert inside(box(page, target), box(page, FIGURE))
    assert "current-match" in page.get_attribute(target, "class")
    # several matches: every one outlined, Enter goes to the next
    page.fill(".explore-find input", '"number 28"')
    count_says(page, "1 of 11")
    assert page.eval_on_selector_all("svg .claim.match", "els => els.length") == 11
    page.press(".explore-find input", "Enter")
    assert page.inner_text(".explore-count") == "2 of 11"
    current = page.eval_on_selector(".claim.current-match", "e => e.dataset.claim")
    assert current == "c280"  # in map order: c28, then c280 ... c289
    assert inside(box(page, ".claim.current-match"), box(page, FIGURE))
    page.fill(".explore-find input", "no claim says this")
    count_says(page, "no match")
    assert view.errors == [] and view.requests == []


def test_zoom_and_pan_with_the_mouse(open_map, big):
    view = open_map(big)
    page = view.page
    figure = box(page, FIGURE)
    centre = (figure["x"] + figure["w"] / 2, figure["y"] + figure["h"] / 2)
    s0, x0 = scale(page), view_box(page)[0]
    # a plain wheel scrolls the page; Ctrl + wheel zooms in at the pointer
    page.mouse.move(*centre)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    page.wait_for_timeout(100)
    s1 = scale(page)
    assert s1 > s0 * 1.2
    # the point under the pointer stays put
    x1, y1, w1, _ = view_box(page)
    assert abs((x1 + w1 / 2) - (x0 + figure["w"] / s0 / 2)) < 2
    # drag 200 px left and 100 px up: the view moves 200/s right, 100/s down
    page.mouse.move(*centre)
    page.mouse.down()
    page.mouse.move(centre[0] - 200, centre[1] - 100, steps=8)
    page.mouse.up()
    x2, y2, *_ = view_box(page)
    assert abs((x2 - x1) - 200 / s1) < 1 and abs((y2 - y1) - 100 / s1) < 1
    # the buttons
    page.click("button[aria-label='Zoom out']")
    assert scale(page) == pytest.approx(s1 / 1.4, rel=1e-3)
    page.click("button[aria-label='Actual size']")
    assert scale(page) == pytest.approx(4 / 3, rel=1e-3)
    assert view.errors == [] and view.requests == []


def test_zoom_and_pan_with_the_keyboard(open_map, big):
    view = open_map(big)
    page = view.page
    page.focus(FIGURE)
    s0 = scale(page)
    page.keyboard.press("+")
    assert scale(page) == pytest.approx(s0 * 1.4, rel=1e-3)
    x1, y1, w1, h1 = view_box(page)
    page.keyboard.press("ArrowRight")
    x2, *_ = view_box(page)
    assert x2 == pytest.approx(x1 + 0.15 * w1, abs=0.05)
    page.keyboard.press("ArrowDown")
    assert view_box(page)[1] == pytest.approx(y1 + 0.15 * h1, abs=0.05)
    page.keyboard.press("0")  # fit: all of it
    x, y, w, h = view_box(page)
    full = page.eval_on_selector(
        f"{FIGURE} > svg", "e => e.dataset.full.split(' ').map(Number)"
    )
    assert x <= full[0] + 0.5 and x + w >= full[0] + full[2] - 0.5
    assert y <= full[1] + 0.5 and y + h >= full[1] + full[3] - 0.5
    # Tab reaches the claims; Enter opens one's details
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.claim")
    assert focused
    page.keyboard.press("Enter")
    assert page.is_visible(".explore-panel")
    assert page.inner_text(".explore-panel h3") == big.claims[focused].text
    page.keyboard.press("Escape")
    assert not page.is_visible(".explore-panel")
    assert view.errors == [] and view.requests == []


def test_pinch_and_drag_with_touch(open_map, big):
    view = open_map(big, width=390, touch=True)
    page = view.page
    figure = box(page, FIGURE)
    cx, cy = figure["x"] + figure["w"] / 2, figure["y"] + figure["h"] / 2
    cdp = page.context.new_cdp_session(page)

    def touch(kind: str, points: list[tuple[float, float]]) -> None:
        cdp.send(
            "Input.dispatchTouchEvent",
            {
                "type": kind,
                "touchPoints": [
                    {"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)
                ],
            },
        )

    s0 = scale(page)
    touch("touchStart", [(cx - 30, cy), (cx + 30, cy)])
    for step in range(1, 9):
        touch("touchMove", [(cx - 30 - 10 * step, cy), (cx + 30 + 10 * step, cy)])
    touch("touchEnd", [])
    s1 = scale(page)
    assert s1 > s0 * 1.8  # fingers 60 px apart, then 220 px: about 3.7 times
    x1, y1, *_ = view_box(page)
    touch("touchStart", [(cx, cy)])
    for step in range(1, 9):
        touch("touchMove", [(cx + 10 * step, cy + 5 * step)])
    touch("touchEnd", [])
    x2, y2, *_ = view_box(page)
    assert x2 - x1 == pytest.approx(-80 / s1, abs=1) and y2 - y1 == pytest.approx(
        -40 / s1, abs=1
    )
    assert view.errors == [] and view.requests == []


def _descendants(amap, claim: str) -> set[str]:
    below: dict[str, list[str]] = {}
    for r in amap.relations:
        below.setdefault(r.target, []).append(r.source)
    found, stack = set(), [claim]
    while stack:
        for child in below.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def test_collapse_hides_a_branch_and_shows_its_count(open_map, big):
    view = open_map(big)
    page = view.page
    page.fill(".explore-find input", '"number 3 says"')
    count_says(page)
    page.click("#big-300-claim-c3")
    below = _descendants(big, "c3")  # a tree: the branch is every claim below
    assert len(below) > 3
    button = page.locator(".explore-actions button")
    assert button.inner_text() == f"Collapse the {len(below)} claims below"
    button.click()

    def shown(claim: str) -> bool:
        return page.eval_on_selector(
            f"#big-300-claim-{claim}", "e => getComputedStyle(e).display !== 'none'"
        )

    assert not any(shown(c) for c in below)
    assert shown("c3") and shown("c0")
    badge = page.text_content("#big-300-claim-c3 .collapse-badge text")
    assert badge == f"+{len(below)}"
    # their lines go too: every line still drawn joins two shown claims
    hidden_lines = page.eval_on_selector_all(
        "svg .relation.explore-hidden", "els => els.length"
    )
    relations_below = sum(1 for r in big.relations if r.source in below)
    assert hidden_lines == relations_below
    # a search for a hidden claim opens the branch again
    some = min(below)
    page.fill(".explore-find input", f'"number {some[1:]} says"')
    for _ in range(100):  # the last search also said "1 of 1": wait for this one
        if "current-match" in page.get_attribute(f"#big-300-claim-{some}", "class"):
            break
        page.wait_for_timeout(50)
    assert all(shown(c) for c in below)
    assert page.eval_on_selector_all(".collapse-badge", "els => els.length") == 0
    assert view.errors == [] and view.requests == []


def test_a_two_pass_drawing_is_explored_the_same(open_map, big):
    # the layout budget's cheapest tier (maps of thousands of claims): nop2
    # draws the packed trees, with its own coordinates; search and collapse
    # must find their way in it all the same
    view = open_map(big, budget=choose_budget(big, "two-pass"))
    page = view.page
    page.fill(".explore-find input", '"number 287 says"')
    count_says(page, "1 of 1")
    assert inside(box(page, "#big-300-claim-c287"), box(page, FIGURE))
    page.click("#big-300-claim-c287")
    assert page.inner_text(".explore-panel h3") == big.claims["c287"].text
    page.fill(".explore-find input", '"number 3 says"')
    count_says(page, "1 of 1")
    page.click("#big-300-claim-c3")
    below = _descendants(big, "c3")
    page.locator(".explore-actions button").click()
    badge = page.text_content("#big-300-claim-c3 .collapse-badge text")
    assert badge == f"+{len(below)}"
    assert view.errors == [] and view.requests == []


def test_the_details_panel_and_hostile_text(open_map):
    merged = merge(hostile_maps())
    view = open_map(merged)
    page = view.page
    page.click("#merged-claim-thesis-a")
    panel = ".explore-panel"
    assert page.inner_text(f"{panel} h3") == IMG_TEXT  # shown as text
    assert "a | b * c _d_ [l](http://evil.example/) <u>" in page.inner_text(panel)
    assert page.eval_on_selector_all("img", "els => els.length") == 0
    assert page.eval_on_selector_all(f"{panel} u", "els => els.length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # its neighbours are buttons that go to them
    neighbours = page.locator(f"{panel} .explore-neighbours button")
    texts = neighbours.all_inner_texts()
    assert "Reason for A." in texts and "Summits decide." in texts
    page.click(f"{panel} .explore-neighbours button:has-text('Summits decide.')")
    assert page.inner_text(f"{panel} h3") == "Summits decide."
    assert "selected" in page.get_attribute("#merged-claim-thesis-b", "class")
    assert view.errors == [] and view.requests == []


def test_an_overview_box_lists_its_claims(open_map, big):
    overview = select(big, levels=1)
    view = open_map(overview.map, hidden=overview.hidden)
    page = view.page
    first = overview.hidden.branches[0]
    page.click(f"#big-300-{first.id}")
    assert page.inner_text(".explore-panel h3") == first.label
    items = page.locator(".explore-branch li").all_inner_texts()
    assert items == list(first.texts)
    assert view.errors == []


def test_a_phone_sized_screen(open_map, tmp_path):
    ws = load_workspace([Path(__file__).parent.parent / "maps"]).raise_for_errors()
    amap = merge(list(ws.maps.values()))
    view = open_map(amap, width=390, touch=True)
    page = view.page
    # nothing sticks out sideways; the tools and the diagram fit the width
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    for selector in (".explore-tools", FIGURE):
        b = box(page, selector)
        assert b["x"] >= 0 and b["x"] + b["w"] <= 390
    # touch targets are big enough to hit
    sizes = page.eval_on_selector_all(
        ".explore button",
        "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])",
    )
    assert all(w >= 36 and h >= 36 for w, h in sizes)
    page.fill(".explore-find input", "summit")
    count_says(page)
    page.tap(".claim.current-match")
    assert page.is_visible(".explore-panel")
    panel = box(page, ".explore-panel")
    assert panel["x"] >= 0 and panel["x"] + panel["w"] <= 390
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert view.errors == [] and view.requests == []


def test_the_page_is_self_contained_and_its_data_is_inert_json(tmp_path, big):
    path = tmp_path / "map.html"
    render(big, path)
    html = path.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/", "")
    assert "https://" not in html
    start = html.index('<script type="application/json"')
    block = html[html.index(">", start) + 1 : html.index("</script>", start)]
    data = json.loads(block)
    assert len(data["claims"]) == 300 and data["roots"] == ["c0", "c1", "c2"]
