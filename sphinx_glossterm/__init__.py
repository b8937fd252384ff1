"""sphinx_glossterm: glossaries and terminology books for Sphinx.

Add ``"sphinx_glossterm"`` to ``extensions``.  The package is laid out by the
data flow (``docs/architecture.md``): :mod:`.reader` turns Markdown into
doctrees, :mod:`.model` holds the records and the rules, :mod:`.sphinx_ext`
keeps and checks them in the build, and :mod:`.html`, :mod:`.book` and
:mod:`.exports` write them out; :mod:`.cli` is ``glossterm``.  Each stage
registers its part with Sphinx in its own ``register(app)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only for the annotation: ``glossterm check`` imports this package without Sphinx's app.
    from sphinx.application import Sphinx

__version__ = "0.1.0"

# Bump whenever the records the domain stores change shape.
ENV_VERSION = 4


def setup(app: Sphinx) -> dict[str, Any]:
    """Register every stage, in the order of the data flow."""
    from sphinx_glossterm import book, exports, html, reader, sphinx_ext

    reader.register(app)
    sphinx_ext.register(app)
    exports.register(app)
    html.register(app)
    book.register(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
