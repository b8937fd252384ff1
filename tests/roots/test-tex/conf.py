extensions = ["sphinx_glossterm"]
project = "TeX specials"
language = "en"
