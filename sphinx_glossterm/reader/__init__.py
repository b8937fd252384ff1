"""Reading: Markdown and the Pandoc dialect of term documents into doctrees.

- :mod:`.mdit` builds the markdown-it parser (myst-parser's, with our plugins:
  :mod:`.pandoc` for the dialect, :mod:`.rawhtml`, :mod:`.gather`, nesting);
- :mod:`.renderer` turns its tokens into docutils nodes (:mod:`.nodes` is the
  structure of an entry, shared with the :mod:`.directives`);
- :mod:`.parser` is the Sphinx source parser; :mod:`.scan` reads the same
  tokens into Term records without docutils, for ``glossterm check``.

Usable without a Sphinx application: only :func:`register` needs one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def register(app: Sphinx) -> None:
    """The source parser, the directives, their nodes and the read-time transforms."""
    from sphinx_glossterm.reader.directives import (
        AnchorStraySections,
        GlosstermDirective,
        GlosstermIncludeDirective,
        GlosstermIndexDirective,
        GlosstermSectionDirective,
    )
    from sphinx_glossterm.reader.nesting import LimitDepth
    from sphinx_glossterm.reader.nodes import index_placeholder
    from sphinx_glossterm.reader.parser import GlosstermParser
    from sphinx_glossterm.reader.rawhtml.nodes import (
        depart_html_element,
        html_element,
        visit_html_element,
    )

    app.setup_extension("myst_parser")
    app.add_source_parser(GlosstermParser, override=True)
    app.add_directive("glossterm", GlosstermDirective)
    app.add_directive("glossterm-section", GlosstermSectionDirective)
    app.add_directive("glossterm-index", GlosstermIndexDirective)
    app.add_directive("glossterm-include", GlosstermIncludeDirective)
    app.add_node(index_placeholder)
    app.add_node(html_element, html=(visit_html_element, depart_html_element))
    app.add_transform(AnchorStraySections)
    app.add_transform(LimitDepth)
