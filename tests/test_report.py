"""Reports: self-contained HTML and Markdown with SVG files (no browser here).

The browser half (clicks, rendering, script safety) is test_report_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner
from lxml import etree

from argmap.cli import cli
from argmap.model import ArgumentMap, Claim, Relation, Source
from argmap.report import build_report, write_report
from argmap.report._text import md_escape, safe_url

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    ROOT / "maps" / "contracts-not-declarations.yaml",
    ROOT / "maps" / "hitech-diplomacy.yaml",
]
IMG_TEXT = 'Contracts decide. <img src=x onerror="window.__pwned=1">'
SCRIPT_TITLE = "<script>window.__pwned=2</script> Alpha & co"
SOURCE_URL = "https://example.org/beta?x=1&y=2"


def hostile_maps(alpha_url: str = "javascript:alert(1)") -> list[ArgumentMap]:
    """Two small maps that rebut each other's thesis; alpha carries markup everywhere."""
    alpha = ArgumentMap(
        "alpha",
        SCRIPT_TITLE,
        Source(publisher="Pub <b>bold</b>", url=alpha_url),
        [
            Claim(
                "thesis-a",
                IMG_TEXT,
                quote="a | b * c _d_ [l](http://evil.example/) <u>",
                role="thesis",
            ),
            Claim("reason-a", "Reason for A."),
        ],
        [
            Relation("rebuts", "thesis-a", "beta#thesis-b"),
            Relation("supports", "reason-a", "thesis-a"),
        ],
    )
    beta = ArgumentMap(
        "beta",
        "Beta",
        Source(url=SOURCE_URL),
        [
            Claim("thesis-b", "Summits decide.", role="thesis"),
            Claim("reason-b", "Reason for B."),
        ],
        [
            Relation("rebuts", "thesis-b", "alpha#thesis-a"),
            Relation("supports", "reason-b", "thesis-b"),
        ],
    )
    return [alpha, beta]


@pytest.fixture(scope="module")
def seed_html() -> str:
    from argmap.workspace import load_workspace

    ws = load_workspace([str(p) for p in SEEDS]).raise_for_errors()
    return build_report(list(ws.maps.values())).to_html()


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return build_report(hostile_maps()).to_html()


def parse_strict(text: str):
    """The page as an lxml tree; html5lib's strict mode raises on any parse error."""
    parser = html5lib.HTMLParser(
        strict=True, tree=html5lib.getTreeBuilder("lxml"), namespaceHTMLElements=False
    )
    return parser.parse(text)


def url_references(tree) -> list[str]:
    """Every URL the page could load or follow: href, src, xlink:href and CSS url()."""
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local in (
                "href",
                "src",
                "srcset",
                "action",
                "formaction",
                "poster",
                "data",
            ):
                found.append(value)
            found += re.findall(r"url\(\s*['\"]?([^'\")]*)", value)
        if element.tag in ("style",) or element.tag.endswith("}style"):
            found += re.findall(r"url\(\s*['\"]?([^'\")]*)", element.text or "")
    return found


# -- HTML -------------------------------------------------------------------------


def test_seed_report_is_well_formed_html(seed_html):
    tree = parse_strict(seed_html)
    assert tree.getroot().tag == "html"
    # one inline SVG per diagram: merged + one per source
    assert len(tree.findall(".//{http://www.w3.org/2000/svg}svg")) == 3


def test_seed_report_names_both_sources_and_the_top_tension(seed_html):
    tree = parse_strict(seed_html)
    text = " ".join(tree.getroot().itertext())
    assert (
        "Will Hi-Tech Cooperation Be Enough to Rebuild China and South Korea ties?"
        in text
    )
    assert "[Reading Science] Diplomacy Has Thawed" in text
    first = tree.find(".//tr[@id='_t1']")
    claims = set(first.get("data-claims").split())
    # DESIGN.md: the top tension is "summits change the atmosphere" against
    # "contracts decide cooperation".
    assert {
        "merged-claim-contracts-decide",
        "merged-claim-exchanges-usher-cooperation",
    } <= claims


