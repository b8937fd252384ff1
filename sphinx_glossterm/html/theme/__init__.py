"""The ``glossterm`` HTML theme: ``html_theme = "glossterm"``.

Sphinx finds it through the ``sphinx.html_themes`` entry point (this module's
:func:`setup`), and the extension registers it too, so it also works from a
source checkout.  The theme's files are in ``glossterm/``: ``theme.toml``, the
templates and ``static/`` (its CSS, and the JavaScript bundled from ``js/`` at
the top of the repository by ``js/build.mjs``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

THEME_DIR = (Path(__file__).parent / "glossterm").resolve()


def uses_glossterm_theme(app: Sphinx) -> bool:
    """Whether the HTML builder renders with the glossterm theme (or a theme inheriting it)."""
    theme = getattr(app.builder, "theme", None)
    if theme is None:
        return False
    return any(Path(directory).resolve() == THEME_DIR for directory in theme.get_theme_dirs())


def use_project_title(app: Sphinx) -> None:
    """``builder-inited``: a glossary's header and page titles name the project alone.

    Sphinx's default ``html_title`` is "<project> <release> documentation",
    which reads oddly on a glossary ("KI-Glossar 0.1.0 Dokumentation").  Under
    the glossterm theme, while the author has not set ``html_title`` (or
    ``html_short_title``) to something else, both become the project's name.
    """
    from sphinx.locale import _

    config = app.config
    if not uses_glossterm_theme(app):
        return
    sphinx_default = _("%s %s documentation") % (config.project, config.release)
    if config.html_title == sphinx_default:
        if config.html_short_title == config.html_title:
            config.html_short_title = config.project
        config.html_title = config.project


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the theme.

    The extension is not loaded from here: Sphinx loads a theme's entry point
    only when the builder starts, too late to add a domain.  The templates show
    a plain page when ``sphinx_glossterm`` is not in ``extensions``.
    """
    app.add_html_theme("glossterm", str(THEME_DIR))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
