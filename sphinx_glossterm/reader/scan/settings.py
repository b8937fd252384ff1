"""What the check's token walk needs to know: the settings, the directive tables, its results."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from myst_parser.config.main import MdParserConfig

from sphinx_glossterm.model.mentions import EntryProse
from sphinx_glossterm.model.options import SectionType
from sphinx_glossterm.model.records import Link, Term
from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader.entry_rules import EntryRuleOptions

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
        "glossterm-abbreviations", "default-role", "default-domain", "currentmodule", "module",
        "code-cell", "figure-md",
        "centered", "hlist", "acks", "productionlist", "glossary",
    }
)  # fmt: skip


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
    gathers: bool = False
    """Whether the document gathers files (``glossterm-include``): its records depend on
    more than its own text, so the check's cache does not keep them."""

    def note_gathering(self) -> None:
        """Called when a ``glossterm-include`` in the document is read."""
        self.gathers = True
