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

html_theme = "glossterm"
# Published as is: the JSON Schema of glossterm-graph.json (see exports.md).
html_static_path = ["_static"]
html_title = f"sphinx_glossterm {release}"

# The book (print.md).  xelatex: the demo glossary writes pronunciations in IPA,
# which pdflatex's fonts lack; makeindex sorts our index entries right and needs
# no xindy.  The emoji of the glossterm_latex_characters example gets a
# rendering.  The EPUB leaves out the JSON Schema (no e-book format).
latex_engine = "xelatex"
latex_use_xindy = False
glossterm_latex_characters = {"😀": r"\textsf{:-)}"}
epub_exclude_files = ["_static/glossterm-graph.schema.json"]
