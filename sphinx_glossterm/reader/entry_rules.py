"""The reader's decisions about entries, and the words of its warnings, in one place.

The build (the renderer, :mod:`.nodes`, the directives and the domain) and
``glossterm check``'s token walk (:mod:`.scan`) both read entries, sections,
ids and links; every rule they share, and every message either of them logs
while reading, is a function or a constant here, so a rule or a message exists
once.  Plain Python: no Sphinx and no docutils, so the check imports it cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sphinx_glossterm.model.abbreviations import PHRASES
from sphinx_glossterm.model.options import SectionType
from sphinx_glossterm.model.records import LinkKind

MAX_TERM_LEVEL = 3
"""Term headings deeper than this are read, with a warning: they are likely a mistake."""

TERM_CLASS = "term"
"""The class that marks a heading as a term (``{.term}``); not kept among the entry's classes."""


@dataclass(frozen=True, slots=True)
class EntryRuleOptions:
    """What the entry rule (:mod:`.pandoc.entries`) needs from the configuration."""

    layout_classes: frozenset[str] = frozenset({"chapter", "small", "unnumbered", "unlisted"})
    infer_terms: bool = True
    """Treat a file's first heading with an id but no ``.term`` (at H2/H3) as a term."""
    abbreviation_phrases: tuple[str, ...] = PHRASES["en"]
    """What follows the bold abbreviation in a stub's sentence (``steht für``)."""


# What may stand between the links of a see-also line (``[A](#A) | [B](#B)``).
_SEPARATOR = re.compile(r"^[\s|,;·•]*$")

# -- messages ----------------------------------------------------------------------------

NO_TITLE = "term heading has no title text"
STRAY_SECTION = "glossterm-section belongs inside a glossterm directive; shown as a plain section"


def heading_level_problem(level: int) -> str | None:
    """The warning for a term heading of ``level``, or ``None`` when the level is fine."""
    if level <= MAX_TERM_LEVEL:
        return None
    return (
        f"the term heading is an H{level}; term headings are H2 or H3 "
        "(it is read as a term all the same)"
    )


def attributes_problem(error: str) -> str:
    """The warning for a heading whose ``{...}`` attributes could not be read."""
    return f"{error}; kept as heading text"


def anchor_problem(wanted: str, anchor: str) -> str:
    """The warning for an id an HTML anchor cannot hold as written."""
    return (
        f"the id {wanted!r} holds characters an HTML anchor cannot (white space, quotes, "
        f"< > or `); its anchor is {anchor!r}, and links to {wanted!r} still reach it"
    )


def empty_entry_problem(term_id: str) -> str:
    """The warning for an entry that has a heading and nothing else."""
    return f"the entry {term_id!r} has a heading but no text"


def empty_section_problem(kind: str, title: str, term_id: str) -> str:
    """The warning for a typed section of an entry that has a heading and nothing else."""
    return f"the {kind} section {title!r} of the entry {term_id!r} is empty"


def too_deep_blocks_problem(limit: int) -> str:
    """The warning for blocks nested deeper than ``limit``."""
    return (
        f"blocks are nested more than {limit} levels deep here; "
        "the deeper lines are kept as literal text"
    )


def too_deep_inline_problem(limit: int) -> str:
    """The warning for emphasis or links nested deeper than ``limit``."""
    return (
        f"emphasis or links are nested more than {limit} levels deep here; "
        "the paragraph is kept as its source text"
    )


def rejected_html_problem(reason: str) -> str:
    """The warning for an inline raw HTML tag the safe policy shows as text."""
    return f"raw HTML {reason}; shown as text"


def unsafe_link_problem(scheme: str) -> str:
    """The warning for a link markdown-it refused (``javascript:`` and the like)."""
    return f"a link to a {scheme} address can run code and is no link; kept as text"


# -- entries -----------------------------------------------------------------------------


def split_aliases(text: str) -> tuple[str, ...]:
    """The aliases of ``aliases="A, B"`` (or ``:aliases: A, B``), blanks dropped."""
    return tuple(alias.strip() for alias in text.split(",") if alias.strip())


def entry_classes(classes: Iterable[str]) -> tuple[str, ...]:
    """The classes an entry keeps from its heading: all but the term marker."""
    return tuple(name for name in classes if name != TERM_CLASS)


def section_title(
    kind: str, written: str, types: Mapping[str, SectionType], language: str | None
) -> str:
    """A ``glossterm-section``'s title: as written, else its type's label, else the type."""
    known = types.get(kind)
    return written or (known.label(language) if known else kind)


def option_line(block_lines: Iterable[str], name: str, first_line: int) -> int:
    """The line of the directive option ``:name:`` (``first_line`` is the fence's line).

    ``block_lines`` are the directive's lines from its fence on; without the
    option, the fence's line.
    """
    for offset, text in enumerate(block_lines):
        if text.strip().startswith(f":{name}:"):
            return first_line + offset
    return first_line


def renders_links(kind: str | None, types: Mapping[str, SectionType]) -> bool:
    """Whether a section of type ``kind`` shows its link-only paragraphs as a list of links."""
    return bool(kind) and kind in types and types[kind].render == "links"


def link_kind(section_kind: str | None, types: Mapping[str, SectionType]) -> LinkKind:
    """A link's kind from the section it stands in: see-also in a links section, else mention."""
    return LinkKind.SEE_ALSO if renders_links(section_kind, types) else LinkKind.MENTION


def is_link_separator(text: str) -> bool:
    """Whether ``text`` between the links of a paragraph keeps it a list of links."""
    return _SEPARATOR.match(text) is not None


# -- ids ---------------------------------------------------------------------------------


def free_anchor(anchor: str, taken: Callable[[str], bool]) -> str:
    """``anchor``, or ``anchor-2``, ``anchor-3`` ... : the first one ``taken`` says is free."""
    candidate, counter = anchor, 1
    while taken(candidate):
        counter += 1
        candidate = f"{anchor}-{counter}"
    return candidate


def section_id_seed(entry_anchor: str, title: str | None) -> str:
    """What the anchor of an entry's section without an id is made from (``make_id`` of it).

    ``title`` is ``None`` for a section without a title.
    """
    return f"{entry_anchor}-{'section' if title is None else title}"
