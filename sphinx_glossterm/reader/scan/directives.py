"""The check's token walk, directives: ``glossterm`` entries, their sections, and the rest.

A ``glossterm`` directive is read as :class:`.directives.GlosstermDirective`
builds it; the body of a directive Sphinx parses as Markdown is walked like
the page around it; a directive whose body the walk cannot see is noted, and
the caller reads the project with Sphinx (see :mod:`.settings`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it.token import Token

from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader import entry_rules
from sphinx_glossterm.reader.gather import DIRECTIVE as INCLUDE_DIRECTIVE
from sphinx_glossterm.reader.pandoc.identifiers import default_id
from sphinx_glossterm.reader.scan.settings import NEEDS_SPHINX, NO_MARKDOWN
from sphinx_glossterm.reader.scan.state import EntryBuilder, SectionBuilder, WalkerBase
from sphinx_glossterm.reader.terminology import DECLARED, terminology


class DirectiveReading(WalkerBase):
    """Reads directive fences (``{name}``) and colon-fenced divs."""

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
        entry = EntryBuilder(
            written_id=options.get("id") or None,
            source=context.source,
            line=line,
            level=0,
            classes=tuple(str(options.get("class", "")).split()),
            aliases=entry_rules.split_aliases(str(options.get("aliases", ""))),
            directive=True,
            declared=terminology(
                {name: str(options[name]) for name in DECLARED if name in options}
            ),
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
        section = SectionBuilder(kind=kind or None, source=context.source, line=line)
        title_text = entry_rules.section_title(
            kind,
            str(options.get("title") or ""),
            self.settings.section_types,
            self.settings.language,
        )
        if context.entry is None:
            self.warn(GlosstermWarning.DIRECTIVE, line, entry_rules.STRAY_SECTION)
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
    """As the ``glossterm`` directive: the line of ``:name:``, else the fence's."""
    if line is None:
        return None
    # The fence line itself holds no option: "" stands for it.
    return entry_rules.option_line(["", *token.content.splitlines()], name, line)


def _directive_body(token: Token, argument: str) -> tuple[str, int]:
    body, offset, _ = _directive_parts(token, argument)
    return body, offset