def test_ids_are_unique_and_tension_rows_point_at_claims_of_the_merged_svg(seed_html):
    tree = parse_strict(seed_html)
    ids = [e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    merged_svg = tree.find(".//{http://www.w3.org/2000/svg}svg[@data-map='merged']")
    claim_groups = {
        g.get("id")
        for g in merged_svg.iter()
        if "claim" in (g.get("class") or "").split()
    }
    rows = tree.findall(".//tr[@data-claims]")
    assert rows
    for row in rows:
        wanted = row.get("data-claims").split()
        assert wanted and set(wanted) <= claim_groups
        # without the script, the claims are plain links to the same boxes
        hrefs = {a.get("href") for a in row.iter("a")}
        assert {f"#{w}" for w in wanted} <= hrefs


def test_no_external_urls_but_the_source_link(hostile_html):
    tree = parse_strict(hostile_html)
    refs = url_references(tree)
    external = [r for r in refs if not r.startswith("#")]
    assert external == [SOURCE_URL]
    # namespace declarations are the only other "http" strings, never loaded
    assert (
        not tree.findall(".//link")
        and not tree.findall(".//img")
        and not tree.findall(".//iframe")
    )


def test_only_the_page_script_exists_and_the_csp_allows_only_it(hostile_html):
    tree = parse_strict(hostile_html)
    everything = tree.findall(".//script")
    scripts = [s for s in everything if s.get("type") != "application/json"]
    assert len(scripts) == 1
    # the explorer's data: inert JSON, one block per diagram, whose map text
    # (hostile here) never shows a "<" that could end the block
    data = [s for s in everything if s.get("type") == "application/json"]
    assert len(data) == 3
    for block in data:
        assert "<" not in block.text  # the JSON parsed below is the whole block
    texts = [c["text"] for b in data for c in json.loads(b.text)["claims"].values()]
    assert IMG_TEXT in texts
    csp = tree.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    digest = base64.b64encode(
        hashlib.sha256(scripts[0].text.encode()).digest()
    ).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    for element in tree.iter():
        if isinstance(element.tag, str):
            assert not [a for a in element.attrib if a.lower().startswith("on")], (
                element.tag
            )


def test_hostile_text_is_shown_as_text(hostile_html):
    tree = parse_strict(hostile_html)
    text = "".join(tree.getroot().itertext())
    assert IMG_TEXT in text
    assert SCRIPT_TITLE in text
    assert "Pub <b>bold</b>" in text
    assert not tree.findall(".//b")
    # the raw markup never appears unescaped in the bytes either
    assert "<img" not in hostile_html and "<script>window" not in hostile_html
    assert "&lt;img src=x onerror=" in hostile_html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "../secret.html",
        "//evil.example/x",
        "https://exa mple.org/",
    ],
)
def test_unsafe_source_urls_are_shown_as_text_not_links(url):
    tree = parse_strict(build_report(hostile_maps(alpha_url=url)).to_html())
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert url not in hrefs
    assert not [h for h in hrefs if not h.startswith("#") and h != SOURCE_URL]
    shown = [s for s in tree.iter("span") if "unlinked" in (s.get("class") or "")]
    assert [s.text for s in shown] == [url]


def test_safe_url_accepts_only_absolute_http_and_https():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    for bad in [
        "javascript:alert(1)",
        "data:,x",
        "ftp://example.org",
        "/relative",
        "example.org",
        "https://",
        'https://e.org/"onmouseover=x',
        None,
        "",
    ]:
        assert safe_url(bad) is None, bad


def test_a_hostile_report_title_is_escaped():
    title = "</title><script>window.__pwned=3</script>"
    html = build_report(hostile_maps(), title=title).to_html()
    tree = parse_strict(html)
    assert tree.find(".//title").text == title
    assert tree.find(".//h1").text == title
    scripts = tree.findall(".//script")
    assert len([s for s in scripts if s.get("type") != "application/json"]) == 1


def test_same_maps_same_bytes(tmp_path):
    first = build_report(hostile_maps()).to_html()
    second = build_report(hostile_maps()).to_html()
    assert first == second
    # and through the CLI, twice, into files
    for name in ("one", "two"):
        result = CliRunner().invoke(
            cli, ["report", *map(str, SEEDS), "-o", str(tmp_path / f"{name}.html")]
        )
        assert result.exit_code == 0, result.output
    assert (tmp_path / "one.html").read_bytes() == (tmp_path / "two.html").read_bytes()


def test_single_map_report_has_no_merge_sections():
    report = build_report(hostile_maps()[1:])
    assert report.title == "Beta"
    assert report.map_diagrams == []
    tree = parse_strict(report.to_html())
    assert tree.find(".//section[@id='_maps']") is None
    assert len(tree.findall(".//{http://www.w3.org/2000/svg}svg")) == 1
    # beta alone: thesis-b rebuts a claim of another map, nothing more
    assert tree.find(".//h1").text == "Beta"


