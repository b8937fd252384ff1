"""The check's token walk: one document's tokens to its Term records, in the renderer's order.

Entries, sections, headings and their ids are read here; inline content in
:mod:`.inline`, directives in :mod:`.directives`.  Every decision the build
makes too (what an entry's id, classes and aliases are, when a heading level
or an empty entry is reported, and in which words) is a call into
:mod:`..entry_rules`, the functions the renderer and the directives call.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docutils.nodes import make_id
from markdown_it import MarkdownIt
from markdown_it.token import Token

from sphinx_glossterm.model.abbreviations import abbreviation_fields
from sphinx_glossterm.model.mentions import EntryProse
from sphinx_glossterm.model.records import Section, Term, relative_path
from sphinx_glossterm.model.translations import TRANSLATED_FROM
from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader import entry_rules
from sphinx_glossterm.reader.gather import FILE, SITE_KEY, IncludeSite
from sphinx_glossterm.reader.mdit import markdown_parser
from sphinx_glossterm.reader.nesting_rule import BLOCK_LIMIT, TOO_DEEP
from sphinx_glossterm.reader.pandoc.abbreviation import ABBREVIATION_META
from sphinx_glossterm.reader.pandoc.attributes import Attributes
from sphinx_glossterm.reader.pandoc.dialect import is_pandoc_dialect
from sphinx_glossterm.reader.pandoc.entries import ENTRY, LEAD, SECTION, SUBSECTION, TAGLINE
from sphinx_glossterm.reader.pandoc.entries import heading_attributes as token_attributes
from sphinx_glossterm.reader.pandoc.heading_attrs import ATTRS_ERROR_META
from sphinx_glossterm.reader.pandoc.identifiers import pandoc_identifier
from sphinx_glossterm.reader.scan.directives import DirectiveReading
from sphinx_glossterm.reader.scan.inline import InlineReading, plain_text
from sphinx_glossterm.reader.scan.lazy_inline import parse_inline_where_read
from sphinx_glossterm.reader.scan.settings import DocumentRecords, ReadProblem, ScanSettings
from sphinx_glossterm.reader.scan.state import EntryBuilder, SectionBuilder
from sphinx_glossterm.reader.terminology import terminology


def scan_documents(
    documents: Iterable[tuple[str, str]], settings: ScanSettings
) -> list[DocumentRecords]:
    """Scan ``(docname, path relative to srcdir)`` pairs; the parsers are built once."""
    parsers = Parsers(settings)
    return [scan_document(docname, path, settings, parsers) for docname, path in documents]


class Parsers:
    """The two markdown-it instances a project needs, built on first use."""

    def __init__(self, settings: ScanSettings) -> None:
        self._settings = settings
        self._built: dict[bool, MarkdownIt] = {}

    def get(self, pandoc: bool) -> MarkdownIt:
        """The parser of a Pandoc-dialect file (``pandoc``) or of a MyST page."""
        if pandoc not in self._built:
            settings = self._settings
            md = markdown_parser(settings.md_config, settings.entry_options, pandoc)
            # The word count (myst's reading-time metadata) is no part of the records.
            md.core.ruler.disable("wordcount", ignoreInvalid=True)
            if not settings.prose:
                parse_inline_where_read(md)
            self._built[pandoc] = md
        return self._built[pandoc]


def scan_document(
    docname: str, path: str, settings: ScanSettings, parsers: Parsers | None = None
) -> DocumentRecords:
    """The records of one Markdown document (``path`` relative to the source directory)."""
    full = Path(settings.srcdir, path)
    try:
        text = full.read_text(encoding=settings.encoding)
    except (OSError, UnicodeDecodeError) as error:
        records = DocumentRecords(docname)
        records.unknown_directives.append(f"(unreadable: {error})")
        return records
    return scan_text(docname, path, text, settings, parsers)


def scan_text(
    docname: str, path: str, text: str, settings: ScanSettings, parsers: Parsers | None = None
) -> DocumentRecords:
    """The records of a Markdown document whose text has been read already."""
    parsers = parsers or Parsers(settings)
    records = DocumentRecords(docname)
    full = Path(settings.srcdir, path)
    pandoc = is_pandoc_dialect(text, settings.dialect)
    md = parsers.get(pandoc)
    tokens = md.parse(text, {SITE_KEY: include_site(full, path, settings, records)})
    Walker(records, settings, md, path, pandoc).walk(tokens, base=0)
    return records


def include_site(
    host: Path, host_path: str, settings: ScanSettings, records: DocumentRecords
) -> IncludeSite:
    """As the Sphinx parser's (:func:`.parser.include_site`), reporting into ``records``."""

    def warn(message: str, line: int | None) -> None:
        records.problems.append(ReadProblem(GlosstermWarning.INCLUDE, host_path, line, message))

    return IncludeSite(
        host=host,
        srcdir=Path(settings.srcdir),
        encoding=settings.encoding,
        note_include=lambda patterns, files: records.note_gathering(),
        note_dependency=lambda path: None,
        warn=warn,
    )


