"""The check's token walk, inline: links, their labels, and the text docutils would show.

Labels and titles are compared with the build's, so the text is what the
doctree holds after Sphinx's smart quotes (``educate_tokens``, as
``SphinxSmartQuotes`` runs it); the rules of the reader itself (which links
count, which are see-also, raw HTML, nesting) come from :mod:`..entry_rules`.
"""

from __future__ import annotations

import re

from docutils.utils.smartquotes import educate_tokens
from markdown_it.token import Token

from sphinx_glossterm.model.records import Link, LinkKind
from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader import entry_rules
from sphinx_glossterm.reader.nesting_rule import INLINE_LIMIT, TOO_DEEP_INLINE
from sphinx_glossterm.reader.prose import ProseReader, offset_line
from sphinx_glossterm.reader.rawhtml.rule import COMMENT, REJECTED, UNSAFE_LINK
from sphinx_glossterm.reader.scan.state import WalkerBase

TERM_ROLE = "glossterm:term"

_EXPLICIT_TITLE = re.compile(r"^(.+?)\s*(?<!\x00)<(.*?)>$", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")
# What Sphinx's smart quotes act on: quotes, dashes, ellipses, and backslash escapes.
_EDUCATED = re.compile(r"[\"'\\]|--|\.\.\.|\. \.")


class InlineReading(ProseReader, WalkerBase):
    """Reads inline tokens: their links into the entry (or the page), their text."""

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
                links.append((child, None, offset_line(block_line, child)))
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
                    offset_line(block_line, child),
                    entry_rules.rejected_html_problem(child.meta[REJECTED]),
                )
                kind, text = "literal", child.content
            elif child.type == "text" and child.meta.get(UNSAFE_LINK) and self.checks_raw_html:
                self.warn(
                    GlosstermWarning.UNSAFE_LINK,
                    offset_line(block_line, child),
                    entry_rules.unsafe_link_problem(child.meta[UNSAFE_LINK]),
                )
                text = child.content
            elif child.type == "text" and child.meta.get(TOO_DEEP_INLINE):
                self.warn(
                    GlosstermWarning.NESTING,
                    offset_line(block_line, child),
                    entry_rules.too_deep_inline_problem(INLINE_LIMIT),
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
        if self.context.entry is None or section is None:
            return False
        if not entry_rules.renders_links(section.kind, self.settings.section_types):
            return False
        rest = "".join(
            text for (_, text), owner in zip(segments, owners, strict=True) if owner is None
        )
        return any(owner is not None for owner in owners) and entry_rules.is_link_separator(rest)

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
        kind = entry_rules.link_kind(kind_name, self.settings.section_types)
        entry.links.append(Link(target, label, kind, context.source, line, kind_name or None))


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
    return kind == "plain" and _EDUCATED.search(text) is not None


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


def plain_text(children: list[Token]) -> str:
    return "".join(_text_of(child) for child in children)
