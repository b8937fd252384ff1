extensions = ["sphinx_glossterm"]
language = "de"
project = 'Glossar "<Test>" & Co'
copyright = "2026, sphinx_glossterm tests"
version = release = "1.0"
myst_enable_extensions = ["colon_fence"]
