extensions = ["sphinx_glossterm"]
language = "de"
