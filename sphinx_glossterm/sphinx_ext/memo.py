"""Whole-glossary results kept from one build to the next.

Some results are computed from the whole glossary on every build, even when an
edit did not touch what they depend on: the graph layout depends only on the
entries and their links, the suggestions for a broken link only on the names
of the entries, a word's stem in the search index only on the word.  An
author's edit loop is mostly such builds, so these results are kept in
``glossterm-memo.pickle`` beside the doctrees and reused while their input is
unchanged.  (Not in the pickled environment: Sphinx pickles it
after reading, before the checks and the writing that compute these.)

Inputs are compared by a digest of their ``repr``, so only plain data
(strings, numbers, tuples, lists) may go in; the digest includes the package
version, so a new release never reuses an old result.  Only the main process
uses the memo, also under ``-j``.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

from sphinx_glossterm import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx

T = TypeVar("T")

FILE = "glossterm-memo.pickle"
_memos: WeakKeyDictionary[Sphinx, Memo] = WeakKeyDictionary()  # one per build (application)


def digest(value: Any) -> str:
    """A fingerprint of plain data (and of this version of the package)."""
    text = repr((__version__, value))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Memo:
    """Named results, each with the digest of the input it was computed from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.results: dict[str, tuple[str, Any]] = {}
        self.changed = False
        try:
            with path.open("rb") as file:
                loaded = pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return  # none yet, or unreadable: compute afresh
        if isinstance(loaded, dict):
            self.results = loaded

    def get(self, name: str, inputs: Any, compute: Callable[[], T]) -> T:
        """``compute()``, or its result from an earlier build if ``inputs`` are the same."""
        key = digest(inputs)
        kept = self.results.get(name)
        if kept is not None and kept[0] == key:
            return kept[1]
        result = compute()
        self.results[name] = (key, result)
        self.changed = True
        return result

    def last(self, name: str) -> Any:
        """What :meth:`keep` stored under ``name`` in an earlier build, or ``None``."""
        kept = self.results.get(name)
        return None if kept is None else kept[1]

    def keep(self, name: str, value: Any) -> None:
        """Store ``value`` for the next build (plain data), whatever its inputs."""
        kept = self.results.get(name)
        if kept is None or kept[1] != value:
            self.results[name] = ("", value)
            self.changed = True

    def save(self) -> None:
        """Write the results if any was computed in this build."""
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        with partial.open("wb") as file:
            pickle.dump(self.results, file, pickle.HIGHEST_PROTOCOL)
        partial.replace(self.path)
        self.changed = False


def memo_of(app: Sphinx) -> Memo:
    """The memo of ``app``'s build, read from the doctree folder on first use."""
    memo = _memos.get(app)
    if memo is None:
        memo = _memos[app] = Memo(Path(app.doctreedir) / FILE)
    return memo


def remembered(app: Sphinx, name: str, inputs: Any, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from an earlier build if ``inputs`` are the same."""
    return memo_of(app).get(name, inputs, compute)


def save_memo(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: keep this build's results for the next."""
    memo = _memos.get(app)
    if memo is not None and exception is None:
        memo.save()
