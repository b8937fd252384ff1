"""Every warning sphinx_glossterm emits, with its type and subtype.

All warnings use the type ``glossterm``; the subtype names the problem, so a
project can silence one kind with ``suppress_warnings = ["glossterm.<subtype>"]``.
The table in ``docs/warnings.md`` is kept in step with this enum
(a test compares them).
"""

from __future__ import annotations

from enum import Enum

WARNING_TYPE = "glossterm"


class GlosstermWarning(Enum):
    """The subtypes of ``glossterm`` warnings; the docstring of each says when it fires."""

    ATTRIBUTES = "attributes"
    """A heading's ``{...}`` attribute block is malformed; it is kept as heading text."""

    GRID_TABLE = "grid_table"
    """A grid table could not be parsed; its lines are kept as a literal block."""

    DUPLICATE_ID = "duplicate_id"
    """Two entries (or an entry and another anchor) declare the same id."""

    UNRESOLVED = "unresolved"
    """A see-also or inline link names an id that no entry or anchor declares."""

    SELF_LINK = "self_link"
    """An entry links to itself."""

    SEEALSO_DUPLICATE = "seealso_duplicate"
    """A see-also list names the same target twice."""

    SEEALSO_ORDER = "seealso_order"
    """(opt-in) A see-also list is not alphabetical, or the index link is not last."""

    SEEALSO_SYMMETRY = "seealso_symmetry"
    """(opt-in) An entry lists another that does not list it back."""

    MISSING_SECTION = "missing_section"
    """(opt-in) An entry lacks a section type listed in ``glossterm_required_sections``."""

    SECTION_TYPE = "section_type"
    """A section heading carries a class that ``glossterm_section_types`` does not list."""

    TERM_CLASS = "term_class"
    """A file's first heading has an id but no ``.term`` class; it is taken as a term."""

    STATUS = "status"
    """A term's ``status`` is not one TBX names (preferred, admitted, deprecated, superseded),
    or its ``replaced-by`` names no entry."""

    RETIRED_LINK = "retired_link"
    """A link points at a deprecated or superseded entry; the warning names its replacement."""

    ENTRY = "entry"
    """An entry is incomplete (a term heading without title text), or its heading is H4+."""

    DIRECTIVE = "directive"
    """A ``glossterm`` directive is used wrongly, e.g. a section type without a name."""

    INCLUDE = "include"
    """A ``glossterm-include`` pattern matches nothing, or a gathered file cannot be read."""

    RAW_HTML = "raw_html"
    """Raw HTML in a term document is not one of the allowed inline tags; it is shown as text."""

    UNSAFE_LINK = "unsafe_link"
    """A link target uses a scheme that can run code (``javascript:``); it is kept as text."""

    ID = "id"
    """An id holds characters that cannot stand in an HTML anchor; the anchor replaces them."""

    EMPTY = "empty"
    """An entry or a typed section has a heading but no content."""

    NESTING = "nesting"
    """Blocks are nested too deeply to build; the deeper lines are kept as literal text."""

    UNICODE = "unicode"
    """(LaTeX) A character the LaTeX engine cannot typeset; it is written as ``[U+XXXX]``."""

    CONFIG = "config"
    """A ``glossterm_*`` configuration value has the wrong shape."""

    HOUSE_RULE = "house_rule"
    """(opt-in) An entry breaks a house rule: a section type not allowed, sections out of
    order, or a section heading other than the ones allowed for its type."""

    ROOT = "root"
    """A page the build generates (the root page, the licence page) could not be written."""

    MATH = "math"
    """A ``$...$`` formula cannot be typeset (unbalanced braces, ``\\left`` without ``\\right``);
    it is shown as text.  In HTML: a formula MathML cannot be made of."""

    FRONT_MATTER = "front_matter"
    """A title, licence or index file named in conf.py is not in the source folder."""

    UNTRANSLATED = "untranslated"
    """An entry has no counterpart (no entry with its id) in a ``glossterm_translations`` tree."""

    TRANSLATION_OUTDATED = "translation_outdated"
    """An entry's ``translated-from`` digest is not its counterpart's: the source has changed."""

    TRANSLATIONS = "translations"
    """A tree named by ``glossterm_translations`` is missing or cannot be read."""

    @property
    def subtype(self) -> str:
        """The subtype as written in ``suppress_warnings`` after ``glossterm.``."""
        return self.value


def warning_kwargs(kind: GlosstermWarning) -> dict[str, str]:
    """Keyword arguments for ``sphinx.util.logging`` so the warning can be suppressed."""
    return {"type": WARNING_TYPE, "subtype": kind.value}


def location(path: str, line: int | None) -> str:
    """A warning location Sphinx prints as is: ``/abs/path.md:12``.

    Sphinx reads a ``(name, line)`` tuple as a docname; term files gathered by
    ``glossterm-include`` are no documents, so locations are given as paths.
    """
    return f"{path}:{line}" if line else f"{path}:"
