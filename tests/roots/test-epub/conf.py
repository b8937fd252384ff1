extensions = ["sphinx_glossterm", "sphinx_design"]
project = "EPUB test glossary"
author = "sphinx_glossterm tests"
copyright = "2026, sphinx_glossterm tests"
version = release = "1.0"
language = "en"
myst_enable_extensions = ["colon_fence"]
