"""``glossterm.ttl``: the glossary as a SKOS concept scheme in Turtle.

Written by hand rather than with rdflib: the output is a fixed, flat shape (one
scheme, one concept per entry, a few kinds of statement), and rdflib would be a
run-time dependency of every documentation build for these few lines.  The
tests parse the file with rdflib.

Concept IRIs are the entries' URLs: absolute when ``html_baseurl`` is set,
otherwise relative, resolving against the file's own location (the output root).
"""

from __future__ import annotations

from sphinx_glossterm.exports.iri import encode
from sphinx_glossterm.exports.site import ExportedTerm, Glossary
from sphinx_glossterm.model.language import bcp47
from sphinx_glossterm.model.status import RETIRED

FILENAME = "glossterm.ttl"
PREFIXES = {
    "dct": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
# Turtle's ECHAR escapes; other control characters become \\uXXXX.
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def iri_ref(iri: str) -> str:
    """``<iri>``, with any character Turtle's IRIREF excludes percent-encoded."""
    return f"<{encode(iri)}>"


_LITERAL_ESCAPES = str.maketrans(
    {**{chr(code): f"\\u{code:04X}" for code in (*range(0x20), 0x7F)}, **_ESCAPES}
)
"""Every character a literal escapes, for :meth:`str.translate` (a Python loop per character
was most of the time of writing the Turtle file)."""


def literal(text: str, language: str | None = None) -> str:
    """A Turtle string literal (``"..."``), with a language tag when one is given."""
    body = text.translate(_LITERAL_ESCAPES)
    return f'"{body}"' + (f"@{language}" if language else "")


def _concept(
    entry: ExportedTerm,
    glossary: Glossary,
    scheme: str,
    subject: str,
    related: list[str],
    replacement: str | None = None,
) -> str:
    lang = glossary.language
    term = entry.term
    statements = [
        "a skos:Concept",
        f"skos:inScheme {scheme}",
        f"skos:topConceptOf {scheme}",
        f"skos:notation {literal(entry.key)}",
    ]
    if term.title:
        statements.append(f"skos:prefLabel {literal(term.title, lang)}")
    if entry.aliases:
        labels = ", ".join(literal(alias, lang) for alias in entry.aliases)
        statements.append(f"skos:altLabel {labels}")
    if term.tagline:
        statements.append(f"skos:definition {literal(term.tagline, lang)}")
    statements += counterpart_labels(entry)
    if related:
        statements.append(f"skos:related {', '.join(related)}")
    if term.status in RETIRED:
        # A deprecated or superseded concept stays in the scheme, marked, pointing onwards.
        statements.append("owl:deprecated true")
        statements.append(f"skos:note {literal(f'status: {term.status}', 'en')}")
        if replacement:
            statements.append(f"dct:isReplacedBy {replacement}")
    return subject + " " + " ;\n    ".join(statements) + " .\n"


def counterpart_labels(entry: ExportedTerm) -> list[str]:
    """The labels and definitions of the entry's counterparts, tagged with their languages."""
    statements = []
    for counterpart in entry.counterparts:
        tag = bcp47(counterpart.language)
        if counterpart.title:
            statements.append(f"skos:prefLabel {literal(counterpart.title, tag)}")
        aliases = [alias for alias in counterpart.aliases if alias and alias != counterpart.title]
        if aliases:
            statements.append(f"skos:altLabel {', '.join(literal(a, tag) for a in aliases)}")
        if counterpart.tagline:
            statements.append(f"skos:definition {literal(counterpart.tagline, tag)}")
    return statements


def render(glossary: Glossary) -> str:
    """The Turtle text: prefixes, the concept scheme, then one concept per entry by key."""
    scheme = iri_ref(glossary.iri(glossary.scheme_url))
    # Each entry's IRI is encoded once, not once per link to it.
    refs = {entry.key: iri_ref(glossary.iri(entry.url)) for entry in glossary.terms}
    related: dict[str, list[str]] = {}
    for edge in glossary.edges:
        if edge.kind == "related":
            related.setdefault(edge.source, []).append(refs[edge.target])
    title = literal(glossary.title, glossary.language)
    blocks = [
        "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items()),
        f"{scheme} a skos:ConceptScheme ;\n    dct:title {title} .\n",
    ]
    blocks.extend(
        _concept(
            entry,
            glossary,
            scheme,
            refs[entry.key],
            related.get(entry.key, []),
            refs.get(entry.term.replaced_by),
        )
        for entry in glossary.terms
    )
    return "\n".join(blocks)
