"""The Markdown reader of ``glossterm check``: term records straight from markdown-it tokens.

Sphinx builds a doctree per document and the domain reads the Term records
back from it (:mod:`.domain`); this module gets the same records from the
tokens of the same markdown-it parser (:mod:`.mdit`), without docutils: ids,
anchors, titles, aliases, see-also and inline links with their lines, typed
sections, entries written with the ``glossterm`` directive, files gathered by
``glossterm-include``, and the glossterm warnings the renderer would log on
the way (malformed attributes, empty entries, ids an anchor cannot hold, ...).

What it does not do is listed in ``docs/cli.md``: it renders nothing, so
Sphinx's and myst-parser's own warnings are not seen, nor the renderer's
warnings about grid tables and raw HTML blocks; a directive whose body it does
not know is reported in :attr:`DocumentRecords.unknown_directives` (the caller
then reads with Sphinx).  Tests compare its records, through the report, with
Sphinx's on every test project and on the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils.nodes import make_id
from docutils.utils.smartquotes import educate_tokens
from markdown_it import MarkdownIt
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig

from sphinx_glossterm.model.mentions import EntryProse, ProsePiece
from sphinx_glossterm.model.options import SectionType
from sphinx_glossterm.model.records import Link, LinkKind, Section, Term, relative_path
from sphinx_glossterm.model.translations import TRANSLATED_FROM
from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader.gather import DIRECTIVE as INCLUDE_DIRECTIVE
from sphinx_glossterm.reader.gather import FILE, SITE_KEY, IncludeSite
from sphinx_glossterm.reader.mdit import markdown_parser
from sphinx_glossterm.reader.nesting_rule import (
    BLOCK_LIMIT,
    INLINE_LIMIT,
    TOO_DEEP,
    TOO_DEEP_INLINE,
)
from sphinx_glossterm.reader.pandoc.attributes import Attributes
from sphinx_glossterm.reader.pandoc.dialect import is_pandoc_dialect
from sphinx_glossterm.reader.pandoc.entries import (
    ENTRY,
    LEAD,
    SECTION,
    SUBSECTION,
    TAGLINE,
    EntryRuleOptions,
)
from sphinx_glossterm.reader.pandoc.entries import heading_attributes as token_attributes
from sphinx_glossterm.reader.pandoc.heading_attrs import ATTRS_ERROR_META
from sphinx_glossterm.reader.pandoc.identifiers import default_id, html_anchor, pandoc_identifier
from sphinx_glossterm.reader.prose import ProseReader
from sphinx_glossterm.reader.prose import offset_line as _offset_line
from sphinx_glossterm.reader.rawhtml.rule import COMMENT, REJECTED, UNSAFE_LINK

MAX_TERM_LEVEL = 3
"""As the renderer: term headings deeper than this are read with a warning."""

TERM_ROLE = "glossterm:term"

# Directives of docutils and Sphinx whose body is Markdown, scanned like the page around it.
MARKDOWN_BODIES = frozenset(
    {
        "admonition", "attention", "caution", "danger", "error", "hint", "important", "note",
        "seealso", "tip", "warning", "versionadded", "versionchanged", "deprecated",
        "versionremoved", "topic", "sidebar", "rubric", "epigraph", "highlights", "pull-quote",
        "compound", "container", "div", "figure", "table", "list-table", "only",
    }
)  # fmt: skip
# Directives with a Markdown body that exist only when their extension is loaded.
EXTENSION_BODIES = {
    "sphinx_design": frozenset(
        {
            "dropdown", "card", "grid", "grid-item", "grid-item-card", "tab-set", "tab-item",
            "tab-set-code", "button-ref", "button-link", "article-info",
        }
    ),
    "sphinx.ext.todo": frozenset({"todo"}),
}  # fmt: skip


def markdown_bodies(extensions: Iterable[str]) -> frozenset[str]:
    """The directives whose body is Markdown, in a project loading ``extensions``."""
    names = set(MARKDOWN_BODIES)
    for extension in extensions:
        names |= EXTENSION_BODIES.get(extension, frozenset())
    return frozenset(names)


# Directives that bring in text the reader cannot see (another file, reStructuredText,
# Python docstrings): a project using them is read with Sphinx.
NEEDS_SPHINX = frozenset(
    {
        "include", "eval-rst", "automodule", "autoclass", "autofunction", "automethod",
        "autoattribute", "autodata", "autoexception", "autosummary", "ifconfig",
    }
)  # fmt: skip
# Directives that hold no Markdown (code, math, lists of documents) or none the glossary uses.
NO_MARKDOWN = frozenset(
    {
        "toctree", "code-block", "code", "sourcecode", "literalinclude", "math", "image",
        "raw", "highlight", "csv-table", "index", "tabularcolumns", "contents", "sectionauthor",
        "codeauthor", "mermaid", "graphviz", "digraph", "graph", "glossterm-index", "meta",
        "default-role", "default-domain", "currentmodule", "module", "code-cell", "figure-md",
        "centered", "hlist", "acks", "productionlist", "glossary",
    }
)  # fmt: skip

_EXPLICIT_TITLE = re.compile(r"^(.+?)\s*(?<!\x00)<(.*?)>$", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")
# What Sphinx's smart quotes act on: quotes, dashes, ellipses, and backslash escapes.
_EDUCATED = ('"', "'", "--", "...", ". .", "\\")


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """What the reader needs from the configuration; plain and picklable (for ``-j``)."""

    srcdir: str
    md_config: MdParserConfig
    entry_options: EntryRuleOptions
    dialect: str
    section_types: Mapping[str, SectionType]
    language: str | None
    raw_html: str = "safe"
    markdown_directives: frozenset[str] = MARKDOWN_BODIES
    """Directives whose body is Markdown (:func:`markdown_bodies`)."""
    smartquotes: str = ""
    """Sphinx's ``smartquotes_action`` when smart quotes apply to this project, else empty."""
    smartquotes_language: str = "en"
    encoding: str = "utf-8-sig"
    prose: bool = False
    """Keep the entries' running text (:attr:`DocumentRecords.prose`) for ``check --mentions``."""


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A glossterm warning the Sphinx reader logs while reading, found in the tokens."""

    kind: GlosstermWarning
    source: str
    """Path relative to the source directory."""
    line: int | None
    message: str


@dataclass
class DocumentRecords:
    """What one document declares, as the domain stores it per document."""

    docname: str
    terms: list[Term] = field(default_factory=list)
    anchors: dict[str, tuple[str, int | None, str]] = field(default_factory=dict)
    """Explicit ids of headings other than term headings: written id -> (title, line, anchor)."""
    page_links: list[Link] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    unknown_directives: list[str] = field(default_factory=list)
    """Directives whose body the reader cannot tell is Markdown (``name at file:line``)."""
    prose: list[EntryProse] = field(default_factory=list)
    """The entries' running text outside code, links and headings (with ``ScanSettings.prose``)."""


