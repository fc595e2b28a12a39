"""Every diagnostic code argmap reports, and what it means.

A :class:`~argmap.diagnostics.Diagnostic` carries a stable code besides its
message: scripts match on it (``argmap check --json``), tests assert it,
and some commands treat a code specially (``convert`` of a lone extension
downgrades ``unknown-map``).  This module is the catalogue: :data:`Code` is
the type of a code (a type checker refuses one not listed, and a
comparison with a misspelt one), :data:`CODES` gives each a line of
meaning.  A new code goes into both; ``tests/test_codes.py`` checks that
they agree and that every code the package raises or compares is here.

Codes name the problem, not the command that met it: one bad reference is
``unknown-reference`` whether ``check``, ``merge`` or ``render`` finds it
(:mod:`argmap.refs`).  Foreign formats have codes of their own, prefixed
with the format's name, for what they cannot carry into a map.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["CODES", "Code"]

Code = Literal[
    # reading files
    "io",
    "encoding",
    "syntax",
    "yaml-syntax",
    "not-a-map",
    "too-deep",
    "link-not-followed",
    "schema",
    "duplicate-id",
    "relation-source",
    # references
    "unknown-reference",
    "unknown-map",
    "unknown-relation",
    "ambiguous-relation",
    "same-as-local",
    "unknown-base",
    "duplicate-map-id",
    "extends-cycle",
    # relations and structure
    "self-relation",
    "duplicate-relation",
    "contradictory-relation",
    "support-cycle",
    "isolated-claim",
    "unreachable-claim",
    # fields
    "empty-text",
    "unsafe-url",
    "quote-not-found",
    # extensions
    "override",
    "override-without-base",
    "base-claim-changed",
    # merging
    "merged-self-relation",
    "undercut-cycle",
    # Argdown
    "argdown-syntax",
    "argdown-data",
    "argdown-frontmatter",
    "argdown-id",
    "argdown-pcs",
    "argdown-redefined",
    "argdown-text",
    "argdown-undefined",
    "argdown-undercut",
    # AIF
    "aif-dangling-edge",
    "aif-dialogue-ignored",
    "aif-incomplete",
    "aif-unsupported-node",
    # the microtext corpus
    "microtext-adu-type",
    "microtext-central-claim",
    "microtext-edge",
    "microtext-empty-unit",
]

#: Each code and what it means, in the order of :data:`Code`.
CODES: dict[Code, str] = {
    "io": "a file or folder cannot be read (missing, unreadable, empty folder)",
    "encoding": "a file is not valid UTF-8 text",
    "syntax": "a foreign file is not what its format says (JSON, GraphML, AIF shape)",
    "yaml-syntax": "a YAML file does not parse, or uses aliases or tags a map refuses",
    "not-a-map": "a file parses but is not a map (no mapping with argmap, id, claims)",
    "too-deep": "a file nests values deeper than a map ever needs (64 levels)",
    "link-not-followed": "a symbolic link leading outside the folders named; not read (note)",
    "schema": "a map breaks the map format's JSON Schema (a field, type or range)",
    "duplicate-id": "one id (a claim's, a relation's, a YAML key) is used twice",
    "relation-source": "a relation's source is not a claim of the map stating it",
    "unknown-reference": "a claim reference names no claim of a known map",
    "unknown-map": "a reference names a map that is not among the inputs",
    "unknown-relation": "an undercut names no relation",
    "ambiguous-relation": "an undercut's source->target key matches several relations",
    "same-as-local": "a claim is same_as another claim of its own map",
    "unknown-base": "the map an extension extends is nowhere to be found",
    "duplicate-map-id": "two maps (or an extension and its base) have one id",
    "extends-cycle": "maps extend each other in a cycle",
    "self-relation": "a claim supports or rebuts itself, or an undercut itself",
    "duplicate-relation": "the same relation is stated twice",
    "contradictory-relation": "one claim both supports and rebuts another",
    "support-cycle": "claims support each other in a cycle",
    "isolated-claim": "a claim has no relation to any other claim (warning)",
    "unreachable-claim": "a claim is connected to no thesis of its map (warning)",
    "empty-text": "a claim's text is empty",
    "unsafe-url": "a source URL is not http(s); reports show it as text (warning)",
    "quote-not-found": "a claim's quote is not in the article's text",
    "override": "an extension's claim replaces the text of its base claim (warning)",
    "override-without-base": "override: true in a map that extends nothing",
    "base-claim-changed": "an extension changes a base claim's field without override",
    "merged-self-relation": "a relation joins two claims that merging made one; left out",
    "undercut-cycle": "undercuts attack each other in a cycle",
    "argdown-syntax": "an Argdown file does not parse",
    "argdown-data": "Argdown data a map cannot hold (a key, a value); ignored",
    "argdown-frontmatter": "an Argdown frontmatter key a map cannot hold; ignored",
    "argdown-id": "an Argdown title gives an id already taken; renamed",
    "argdown-pcs": "an Argdown premise-conclusion structure; skipped",
    "argdown-redefined": "an Argdown statement defined again with other text",
    "argdown-text": "text after an Argdown reference; ignored",
    "argdown-undefined": "an Argdown statement used but never defined",
    "argdown-undercut": "an Argdown undercut whose inference is unclear; skipped",
    "aif-dangling-edge": "an AIF edge whose end is no node; skipped",
    "aif-dialogue-ignored": "AIF's dialogue layer (locutions, who said what); ignored",
    "aif-incomplete": "an AIF scheme node without premises or conclusion; skipped",
    "aif-unsupported-node": "an AIF node of a type a map cannot hold; skipped",
    "microtext-adu-type": "a microtext unit that is neither pro nor opp",
    "microtext-central-claim": "a microtext text whose central claim is unclear; no thesis",
    "microtext-edge": "a microtext edge that points at nothing it can attach to",
    "microtext-empty-unit": "a microtext unit linked to no text; its id stands in",
}
