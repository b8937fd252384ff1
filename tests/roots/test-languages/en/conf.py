extensions = ["sphinx_glossterm"]
language = "en"
html_theme = "glossterm"
glossterm_translations = {"de": "../de"}
