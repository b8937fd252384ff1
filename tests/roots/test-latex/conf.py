extensions = ["sphinx_glossterm"]
project = "Testglossar"
author = "sphinx_glossterm tests"
copyright = "2026, sphinx_glossterm tests"
version = release = "1.0"
language = "de"
latex_elements = {"extraclassoptions": "openany,oneside"}
glossterm_planned = ["Geplant"]