def test_claim_index_lists_every_merged_claim_with_its_sources():
    report = build_report(hostile_maps())
    assert [e.claim.claim_id for e in report.claims] == [
        "thesis-a",
        "reason-a",
        "reason-b",
        "thesis-b",
    ]
    by_id = {e.claim.claim_id: e for e in report.claims}
    assert [(m, c) for m, c, _, _ in by_id["thesis-a"].statements] == [
        ("alpha", "thesis-a")
    ]
    assert by_id["thesis-a"].tensions == (1,)
    assert by_id["reason-b"].tensions == ()


def test_report_to_dict_is_json():
    data = build_report(hostile_maps()).to_dict()
    text = json.dumps(data)
    assert json.loads(text)["sources"][1]["link"] == SOURCE_URL
    assert "link" not in data["sources"][0]  # javascript: URL is not a link
    assert data["tensions"][0]["rank"] == 1


# -- Markdown -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a|b", r"a\|b"),
        ("*bold* and _it_", r"\*bold\* and \_it\_"),
        ("<img src=x>", r"\<img src=x\>"),
        ("[x](javascript:y)", r"\[x\]\(javascript:y\)"),
        ("two\nlines  here", "two lines here"),
        ("back\\slash `code`", r"back\\slash \`code\`"),
        ("AT&T", r"AT\&T"),
        ("plain words, 3.5 - ok", "plain words, 3.5 - ok"),
    ],
)
def test_md_escape(text, expected):
    assert md_escape(text) == expected


