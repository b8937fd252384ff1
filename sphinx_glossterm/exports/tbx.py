"""``glossterm.tbx``: the glossary as TBX-Basic (TermBase eXchange, ISO 30042:2019, DCA style).

One ``conceptEntry`` per entry, one ``langSec`` per language, a ``termSec`` per
name: the entry's term (its long form for "Low-Rank Adaptation (LoRA)"), its
abbreviation, its aliases, each with the entry's ``administrativeStatus``
when it declares one.  An abbreviation stub is no concept of its own: its
abbreviation is a term of the concept it leads to.  The tagline (else the lead's
first sentence) is the definition; see-also links and ``replaced-by`` are
``crossReference`` refs between concepts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sphinx_glossterm.exports.site import ExportedTerm, Glossary
from sphinx_glossterm.model.status import STATUSES

FILENAME = "glossterm.tbx"
NAMESPACE = "urn:iso:std:iso:30042:ed-2"
SCHEMA = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
    "TBXcoreStructV03_TBX-Basic_integrated.rng"
)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_NAME = re.compile(r"[^A-Za-z0-9._-]")


def concept_id(key: str) -> str:
    """An XML ID for the concept of the graph node ``key``: ``c-GPT-4.5``, ``c-KI-_xd6kosystem``."""
    return "c-" + _NOT_NAME.sub(lambda match: f"_x{ord(match.group()):x}_", key)


def _term_sec(parent: ET.Element, text: str, term_type: str, status: str) -> None:
    section = ET.SubElement(parent, "termSec")
    ET.SubElement(section, "term").text = text
    if term_type:
        ET.SubElement(section, "termNote", type="termType").text = term_type
    if status in STATUSES:
        ET.SubElement(section, "termNote", type="administrativeStatus").text = STATUSES[status]


def _names(entry: ExportedTerm, folded: list[str]) -> list[tuple[str, str]]:
    """``(term, termType)`` of the concept: main term first, then abbreviations and aliases."""
    term = entry.term
    if term.abbreviation and term.abbreviation == term.title:
        names = [(term.title, "abbreviation")]
        if term.expansion:
            names.append((term.expansion, "fullForm"))
    elif term.abbreviation and term.expansion:
        names = [(term.expansion, "fullForm"), (term.abbreviation, "abbreviation")]
    else:
        names = [(term.title, "")]
    names += [(short, "abbreviation") for short in folded]
    names += [(alias, "") for alias in entry.aliases]
    seen: set[str] = set()
    unique = []
    for text, kind in names:
        if text and text not in seen:
            seen.add(text)
            unique.append((text, kind))
    return unique


def render(glossary: Glossary) -> str:
    """The TBX document: header, then one concept per entry (stubs folded in), by key."""
    keys = {entry.key for entry in glossary.terms}
    concept_of: dict[str, str] = {}
    folded: dict[str, list[str]] = {}
    for entry in glossary.terms:
        target = entry.term.expansion_target
        if entry.term.stub and target in keys and target != entry.key:
            concept_of[entry.key] = target
            folded.setdefault(target, []).append(entry.term.abbreviation or entry.term.title)
    references: dict[str, list[str]] = {}
    for edge in glossary.edges:
        if edge.kind == "related":
            references.setdefault(concept_of.get(edge.source, edge.source), []).append(
                concept_of.get(edge.target, edge.target)
            )
    titles = {entry.key: entry.term.title for entry in glossary.terms}
    language = glossary.language or "und"
    root = ET.Element(
        "tbx", {"type": "TBX-Basic", "style": "dca", _XML_LANG: language, "xmlns": NAMESPACE}
    )
    header = ET.SubElement(ET.SubElement(root, "tbxHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(header, "titleStmt"), "title").text = glossary.title
    ET.SubElement(
        ET.SubElement(header, "sourceDesc"), "p"
    ).text = "Written by sphinx_glossterm from the glossary's term files."
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for entry in glossary.terms:
        if entry.key in concept_of:
            continue
        concept = ET.SubElement(body, "conceptEntry", id=concept_id(entry.key))
        targets = references.get(entry.key, [])
        if entry.term.replaced_by in keys:
            targets = [concept_of.get(entry.term.replaced_by, entry.term.replaced_by), *targets]
        for target in dict.fromkeys(targets):
            if target != entry.key:
                ref = ET.SubElement(
                    concept, "ref", type="crossReference", target=concept_id(target)
                )
                ref.text = titles[target]
        section = ET.SubElement(concept, "langSec", {_XML_LANG: language})
        definition = entry.term.tagline or entry.term.summary
        if definition:
            ET.SubElement(section, "descrip", type="definition").text = definition
        for text, kind in _names(entry, folded.get(entry.key, [])):
            _term_sec(section, text, kind, entry.term.status)
    ET.indent(root)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    model = (
        f'<?xml-model href="{SCHEMA}" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    )
    return declaration + model + ET.tostring(root, encoding="unicode") + "\n"