def scan_documents(
    documents: Iterable[tuple[str, str]], settings: ScanSettings
) -> list[DocumentRecords]:
    """Scan ``(docname, path relative to srcdir)`` pairs; the parsers are built once."""
    parsers = _Parsers(settings)
    return [scan_document(docname, path, settings, parsers) for docname, path in documents]


class _Parsers:
    """The two markdown-it instances a project needs, built on first use."""

    def __init__(self, settings: ScanSettings) -> None:
        self._settings = settings
        self._built: dict[bool, MarkdownIt] = {}

    def get(self, pandoc: bool) -> MarkdownIt:
        if pandoc not in self._built:
            settings = self._settings
            self._built[pandoc] = markdown_parser(
                settings.md_config, settings.entry_options, pandoc
            )
        return self._built[pandoc]


def scan_document(
    docname: str, path: str, settings: ScanSettings, parsers: _Parsers | None = None
) -> DocumentRecords:
    """The records of one Markdown document (``path`` relative to the source directory)."""
    parsers = parsers or _Parsers(settings)
    records = DocumentRecords(docname)
    full = Path(settings.srcdir, path)
    try:
        text = full.read_text(encoding=settings.encoding)
    except (OSError, UnicodeDecodeError) as error:
        records.unknown_directives.append(f"(unreadable: {error})")
        return records
    pandoc = is_pandoc_dialect(text, settings.dialect)
    md = parsers.get(pandoc)
    tokens = md.parse(text, {SITE_KEY: _include_site(full, path, settings, records)})
    _Walker(records, settings, md, path, pandoc).walk(tokens, base=0)
    return records