def _md_rows(md: str, header: str) -> list[str]:
    lines = md.splitlines()
    start = lines.index(header)
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def _cells(row: str) -> int:
    """Table cells in a GFM row: pipes not escaped by a backslash."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_markdown_report_files_escaping_and_links(tmp_path):
    out = tmp_path / "out" / "report.md"
    written = write_report(build_report(hostile_maps()), out)
    names = sorted(p.name for p in written)
    assert names == [
        "report-alpha.svg",
        "report-beta.svg",
        "report-merged.svg",
        "report.md",
    ]
    md = out.read_text()
    for svg in ("report-merged.svg", "report-alpha.svg", "report-beta.svg"):
        assert f"]({svg})" in md
        root = etree.fromstring((out.parent / svg).read_bytes())
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    # the only link is the https source; the javascript: URL is text
    links = re.findall(r"(?<!\\)\[[^\]]*\]\(([^)]*)\)", md)
    assert sorted(links) == sorted(
        [
            "https://example.org/beta?x=1&y=2",
            "report-merged.svg",
            "report-alpha.svg",
            "report-beta.svg",
        ]
    )
    assert r"javascript:alert\(1\)" in md
    # map text is escaped: no raw HTML, and pipes never add table cells
    raw_html = re.findall(r"(?<!\\)<[^>]*>", md)
    assert set(raw_html) == {"<br>"}  # our own line breaks in table cells, nothing else
    assert r"\<img src=x onerror=" in md
    tension_rows = _md_rows(md, "| # | Score | Kind | Tension | Claims | Quotes |")
    assert len(tension_rows) == 1 and _cells(tension_rows[0]) == 6
    index_rows = _md_rows(md, "| Claim | Role | Stated by | Tensions |")
    assert len(index_rows) == 4 and all(_cells(r) == 4 for r in index_rows)
    assert r"a \| b \* c \_d\_ \[l\]\(http://evil.example/\) \<u\>" in md


def test_markdown_is_deterministic_and_svg_names_follow_the_stem(tmp_path):
    a = write_report(build_report(hostile_maps()), tmp_path / "a" / "notes.md")
    b = write_report(build_report(hostile_maps()), tmp_path / "b" / "notes.md")
    assert [p.name for p in a] == [
        "notes.md",
        "notes-merged.svg",
        "notes-alpha.svg",
        "notes-beta.svg",
    ]
    for x, y in zip(a, b):
        assert x.read_bytes() == y.read_bytes()


# -- CLI ---------------------------------------------------------------------------

BAD_MAP = "argmap: 1\nid: bad\nclaims:\n  a:\n    text: A\n    supports: [nowhere]\n"


def test_cli_bad_map_exits_1_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_MAP)
    for name in ("r.html", "r.md"):
        result = CliRunner().invoke(
            cli, ["report", str(bad), "-o", str(tmp_path / "out" / name)]
        )
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert "bad.yaml:6" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_keeps_an_existing_report_when_a_map_is_bad(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_MAP)
    out = tmp_path / "report.html"
    out.write_text("old report")
    result = CliRunner().invoke(cli, ["report", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "report.html"]


def test_cli_unknown_extension_and_missing_file(tmp_path):
    result = CliRunner().invoke(
        cli, ["report", *map(str, SEEDS), "-o", str(tmp_path / "r.pdf")]
    )
    assert result.exit_code == 1
    assert "report.html or report.md" in result.output
    result = CliRunner().invoke(
        cli, ["report", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 1
    assert "nope.yaml" in result.output
    assert list(tmp_path.iterdir()) == []


def test_cli_json_title_and_mermaid_note(tmp_path):
    out = tmp_path / "r.md"
    result = CliRunner().invoke(
        cli,
        [
            "report",
            *map(str, SEEDS),
            "-o",
            str(out),
            "--title",
            "T <x>",
            "--mermaid",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == "T <x>"
    assert data["maps"] == ["contracts-not-declarations", "hitech-diplomacy"]
    assert data["files"][0] == str(out) and len(data["files"]) == 4
    assert data["tensions"] >= 1
    md = out.read_text()
    assert md.startswith(r"# T \<x\>")
    assert "```mermaid" in md
    assert data["notes"] == []


# -- notebooks ---------------------------------------------------------------------


def test_repr_svg_gives_embeddable_svg():
    svg = hostile_maps()[1]._repr_svg_()
    root = etree.fromstring(svg.encode())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not svg.startswith("<?xml")
    assert root.get("viewBox")
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert "beta-claim-thesis-b" in ids


def test_a_source_map_called_merged_collides_with_nothing(tmp_path):
    alpha, beta = hostile_maps()
    beta.id = "merged"
    alpha.relations[0].target = "merged#thesis-b"
    report = build_report([alpha, beta])
    assert report.merged.id == "merged-2"
    tree = parse_strict(report.to_html())
    ids = [e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")]
    assert len(ids) == len(set(ids))
    assert "merged-2-claim-thesis-b" in ids and "merged-claim-thesis-b" in ids
    written = write_report(report, tmp_path / "r.md")
    assert sorted(p.name for p in written) == [
        "r-alpha.svg",
        "r-merged-map.svg",
        "r-merged.svg",
        "r.md",
    ]


# -- one assignment of sources for the whole page ------------------------------------------

MINJI = ROOT / "maps" / "seminar" / "minji-objections.yaml"
HITECH = ROOT / "maps" / "hitech-diplomacy.yaml"


@pytest.fixture(scope="module")
def extension_report():
    """Minji's extension (on contracts-not-declarations) beside hitech-diplomacy."""
    from argmap.workspace import load_workspace

    ws = load_workspace([str(MINJI), str(HITECH)]).raise_for_errors()
    return build_report(list(ws.maps.values()))


def _svg_of(tree, map_id: str):
    (svg,) = [
        e
        for e in tree.iter("{http://www.w3.org/2000/svg}svg")
        if e.get("data-map") == map_id
    ]
    return svg


def _letters(svg, element_id: str) -> str:
    """The source letters a claim's box shows ("A", "A+C")."""
    (group,) = [e for e in svg.iter() if e.get("id") == element_id]
    text = " ".join(
        t.text or "" for t in group.iter("{http://www.w3.org/2000/svg}text")
    )
    return re.search(r"\bsources? ([A-Z+]+) ", text).group(1)


def test_sources_table_and_every_diagram_agree_on_letters(extension_report):
    report = extension_report
    # Sorted ids: contracts-not-declarations A, hitech-diplomacy B,
    # minji-objections C; the base is listed before the extension it is part of.
    assert [(s.map_id, s.letter, s.part_of) for s in report.sources] == [
        ("contracts-not-declarations", "A", "minji-objections"),
        ("minji-objections", "C", None),
        ("hitech-diplomacy", "B", None),
    ]
    assert [s.color for s in report.sources] == ["#0072B2", "#009E73", "#E69F00"]
    assert report.title == "Where 3 sources disagree" and report.source_count == 3
    tree = parse_strict(report.to_html())
    minji = _svg_of(tree, "minji-objections")
    assert (
        _letters(minji, "minji-objections-claim-governments-license-contracts") == "C"
    )
    assert _letters(minji, "minji-objections-claim-ground-disputes") == "A"
    merged = _svg_of(tree, report.merged.id)
    assert _letters(merged, "merged-claim-governments-license-contracts") == "C"
    # Minji's claims wear C's colour (bluish green) in her own diagram too.
    (group,) = [
        e
        for e in minji.iter()
        if e.get("id") == "minji-objections-claim-governments-license-contracts"
    ]
    strokes = {e.get("stroke") for e in group.iter() if e.get("stroke")}
    assert strokes == {"#009e73"}


