"""``glossterm-graph.json``: the term graph for scripts and visualisations.

Its shape is described by ``docs/_static/glossterm-graph.schema.json``
(JSON Schema 2020-12); ``version`` changes whenever that shape does.
"""

from __future__ import annotations

import json
from typing import Any

from sphinx_glossterm.exports.site import ExportedTerm, Glossary
from sphinx_glossterm.model.status import is_known_status

FILENAME = "glossterm-graph.json"
VERSION = 2


def graph_data(glossary: Glossary) -> dict[str, Any]:
    """The graph as plain JSON data: nodes sorted by id, edges by source, target and kind."""
    return {
        "version": VERSION,
        "nodes": [
            {
                "id": entry.key,
                "title": entry.term.title,
                "tagline": entry.term.tagline,
                "url": entry.url,
                "aliases": list(entry.aliases),
                "docname": entry.term.docname,
                "status": entry.term.status if is_known_status(entry.term.status) else "",
                "replaced_by": entry.term.replaced_by,
                "abbreviation": entry.term.abbreviation,
                "expansion": entry.term.expansion,
                **_translations(entry),
            }
            for entry in glossary.terms
        ],
        "edges": [
            {"source": edge.source, "target": edge.target, "kind": edge.kind}
            for edge in glossary.edges
        ],
    }


def _translations(entry: ExportedTerm) -> dict[str, Any]:
    """``translations``: the entry's labels in the other languages, when it has counterparts."""
    if not entry.counterparts:
        return {}
    return {
        "translations": {
            c.language: {"title": c.title, "tagline": c.tagline, "aliases": list(c.aliases)}
            for c in entry.counterparts
        }
    }


def render(glossary: Glossary) -> str:
    """The file's text: compact JSON with sorted keys, one line, UTF-8, newline at the end."""
    data = graph_data(glossary)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