# --------------------------------------------------------------------------- glossterm-include


def _include_site(
    host: Path, host_path: str, settings: ScanSettings, records: DocumentRecords
) -> IncludeSite:
    """As the Sphinx parser's (:func:`.parser.include_site`), reporting into ``records``."""

    def warn(message: str, line: int | None) -> None:
        records.problems.append(ReadProblem(GlosstermWarning.INCLUDE, host_path, line, message))

    return IncludeSite(
        host=host,
        srcdir=Path(settings.srcdir),
        encoding=settings.encoding,
        note_include=lambda patterns, files: None,
        note_dependency=lambda path: None,
        warn=warn,
    )


# --------------------------------------------------------------------------- entries


@dataclass
class _EntryBuilder:
    """An entry being read: what :func:`.domain._term_from_entry` reads from its node."""

    written_id: str | None
    source: str
    line: int | None
    level: int
    classes: tuple[str, ...]
    aliases: tuple[str, ...]
    inferred: bool = False
    translated_from: str = ""
    directive: bool = False
    title: str = ""
    title_line: int | None = None
    tagline: str = ""
    has_lead: bool = False
    sections: list[_SectionBuilder] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    prose: list[tuple[_SectionBuilder | None, list[ProsePiece]]] = field(default_factory=list)
    """Runs of running text, each with the section it is in (``None``: the lead)."""


@dataclass
class _SectionBuilder:
    kind: str | None
    """The type class; ``None`` for an untyped section at section level."""
    source: str
    line: int | None
    explicit_id: str | None = None
    anchor: str = ""
    title: str = ""
    has_body: bool = False


@dataclass
class _Context:
    """Where the walker is: the file, the entry and the typed section around a token."""

    source: str
    pandoc: bool
    entry: _EntryBuilder | None = None
    section: _SectionBuilder | None = None


