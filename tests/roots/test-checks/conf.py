extensions = ["sphinx_glossterm"]
language = "de"
glossterm_planned = ["Vision-*", "Quantum-Glossary"]
glossterm_check_seealso_order = True
glossterm_check_seealso_symmetry = True
glossterm_required_sections = ["explanation", "seealso"]
