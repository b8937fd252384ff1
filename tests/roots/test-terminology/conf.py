extensions = ["sphinx_glossterm"]
project = "Terminologie-Test"
author = "sphinx_glossterm tests"
copyright = "2026, sphinx_glossterm tests"
version = release = "1.0"
language = "de"