class _Walker(ProseReader):
    """Turns one document's tokens into records, in the renderer's order."""

    def __init__(
        self,
        records: DocumentRecords,
        settings: ScanSettings,
        md: MarkdownIt,
        path: str,
        pandoc: bool,
    ) -> None:
        self.records = records
        self.settings = settings
        self.md = md
        self.ids: set[str] = set()
        self.context = _Context(path, pandoc)
        self.outer_files: list[tuple[str, bool]] = []
        """The file (and dialect) around each gathered file being read."""

    # -- positions ---------------------------------------------------------------

    @staticmethod
    def line_of(token: Token, base: int) -> int | None:
        return token.map[0] + 1 + base if token.map else None

    def warn(self, kind: GlosstermWarning, line: int | None, message: str) -> None:
        self.records.problems.append(ReadProblem(kind, self.context.source, line, message))

    # -- ids, as nodes.register_id on a document's ids ---------------------------------

    def register(self, wanted: str, line: int | None) -> str:
        anchor = html_anchor(wanted)
        if anchor != wanted:
            self.warn(
                GlosstermWarning.ID,
                line,
                f"the id {wanted!r} holds characters an HTML anchor cannot (white space, "
                f"quotes, < > or `); its anchor is {anchor!r}, and links to {wanted!r} "
                "still reach it",
            )
        candidate, counter = anchor, 1
        while candidate in self.ids:
            counter += 1
            candidate = f"{anchor}-{counter}"
        self.ids.add(candidate)
        return candidate

    def note_explicit(self, written: str, title: str, line: int | None) -> str:
        anchor = self.register(written, line)
        self.records.anchors.setdefault(written, (title, line, anchor))
        return anchor

    def note_implicit(self, title: str) -> None:
        """A section named by its title (docutils' ``make_id``), when the id is free."""
        implicit = make_id(title)
        if implicit and implicit not in self.ids:
            self.ids.add(implicit)

    # -- the token stream ------------------------------------------------------------

    def walk(self, tokens: list[Token], base: int) -> None:
        """Read a stream of block tokens; ``base`` is added to their 1-based lines."""
        index = 0
        while index < len(tokens):
            index = self.step(tokens, index, base)

    def step_to_close(
        self,
        tokens: list[Token],
        position: int,
        base: int,
        block: str,
        visit: Callable[[int], None] | None = None,
    ) -> int:
        """Read the tokens from ``position`` to the close of the ``block`` open before it.

        Returns the close token's index (or the end); ``visit`` sees each token
        at this level first.
        """
        depth = 1
        while position < len(tokens):
            kind = tokens[position].type
            if kind == f"{block}_open":
                depth += 1
            elif kind == f"{block}_close":
                depth -= 1
                if depth == 0:
                    break
            if visit is not None:
                visit(position)
            position = self.step(tokens, position, base)
        return position

    def step(self, tokens: list[Token], index: int, base: int) -> int:
        token = tokens[index]
        kind = token.type
        context = self.context
        if kind == f"{FILE}_open":
            self.outer_files.append((context.source, context.pandoc))
            context.source = relative_path(token.meta["source"], self.settings.srcdir)
            context.pandoc = True
        elif kind == f"{FILE}_close":
            context.source, context.pandoc = self.outer_files.pop()
        elif kind == f"{ENTRY}_open":
            return self.pandoc_entry(tokens, index, base)
        elif kind == f"{SECTION}_open":
            return self.pandoc_section(tokens, index, base)
        elif kind == f"{SUBSECTION}_open":
            return self.subsection(tokens, index, base)
        elif kind in (f"{TAGLINE}_open", f"{LEAD}_open"):
            if context.entry is not None and kind == f"{LEAD}_open":
                context.entry.has_lead = True
        elif kind == "heading_open":
            return self.plain_heading(tokens, index, base)
        elif kind == "inline":
            self.inline(token, base)
        elif kind in ("fence", "colon_fence"):
            self.fence(token, base)
        elif kind == TOO_DEEP:
            self.warn(
                GlosstermWarning.NESTING,
                self.line_of(token, base),
                f"blocks are nested more than {BLOCK_LIMIT} levels deep here; "
                "the deeper lines are kept as literal text",
            )
        if context.section is not None and kind not in (f"{SECTION}_close",) and token.block:
            context.section.has_body = True
        return index + 1

    def heading_text(self, tokens: list[Token], index: int, base: int) -> tuple[str, int]:
        """The text of the heading opening at ``index`` (its links read); the index after it."""
        heading = tokens[index]
        line = self.line_of(heading, base)
        error = heading.meta.get(ATTRS_ERROR_META) if self.context.pandoc else None
        if error:
            self.warn(GlosstermWarning.ATTRIBUTES, line, f"{error}; kept as heading text")
        inline = tokens[index + 1] if index + 1 < len(tokens) else None
        text = ""
        if inline is not None and inline.type == "inline":
            text = self.inline(inline, base, title=True)
        end = index + 1
        while end < len(tokens) and tokens[end].type != "heading_close":
            end += 1
        return text, end + 1

    def plain_heading(self, tokens: list[Token], index: int, base: int) -> int:
        heading = tokens[index]
        line = self.line_of(heading, base)
        title, after = self.heading_text(tokens, index, base)
        attrs = token_attributes(heading) if self.context.pandoc else Attributes()
        if attrs.id:
            self.note_explicit(attrs.id, title, line)
        else:
            self.note_implicit(title)
        return after

    def pandoc_entry(self, tokens: list[Token], index: int, base: int) -> int:
        opener = tokens[index]
        attrs: Attributes = opener.meta["attrs"]
        aliases = [alias.strip() for alias in attrs.pairs.get("aliases", "").split(",")]
        entry = _EntryBuilder(
            written_id=attrs.id,
            source=self.context.source,
            line=self.line_of(opener, base),
            level=opener.meta["level"],
            classes=tuple(name for name in attrs.classes if name != "term"),
            aliases=tuple(alias for alias in aliases if alias),
            inferred=bool(opener.meta.get("inferred")),
            translated_from=attrs.pairs.get(TRANSLATED_FROM, ""),
        )
        outer = self.context.entry, self.context.section
        self.context.entry, self.context.section = entry, None
        heading_line = self.line_of(tokens[index + 1], base)
        entry.title, position = self.heading_text(tokens, index + 1, base)
        if not entry.title.strip():
            self.warn(GlosstermWarning.ENTRY, heading_line, "term heading has no title text")
        if entry.level > MAX_TERM_LEVEL:
            self.warn(
                GlosstermWarning.ENTRY,
                heading_line,
                f"the term heading is an H{entry.level}; term headings are H2 or H3 "
                "(it is read as a term all the same)",
            )

        def note_tagline(position: int) -> None:
            if tokens[position].type == f"{TAGLINE}_open":
                entry.tagline = _plain_text(tokens[position + 1].children or [])

        position = self.step_to_close(tokens, position, base, ENTRY, note_tagline)
        self.context.entry, self.context.section = outer
        term_id = entry.written_id or pandoc_identifier(entry.title)
        self.finish(entry, term_id)
        return position + 1

    def pandoc_section(self, tokens: list[Token], index: int, base: int) -> int:
        opener = tokens[index]
        heading = tokens[index + 1]
        attrs = token_attributes(heading)
        section = _SectionBuilder(
            kind=opener.meta["type"], source=self.context.source, line=self.line_of(opener, base)
        )
        outer = self.context.section
        self.context.section = section
        section.title, position = self.heading_text(tokens, index + 1, base)
        if attrs.id:
            section.explicit_id = attrs.id
            section.anchor = self.note_explicit(attrs.id, section.title, section.line)
        while tokens[position].type != f"{SECTION}_close":
            position = self.step(tokens, position, base)
        self.context.section = outer
        if self.context.entry is not None:
            self.context.entry.sections.append(section)
        return position + 1

    def subsection(self, tokens: list[Token], index: int, base: int) -> int:
        heading = tokens[index + 1]
        attrs = token_attributes(heading)
        line = self.line_of(heading, base)
        title, position = self.heading_text(tokens, index + 1, base)
        if attrs.id:
            self.note_explicit(attrs.id, title, line)
        else:
            self.note_implicit(title)
        if self.context.section is not None:
            self.context.section.has_body = True
        return self.step_to_close(tokens, position, base, SUBSECTION) + 1

    def finish(self, entry: _EntryBuilder, term_id: str) -> None:
        """As :func:`.nodes.finish_entry` and the domain: the Term record of a read entry."""
        if not entry.tagline and not entry.has_lead and not entry.sections:
            self.warn_empty(
                entry.source, entry.line, f"the entry {term_id!r} has a heading but no text"
            )
        for section in entry.sections:
            if section.kind and not section.has_body:
                self.warn_empty(
                    section.source,
                    section.line,
                    f"the {section.kind} section {section.title!r} of the entry {term_id!r} "
                    "is empty",
                )
        saved = self.context.source
        self.context.source = entry.source
        anchor = self.register(term_id, entry.line)
        self.context.source = saved
        for section in entry.sections:
            if not section.anchor:
                section.anchor = self.register(
                    make_id(f"{anchor}-{section.title or 'section'}"), None
                )
        self.records.terms.append(
            Term(
                id=term_id,
                title=entry.title,
                docname=self.records.docname,
                anchor=anchor,
                source=entry.source,
                line=entry.line,
                tagline=entry.tagline,
                aliases=entry.aliases,
                classes=entry.classes,
                sections=tuple(Section(s.kind, s.title, s.anchor, s.line) for s in entry.sections),
                links=tuple(entry.links),
                inferred=entry.inferred,
                translated_from=entry.translated_from,
            )
        )
        for section, pieces in entry.prose:
            self.records.prose.append(
                EntryProse(
                    term_id,
                    entry.source,
                    section.anchor if section is not None else "",
                    tuple(pieces),
                )
            )

    def warn_empty(self, source: str, line: int | None, message: str) -> None:
        self.records.problems.append(ReadProblem(GlosstermWarning.EMPTY, source, line, message))

    # -- inline content -----------------------------------------------------------------

    @property
    def checks_raw_html(self) -> bool:
        """As the renderer: the raw HTML policy applies in term documents and entries."""
        return self.context.pandoc or self.context.entry is not None

    def inline(self, token: Token, base: int, title: bool = False) -> str:
        """Read the links of an inline token; return its text as docutils would show it.

        The text is what the doctree holds after Sphinx's smart quotes, which
        educate a paragraph (or a title) as one unit, and each item of a
        see-also link list on its own (``title`` marks a heading's text).
        """
        block_line = self.line_of(token, base)
        segments: list[tuple[str, str]] = []  # (smartquotes token kind, text)
        owners: list[int | None] = []  # the link each segment is the label of
        links: list[
            tuple[Token | None, str | None, int | None]
        ] = []  # (link_open, role target, line)
        current: int | None = None
        prose = self.prose_run(title)
        for child in token.children or []:
            kind, text = "plain", ""
            if prose is not None:
                prose = self.note_prose(prose, child, current, block_line)
            if child.type == "link_open":
                links.append((child, None, _offset_line(block_line, child)))
                current = len(links) - 1
                continue
            if child.type == "link_close":
                current = None
                continue
            if child.type == "myst_role":
                text, target = _role_text(child)
                if target is not None:
                    links.append((None, target, block_line))
                    segments.append(("plain", text))
                    owners.append(len(links) - 1)
                    continue
            elif child.meta.get(REJECTED) and self.checks_raw_html and self.raw_html_safe:
                self.warn(
                    GlosstermWarning.RAW_HTML,
                    _offset_line(block_line, child),
                    f"raw HTML {child.meta[REJECTED]}; shown as text",
                )
                kind, text = "literal", child.content
            elif child.type == "text" and child.meta.get(UNSAFE_LINK) and self.checks_raw_html:
                self.warn(
                    GlosstermWarning.UNSAFE_LINK,
                    _offset_line(block_line, child),
                    f"a link to a {child.meta[UNSAFE_LINK]} address can run code and is no "
                    "link; kept as text",
                )
                text = child.content
            elif child.type == "text" and child.meta.get(TOO_DEEP_INLINE):
                self.warn(
                    GlosstermWarning.NESTING,
                    _offset_line(block_line, child),
                    f"emphasis or links are nested more than {INLINE_LIMIT} levels deep here; "
                    "the paragraph is kept as its source text",
                )
                text = child.content
            else:
                kind, text = _segment_of(child)
            if text:
                segments.append((kind, text))
                owners.append(current)
        educated = self.educate(segments, owners, title)
        labels = ["" for _ in links]
        for owner, text in zip(owners, educated, strict=True):
            if owner is not None:
                labels[owner] += text
        for (link_open, role_target, line), label in zip(links, labels, strict=True):
            if link_open is not None:
                self.link(link_open, label, line)
            else:
                self.add_link(role_target or "", label, line)
        return "".join(educated)

    @property
    def raw_html_safe(self) -> bool:
        return self.settings.raw_html == "safe"

    def educate(
        self, segments: list[tuple[str, str]], owners: list[int | None], title: bool
    ) -> list[str]:
        """Sphinx's smart quotes on the segments of one inline token."""
        settings = self.settings
        if not settings.smartquotes or not segments:
            return [text for _, text in segments]
        units: list[list[int]]
        if not title and self.in_link_list(segments, owners):
            by_owner: dict[int | None, list[int]] = {}
            for number, owner in enumerate(owners):
                by_owner.setdefault(owner, []).append(number)
            units = list(by_owner.values())
        else:
            units = [list(range(len(segments)))]
        educated = [text for _, text in segments]
        for unit in units:
            if not any(_may_educate(segments[i]) for i in unit):
                continue
            tokens = [segments[i] for i in unit]
            for number, text in zip(
                unit,
                educate_tokens(
                    tokens, attr=settings.smartquotes, language=settings.smartquotes_language
                ),
                strict=True,
            ):
                educated[number] = text
        return educated

    def in_link_list(self, segments: list[tuple[str, str]], owners: list[int | None]) -> bool:
        """Whether the paragraph becomes a see-also link list (:func:`.nodes.make_link_lists`)."""
        section = self.context.section
        types = self.settings.section_types
        if self.context.entry is None or section is None or not section.kind:
            return False
        if section.kind not in types or types[section.kind].render != "links":
            return False
        rest = "".join(
            text for (_, text), owner in zip(segments, owners, strict=True) if owner is None
        )
        return any(owner is not None for owner in owners) and not rest.strip(" \t\n|,;·•")

    def link(self, token: Token, label: str, line: int | None) -> None:
        config = self.settings.md_config
        if config.commonmark_only or config.gfm_only or config.all_links_external:
            return
        if "external" in str(token.attrs.get("class", "")).split():
            return
        href = str(token.attrGet("href") or "")
        if not href.startswith("#") or len(href) < 2:
            return
        # Pandoc files link by id everywhere; MyST pages only inside glossterm directives.
        if not self.context.pandoc and (
            self.context.entry is None or not self.context.entry.directive
        ):
            return
        target = self.md.normalizeLinkText(href)[1:]
        self.add_link(target, label, line)

    def add_link(self, target: str, label: str, line: int | None) -> None:
        context = self.context
        entry, section = context.entry, context.section
        if entry is None:
            self.records.page_links.append(
                Link(target, label, LinkKind.MENTION, context.source, line, None)
            )
            return
        kind_name = section.kind if section is not None else None
        types = self.settings.section_types
        is_list = bool(kind_name) and kind_name in types and types[kind_name].render == "links"
        kind = LinkKind.SEE_ALSO if is_list else LinkKind.MENTION
        entry.links.append(Link(target, label, kind, context.source, line, kind_name or None))

    # -- directives ---------------------------------------------------------------------

    def fence(self, token: Token, base: int) -> None:
        name, _, argument = (token.info or "").strip().partition(" ")
        if not (name.startswith("{") and name.endswith("}")) or len(name) < 3:
            if token.type == "colon_fence":  # a div: its content is Markdown
                outer_line = self.line_of(token, base) or 1
                self.walk(self.md.parse(token.content + "\n", {}), outer_line)
            return
        name = name[1:-1]
        line = self.line_of(token, base)
        if name == INCLUDE_DIRECTIVE or name in NO_MARKDOWN:
            return
        if name == "glossterm":
            self.directive_entry(token, argument.strip(), line, base)
        elif name == "glossterm-section":
            self.directive_section(token, argument.strip(), line, base)
        elif name in self.settings.markdown_directives:
            body, offset = _directive_body(token, argument)
            self.walk(self.md.parse(body + "\n", {}), (line or 1) + offset)
        elif name in NEEDS_SPHINX or ":" in name:
            self.records.unknown_directives.append(f"{{{name}}} at {self.context.source}:{line}")
        # Any other name is no directive Sphinx knows either (``~~~ {.python}``, a typo):
        # it shows the block as an error and parses nothing in it.

    def directive_entry(self, token: Token, title_text: str, line: int | None, base: int) -> None:
        body, offset, options = _directive_parts(token, title_text)
        context = self.context
        entry = _EntryBuilder(
            written_id=options.get("id") or None,
            source=context.source,
            line=line,
            level=0,
            classes=tuple(str(options.get("class", "")).split()),
            aliases=tuple(
                a.strip() for a in str(options.get("aliases", "")).split(",") if a.strip()
            ),
            directive=True,
        )
        outer = context.entry, context.section
        context.entry, context.section = entry, None
        entry.title = self.inline_text(title_text, line)
        tagline = str(options.get("tagline", "")).strip()
        if tagline:
            entry.tagline = self.inline_text(tagline, _option_line(token, "tagline", line))
        body_tokens = self.md.parse(body + "\n", {}) if body.strip() else []
        body_base = (line or 1) + offset
        for child in body_tokens:
            if child.level == 0 and not _is_section_fence(child) and child.nesting >= 0:
                if context.section is None:
                    entry.has_lead = True
                else:
                    context.section.has_body = True
        self.walk(body_tokens, body_base)
        context.entry, context.section = outer
        self.finish(entry, entry.written_id or default_id(title_text))

    def directive_section(self, token: Token, kind: str, line: int | None, base: int) -> None:
        body, offset, options = _directive_parts(token, kind)
        context = self.context
        section = _SectionBuilder(kind=kind or None, source=context.source, line=line)
        known = self.settings.section_types.get(kind)
        title_text = str(options.get("title") or "") or (
            known.label(self.settings.language) if known else kind
        )
        if context.entry is None:
            self.warn(
                GlosstermWarning.DIRECTIVE,
                line,
                "glossterm-section belongs inside a glossterm directive; shown as a plain section",
            )
        if options.get("id"):
            section.explicit_id = str(options["id"])
            section.anchor = self.note_explicit(section.explicit_id, title_text, line)
        outer = context.section
        context.section = section if context.entry is not None else outer
        # As the directive: its title is parsed one line below the fence.
        section.title = self.inline_text(title_text, line + 1 if line else line)
        body_tokens = self.md.parse(body + "\n", {}) if body.strip() else []
        section.has_body = bool(body_tokens)
        self.walk(body_tokens, (line or 1) + offset)
        if context.entry is not None:
            context.entry.sections.append(section)
            # Text after a section in the directive's body belongs to it, as under a heading.
            context.section = section
        else:
            context.section = outer

    def inline_text(self, text: str, line: int | None) -> str:
        tokens = self.md.parseInline(text, {})
        for token in tokens:
            token.map = [(line or 1) - 1, line or 1]
        return "".join(
            self.inline(token, 0, title=True) for token in tokens if token.type == "inline"
        )


