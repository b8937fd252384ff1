extensions = ["sphinx_glossterm"]
language = "en"
html_theme = "glossterm"
glossterm_translations = {"de": "../test-languages-de"}
