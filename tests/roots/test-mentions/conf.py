extensions = ["sphinx_glossterm"]
language = "de"
glossterm_mention_stop_words = ["Daten"]