# --------------------------------------------------------------------------- helpers


def _closing(children: list[Token], position: int) -> int:
    depth = 0
    for index in range(position, len(children)):
        depth += children[index].nesting
        if depth == 0:
            return index
    return len(children) - 1


def _role_text(token: Token) -> tuple[str, str | None]:
    """A role's text, and the target when it is a term link (as Sphinx's ``XRefRole``)."""
    name, text = token.meta.get("name", ""), token.content
    if name != TERM_ROLE:
        return text, None
    if text.startswith("!"):
        return text[1:], None
    explicit = _EXPLICIT_TITLE.match(text)
    title, target = (explicit[1], explicit[2]) if explicit else (text, text)
    return title, _WHITESPACE.sub(" ", target)


def _segment_of(token: Token) -> tuple[str, str]:
    """A token's text, and whether smart quotes leave it alone (``literal``)."""
    if token.type in ("code_inline", "math_inline", "math_single", "math_inline_double"):
        return "literal", token.content
    if token.type == "html_inline":
        return "literal", _text_of(token)
    return "plain", _text_of(token)


def _may_educate(segment: tuple[str, str]) -> bool:
    """Whether smart quotes could change a unit holding this segment (quotes, dashes, ...)."""
    kind, text = segment
    return kind == "plain" and any(mark in text for mark in _EDUCATED)


