"""The report as one self-contained HTML page.

Everything the page needs is inside it: CSS, the diagrams as inline SVG and a
small script (clicking a tension highlights its claims in the merged diagram).
It works without the script too: every claim in the tension table is a plain
link to its node, which ``:target`` CSS outlines.

Map text reaches the page only through Jinja2 with autoescaping on; the
renderer's SVG is the one thing inserted as markup (it escapes map text
itself).  A Content-Security-Policy allows no network access and only the
page's own script (by hash), so even a mistake in escaping could not run
code or fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from argmap.report.records import ReportData
from argmap.text import strip_controls

__all__ = ["render_html"]


def _printable(value):
    """Every {{ value }} of the templates, before escaping: text without control characters."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        # Control characters are parse errors in HTML (a YAML "\a" in a
        # quote would otherwise reach the page as it is).
        return strip_controls(value, keep="\t\n\r")
    return value


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("argmap.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_printable,
    )
    env.filters["score"] = lambda value: f"{value:.2f}"
    env.filters["kind_label"] = lambda kind: (
        str(kind).replace("-", " ").replace("_", " ")
    )
    return env


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render_html(report: ReportData) -> str:
    """The HTML text of *report* (the same report gives the same text)."""
    from markupsafe import Markup

    env = _environment()
    # Static assets of our own, rendered with no map data in them.
    script = env.get_template("report.js").render()
    style = env.get_template("report.css").render()
    svg = {
        d.map_id: Markup(d.svg) for d in [report.merged_diagram, *report.map_diagrams]
    }
    return env.get_template("report.html.j2").render(
        report=report,
        svg=svg,
        script=Markup(script),
        style=Markup(style),
        csp=(
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src '{_csp_hash(script)}'; base-uri 'none'; form-action 'none'"
        ),
    )
