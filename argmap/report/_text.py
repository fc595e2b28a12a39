"""Making untrusted map text safe for links and Markdown.

HTML escaping is Jinja2's autoescaping; what it cannot decide is which URLs
may become links.  Only absolute ``http``/``https`` addresses do: anything
else (``javascript:``, ``data:``, relative paths, addresses with spaces or
control characters) is shown as text, never followed.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from argmap.text import strip_controls

__all__ = ["md_escape", "md_url", "safe_url"]

_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")


def safe_url(url: str | None) -> str | None:
    """*url* when it is an absolute http(s) address fit to be a link, else None."""
    if not url or _UNSAFE_IN_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


# CommonMark lets a backslash escape any ASCII punctuation; these are the
# characters that start emphasis, links, HTML, tables, entities or code in
# the middle of a line (line-start syntax such as "#" or "1." cannot occur:
# map text is always written after a prefix on its line).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()|~&!#$])")


def md_escape(text: object) -> str:
    """*text* as literal Markdown inline text, on one line (safe in table cells)."""
    if text is None:
        return ""
    # Whitespace and control characters (a YAML "\a", a terminal escape)
    # alike become one space: Markdown shows no control character, and some
    # viewers would pass it on to a terminal or choke on it.
    flat = " ".join(strip_controls(str(text), keep="").split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def md_url(url: str) -> str:
    """A safe http(s) URL written so that Markdown's link syntax cannot break on it."""
    return quote(url, safe="/:?#=&%+;,@!$'*~.-_")
