extensions = ["sphinx_glossterm"]
language = "en"
project = "Test glossary"
copyright = "2026, sphinx_glossterm tests"
version = release = "1.0"
