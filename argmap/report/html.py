"""The report as one self-contained HTML page.

Everything the page needs is inside it: CSS, the diagrams as inline SVG and
one script: the diagram explorer (:mod:`argmap.render.explore`: pan, zoom,
search, details, collapse) and the report's own part (clicking a tension
highlights its claims in the merged diagram and centres them).  It works
without the script too: every claim in the tension table is a plain link to
its node, which ``:target`` CSS outlines.

Map text reaches the page only through Jinja2 with autoescaping on, and as
the explorer's JSON (escaped by :func:`argmap.render.explore.json_script`);
the renderer's SVG is the one thing inserted as markup (it escapes map text
itself).  A Content-Security-Policy allows no network access and only the
page's own script (by hash), so even a mistake in escaping could not run
code or fetch anything.
"""

from __future__ import annotations

from functools import lru_cache

from argmap.report.records import ReportData
from argmap.text import for_template

__all__ = ["render_html"]


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
        finalize=for_template,
    )
    env.filters["score"] = lambda value: f"{value:.2f}"
    env.filters["kind_label"] = lambda kind: (
        str(kind).replace("-", " ").replace("_", " ")
    )
    return env


def render_html(report: ReportData) -> str:
    """The HTML text of *report* (the same report gives the same text)."""
    from markupsafe import Markup

    from argmap.render.explore import asset, json_script, page_policy

    env = _environment()
    # Static assets of our own, rendered with no map data in them: the
    # diagram explorer's, then the report's (which uses the explorer).
    script = asset("explore.js") + "\n" + env.get_template("report.js").render()
    style = env.get_template("report.css").render() + "\n" + asset("explore.css")
    diagrams = [report.merged_diagram, *report.map_diagrams]
    svg = {d.map_id: Markup(d.svg) for d in diagrams}
    data = {
        d.map_id: Markup(json_script(d.explore, d.explore_id))
        if d.explore is not None
        else Markup("")
        for d in diagrams
    }
    return env.get_template("report.html.j2").render(
        report=report,
        svg=svg,
        data=data,
        script=Markup(script),
        style=Markup(style),
        csp=page_policy(script),
    )
