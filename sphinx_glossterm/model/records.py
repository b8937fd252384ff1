"""The data model of a glossary: plain, picklable records with no Sphinx import.

A :class:`Term` is what one entry declares, whichever syntax it was written in.
The domain keeps these records per document; the term graph and the checks are
derived from them after all documents are read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

Record = TypeVar("Record", bound=type)


def pickled_as_arguments(cls: Record) -> Record:
    """Pickle a frozen dataclass as its constructor's arguments, in one tuple.

    The environment holds every entry's record (at 3,000 entries some 60,000
    terms, sections and links) and Sphinx pickles it after every build.  For a
    frozen dataclass with slots, :mod:`dataclasses` pickles through
    ``__getstate__``/``__setstate__`` that call :func:`dataclasses.fields` per
    object, which was most of the time of saving and loading the environment.
    An :func:`~operator.attrgetter` of the field names and the generated
    ``__init__`` do the same in C and generated code.
    """
    names = [item.name for item in fields(cls)]
    if len(names) < 2 or not all(item.init for item in fields(cls)):
        raise TypeError(f"{cls.__name__}: needs two or more fields, each an __init__ argument")
    values = attrgetter(*names)  # a tuple, given two names or more

    def reduce_to_arguments(self: Any) -> tuple[Record, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = reduce_to_arguments  # type: ignore[method-assign]
    return cls


class LinkKind(StrEnum):
    """Why one entry points at another."""

    SEE_ALSO = "related"
    """An item of the entry's see-also list."""

    MENTION = "mentions"
    """An inline ``[text](#Id)`` link anywhere else in the entry."""


@pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Link:
    """One link from an entry to a target id, as written."""

    target: str
    label: str
    kind: LinkKind
    source: str
    """Path of the file the link is written in, relative to the source directory."""
    line: int | None
    section_type: str | None = None
    """Type of the typed section the link sits in; ``None`` for the lead."""


@pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Section:
    """A typed section of an entry (``### Title {.explanation}``)."""

    type: str | None
    """The section's type, or ``None`` for a heading without a class."""
    title: str
    anchor: str
    line: int | None

    @property
    def label(self) -> str:
        """The heading as a name for the section ("Verwandte Themen", not "Verwandte Themen:").

        Headings often end in a colon that leads into their content; named
        elsewhere (the "Referenced by" list), the colon would dangle.
        """
        return self.title.rstrip().rstrip(":：").rstrip()


@pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry."""

    id: str
    """The id as the author wrote it (``{#GPT-4v}``); also the HTML anchor."""
    title: str
    docname: str
    """The Sphinx document the entry is shown on."""
    anchor: str
    """The HTML anchor: the id as written, unless the page already used it for another entry."""
    source: str
    """Path of the file the entry is written in, relative to the source directory."""
    line: int | None
    tagline: str = ""
    aliases: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    links: tuple[Link, ...] = field(default=())
    summary: str = ""
    """The first sentence of the lead, as plain text, for previews and exports."""
    inferred: bool = False
    """The term heading had an id but no ``.term`` class and was taken as a term."""
    status: str = ""
    """The status as written (``status="deprecated"``), lower-cased; see :mod:`.status`."""
    replaced_by: str = ""
    """The id of the entry that replaces this one (``replaced-by="..."``)."""
    abbreviation: str = ""
    """The short form the entry is known by: its title if it is an abbreviation entry,
    ``LoRA`` for "Low-Rank Adaptation (LoRA)"; see :mod:`.abbreviations`."""
    expansion: str = ""
    """The long form of :attr:`abbreviation` (empty when the entry is none)."""
    expansion_target: str = ""
    """The id of the entry that explains the long form; empty when it is this entry."""
    stub: bool = False
    """The lead is only the sentence saying what the abbreviation stands for."""
    translated_from: str = ""
    """The heading's ``translated-from`` attribute: the digest of the text it translates."""

    @property
    def see_also(self) -> tuple[Link, ...]:
        """The links of the see-also list, in the order written."""
        return tuple(link for link in self.links if link.kind is LinkKind.SEE_ALSO)

    @property
    def mentions(self) -> tuple[Link, ...]:
        """The inline links outside the see-also list, in the order written."""
        return tuple(link for link in self.links if link.kind is LinkKind.MENTION)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the entry answers to: its title and its aliases."""
        return (self.title, *self.aliases)


def relative_path(path: Path | str, srcdir: Path | str) -> str:
    """``path`` relative to ``srcdir``, with ``/``: how records and reports name a source file."""
    try:
        return os.path.relpath(path, srcdir).replace(os.sep, "/")
    except ValueError:  # another drive, on Windows
        return str(path)