def _text_of(token: Token) -> str:
    if token.type in ("text", "code_inline", "math_inline", "math_single", "math_inline_double"):
        return token.content
    if token.type == "html_inline":
        # Shown as text (a term document) or kept as raw HTML (a page): either way its text.
        return "" if token.meta.get(COMMENT) else token.content
    if token.type == "softbreak":
        return "\n"
    if token.type == "hardbreak":
        return "<br />\n\\\\\n"
    if token.type == "myst_role":
        return token.content
    return ""


def _plain_text(children: list[Token]) -> str:
    return "".join(_text_of(child) for child in children)


def _text_option(value: str | None) -> str:
    return (value or "").strip()


class _AnyOption(dict):
    """An option spec that takes every option as text: the reader validates none."""

    def __bool__(self) -> bool:
        return True

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Callable[[str | None], str]:
        return _text_option

    def get(self, key: str, default: Any = None) -> Any:
        return _text_option


def _directive_parts(token: Token, argument: str) -> tuple[str, int, dict[str, Any]]:
    """The body, its line offset from the fence line, and the options of a directive fence."""
    # Imported here: docutils' rst parser is needed only by projects that use directives.
    from myst_parser.parsers.directives import parse_directive_text

    class StandIn:
        option_spec = _AnyOption()
        required_arguments = 0
        optional_arguments = 1
        final_argument_whitespace = True
        has_content = True

    parsed = parse_directive_text(StandIn, argument, token.content)  # type: ignore[arg-type]
    return "\n".join(parsed.body), parsed.body_offset, dict(parsed.options)


def _is_section_fence(token: Token) -> bool:
    return token.type in ("fence", "colon_fence") and (token.info or "").strip().startswith(
        "{glossterm-section}"
    )


def _option_line(token: Token, name: str, line: int | None) -> int | None:
    """As ``GlosstermDirective._option_line``: the line of ``:name:``, else the fence's."""
    if line is None:
        return None
    for offset, text in enumerate(token.content.splitlines(), start=1):
        if text.strip().startswith(f":{name}:"):
            return line + offset
    return line


def _directive_body(token: Token, argument: str) -> tuple[str, int]:
    body, offset, _ = _directive_parts(token, argument)
    return body, offset
