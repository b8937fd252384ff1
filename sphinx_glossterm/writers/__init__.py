"""Output formats beyond HTML: the glossary as a LaTeX/PDF book and as an EPUB.

HTML needs nothing of its own: entries are ordinary docutils sections.  A
book does: :mod:`.latex` sets entries as chapters with bookmarks, named
destinations, page numbers and a sorted index; :mod:`.latex_chars` keeps
characters the LaTeX engine cannot typeset out of the output; :mod:`.epub`
makes what sphinx-design renders valid EPUB.
"""
