"""schema.org ``DefinedTerm`` JSON-LD for the head of each page that shows entries.

Search engines and other crawlers read it as structured data: one
``DefinedTerm`` per entry on the page, each in the ``DefinedTermSet`` that is
the glossary.  Every ``@id`` resolves to the same address as the entry's IRI
in ``glossterm.ttl``, and ``termCode`` equals the node id in
``glossterm-graph.json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sphinx_glossterm.exports.site import ExportedTerm, SiteUrls

# Inside <script>, "</script>" or "<!--" in a string would end or break the
# element; JSON allows \uXXXX for any character, so these never appear raw.
_SCRIPT_ESCAPES = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def defined_terms(
    pagename: str,
    entries: Sequence[ExportedTerm],
    term_set: dict[str, str],
    urls: SiteUrls,
) -> dict[str, Any]:
    """The JSON-LD document for one page: its entries, as seen from that page."""
    graph = []
    for entry in entries:
        term = entry.term
        address = urls.from_page(pagename, entry.url)
        node: dict[str, Any] = {
            "@type": "DefinedTerm",
            "@id": address,
            "url": address,
            "name": term.title,
            "termCode": entry.key,
            "inDefinedTermSet": term_set,
        }
        if entry.aliases:
            node["alternateName"] = list(entry.aliases)
        if term.tagline:
            node["description"] = term.tagline
        graph.append(node)
    return {"@context": "https://schema.org", "@graph": graph}


def script_json(data: Any) -> str:
    """``data`` as JSON that can stand inside a ``<script>`` element as it is."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def script_element(data: Any) -> str:
    """The ``<script type="application/ld+json">`` element holding ``data``."""
    return f'<script type="application/ld+json">{script_json(data)}</script>'
