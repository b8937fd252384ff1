extensions = ["sphinx_glossterm"]
project = "Payloads"
language = "en"
html_baseurl = "https://glossary.example/"
