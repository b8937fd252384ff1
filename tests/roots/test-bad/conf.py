extensions = ["sphinx_glossterm"]
project = "Bad inputs"
language = "en"