def test_every_link_of_the_page_has_a_target(extension_report):
    tree = parse_strict(extension_report.to_html())
    ids = {e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")}
    links = [
        e.get("href")
        for e in tree.iter()
        if isinstance(e.tag, str) and (e.get("href") or "").startswith("#")
    ]
    assert links and [h for h in links if h[1:] not in ids] == []


def test_a_base_claim_links_to_the_extension_diagram_that_draws_it(extension_report):
    by_id = {e.claim.claim_id: e for e in extension_report.claims}
    statements = {(m, c): el for m, c, el, _ in by_id["ground-disputes"].statements}
    assert statements == {
        ("contracts-not-declarations", "ground-disputes"): (
            "minji-objections-claim-ground-disputes"
        )
    }
    hitech_claim = next(
        e for e in extension_report.claims if e.statements[0][0] == "hitech-diplomacy"
    )
    _, c, element, _ = hitech_claim.statements[0]
    assert element == f"hitech-diplomacy-claim-{c}"


def test_markdown_svgs_use_the_reports_letters(extension_report, tmp_path):
    from argmap.report import report_files

    files = report_files(extension_report, tmp_path / "r.md")
    svg = files[tmp_path / "r-minji-objections.svg"]
    root = etree.fromstring(svg.encode())
    assert _letters(root, "claim-governments-license-contracts") == "C"
    md = files[tmp_path / "r.md"]
    assert "- **A** — \\[Reading Science\\]" in md
    assert "part of `minji-objections`" in md


def test_a_statement_no_diagram_draws_is_not_a_link():
    from argmap.model import Provenance

    # A merged map given alone: its claims came from maps the page has no
    # diagram of, except through the merged map itself.
    merged_input = ArgumentMap(
        "digest",
        "Digest",
        claims=[
            Claim("x", "X.", provenance=(Provenance("a", "x"), Provenance("b", "y"))),
        ],
        merged_from=[ArgumentMap("a", "A paper"), ArgumentMap("b", "B paper")],
    )
    other = ArgumentMap("other", "Other", claims=[Claim("o", "O.")])
    report = build_report([merged_input, other])
    (entry,) = [e for e in report.claims if e.claim.claim_id == "x"]
    assert [el for _, _, el, _ in entry.statements] == [
        "digest-claim-x",
        "digest-claim-x",
    ]
    assert [(s.map_id, s.letter, s.part_of) for s in report.sources] == [
        ("a", "A", "digest"),
        ("b", "B", "digest"),
        ("digest", "", None),
        ("other", "C", None),
    ]
    html = report.to_html()
    assert 'href="#None"' not in html
    # The merged input states nothing itself: no letter in the sources table.
    letters = re.findall(r'<td class="letter">(.*?)</td>', html)
    assert [re.sub(r"<[^>]+>", "", cell) for cell in letters] == ["A", "B", "", "C"]


def test_report_emphasis_is_the_shared_tension_emphasis():
    from argmap.analysis.emphasis import tension_emphasis
    from argmap.analysis.tensions import Quote, Tension

    maps = hostile_maps()
    given = [
        Tension(
            "custom",
            0.5,
            ("reason-a", "elsewhere#z"),
            relations=("reason-a->thesis-a", "nowhere->x"),
            quotes=(Quote("reason-a", "alpha", "said"), Quote("x", "beta", None)),
        )
    ]
    report = build_report(maps, tensions=given)
    assert report.emphasis == tension_emphasis(report.merged, given)
    # Only what the merged map has can be marked.
    assert report.emphasis == {"reason-a": "tension", "reason-a->thesis-a": "tension"}
    (row,) = report.tensions
    assert [(q.source, q.claim, q.quote) for q in row.quotes] == [
        ("alpha", "reason-a", "said")
    ]
    assert [c.sources for c in row.claims] == [("alpha",), ("elsewhere",)]
