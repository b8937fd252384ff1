extensions = ["sphinx_glossterm"]
language = "de"
html_theme = "glossterm"
glossterm_translations = {"en": "../test-languages-en"}