class Walker(InlineReading, DirectiveReading):
    """Turns one document's tokens into records, in the renderer's order."""

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
                entry_rules.too_deep_blocks_problem(BLOCK_LIMIT),
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
            self.warn(GlosstermWarning.ATTRIBUTES, line, entry_rules.attributes_problem(error))
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
        entry = EntryBuilder(
            written_id=attrs.id,
            source=self.context.source,
            line=self.line_of(opener, base),
            level=opener.meta["level"],
            classes=entry_rules.entry_classes(attrs.classes),
            aliases=entry_rules.split_aliases(attrs.pairs.get("aliases", "")),
            inferred=bool(opener.meta.get("inferred")),
            declared=terminology(attrs.pairs, opener.meta.get(ABBREVIATION_META)),
            translated_from=attrs.pairs.get(TRANSLATED_FROM, ""),
        )
        outer = self.context.entry, self.context.section
        self.context.entry, self.context.section = entry, None
        heading_line = self.line_of(tokens[index + 1], base)
        entry.title, position = self.heading_text(tokens, index + 1, base)
        if not entry.title.strip():
            self.warn(GlosstermWarning.ENTRY, heading_line, entry_rules.NO_TITLE)
        level_problem = entry_rules.heading_level_problem(entry.level)
        if level_problem:
            self.warn(GlosstermWarning.ENTRY, heading_line, level_problem)

        def note_tagline(position: int) -> None:
            if tokens[position].type == f"{TAGLINE}_open":
                entry.tagline = plain_text(tokens[position + 1].children or [])

        position = self.step_to_close(tokens, position, base, ENTRY, note_tagline)
        self.context.entry, self.context.section = outer
        term_id = entry.written_id or pandoc_identifier(entry.title)
        self.finish(entry, term_id)
        return position + 1

    def pandoc_section(self, tokens: list[Token], index: int, base: int) -> int:
        opener = tokens[index]
        heading = tokens[index + 1]
        attrs = token_attributes(heading)
        section = SectionBuilder(
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

    def finish(self, entry: EntryBuilder, term_id: str) -> None:
        """As :func:`.nodes.finish_entry` and the domain: the Term record of a read entry."""
        if not entry.tagline and not entry.has_lead and not entry.sections:
            self.warn_empty(entry.source, entry.line, entry_rules.empty_entry_problem(term_id))
        for section in entry.sections:
            if section.kind and not section.has_body:
                self.warn_empty(
                    section.source,
                    section.line,
                    entry_rules.empty_section_problem(section.kind, section.title, term_id),
                )
        saved = self.context.source
        self.context.source = entry.source
        anchor = self.register(term_id, entry.line)
        self.context.source = saved
        for section in entry.sections:
            if not section.anchor:
                section.anchor = self.register(
                    make_id(entry_rules.section_id_seed(anchor, section.title)), None
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
                status=str(entry.declared["status"]),
                replaced_by=str(entry.declared["replaced_by"]),
                **abbreviation_fields(
                    entry.title,
                    entry.classes,
                    entry.declared["sentence"],  # type: ignore[arg-type]
                    str(entry.declared["expansion"]),
                ),
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
