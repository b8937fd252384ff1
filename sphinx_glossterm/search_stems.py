"""One stem per word for the whole build, not one per word and page.

Sphinx's HTML search index stems every word of every page
(``IndexBuilder.feed``) and memoises the stems only for the page at hand, so a
word used on every page is stemmed once per page.  For German, whose Snowball
stemmer is pure Python, that was the largest single cost of writing a
glossary: most words of an entry (its section titles, the see-also labels,
the subject's vocabulary) recur on hundreds of pages.  Stemming is a pure
function of the word, so keeping the stems for the whole build changes no byte
of the index; it only removes the repeats.

Sphinx creates the indexer when writing starts (``prepare_writing``) and feeds
it a page after resolving its doctree, so ``doctree-resolved`` is the first
moment the indexer exists and the last before it is used.  Only the main
process feeds the index (also under ``-j``), so the memo lives there.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx


class MemoisedStem:
    """A search language's ``stem``, remembering every word's stem."""

    def __init__(self, stem: Callable[[str], str]) -> None:
        self.stem = stem
        self.stems: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        try:
            return self.stems[word]
        except KeyError:
            stemmed = self.stems[word] = self.stem(word)
            return stemmed


def memoise_stemmer(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: make the HTML search indexer stem each word once per build."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None or isinstance(indexer.lang.stem, MemoisedStem):
        return
    indexer.lang.stem = MemoisedStem(indexer.lang.stem)
