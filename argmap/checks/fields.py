"""What one field of a map can get wrong beyond the schema.

* ``empty-text`` (error): a claim whose text is empty or blank.  In an
  extension an entry without text adds to a base claim
  (:func:`argmap.extensions.is_annotation`); the extension rules judge it.
* ``unsafe-url`` (warning): a source url that is not an ``http(s)``
  address; reports show it as text, never as a link.
"""

from __future__ import annotations

from argmap.diagnostics import Diagnostic, error, warning
from argmap.extensions import is_annotation
from argmap.model import ArgumentMap

__all__ = ["check_fields"]


def check_fields(amap: ArgumentMap) -> list[Diagnostic]:
    """The field problems of *amap* (see the module docstring)."""
    out: list[Diagnostic] = []
    url = amap.source.url
    if url and not url.lower().startswith(("http://", "https://")):
        out.append(
            warning(
                "unsafe-url",
                f"source url {url[:60]!r} is not an http(s) address; reports show it as text, not a link",
                path=amap.path,
                line=amap.lines.get("source"),
                fix="write the article's https:// address",
            )
        )
    for claim in amap.claims.values():
        if amap.extends and is_annotation(claim):
            continue  # an addition to a base claim; the extension rules judge it
        if not claim.text.strip():
            out.append(
                error(
                    "empty-text",
                    f"claim {claim.id!r} has no text",
                    path=amap.path,
                    line=claim.line,
                )
            )
    return out
