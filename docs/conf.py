"""Sphinx configuration of the sphinx_glossterm documentation.

The documentation is built with the extension itself: the demo glossary in
``demo/`` is written both as Pandoc-dialect term files and with the
``glossterm`` directive.
"""

from sphinx_glossterm import __version__

project = "sphinx_glossterm"
author = "sphinx_glossterm developers"
copyright = "2025, sphinx_glossterm developers"
version = release = __version__
language = "en"

# sphinx_glossterm sets up myst_parser itself.
extensions = ["sphinx_glossterm", "sphinx_design"]

myst_enable_extensions = ["colon_fence", "deflist"]

# The demo glossary adds one section type of its own to the three defaults.
glossterm_section_types = {
    "example": {"label": {"en": "Example", "de": "Beispiel"}, "render": "box"},
}

exclude_patterns = ["_build"]

html_theme = "alabaster"
# Published as is: the JSON Schema of glossterm-graph.json (see exports.md).
html_static_path = ["_static"]
html_title = f"sphinx_glossterm {release}"
# Lean sidebars: a glossary's toctree has one line per term.
html_sidebars = {"**": ["searchbox.html", "relations.html"]}
