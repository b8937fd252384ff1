extensions = ["sphinx_glossterm"]
language = "en"
