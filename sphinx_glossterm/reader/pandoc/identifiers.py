"""Ids: Pandoc's ``auto_identifiers``, the directive's default id, and an id's HTML anchor.

Sphinx-free, shared by the renderer, the ``glossterm`` directive and the
Markdown reader of ``glossterm check``.
"""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[^\w\s.\-]")
_SPACES = re.compile(r"\s+")
_LEADING = re.compile(r"^[^A-Za-z\u00c0-\uffff]+")


def pandoc_identifier(text: str) -> str:
    """Lower-case, drop punctuation but ``_-.``, spaces to hyphens, no leading non-letters.

    Pandoc falls back to ``section`` for a heading with no usable characters.
    """
    text = unicodedata.normalize("NFC", text).lower()
    text = _DROP.sub("", text)
    text = _SPACES.sub("-", text.strip())
    text = _LEADING.sub("", text)
    return text or "section"


# Characters an HTML id cannot hold (white space) or that are markup in HTML and
# break naive attribute quoting or selectors (quotes, angle brackets, backtick),
# and control characters.
_NOT_IN_ANCHOR = re.compile(r"[\s\"'<>`\x00-\x1f\x7f]+")


def default_id(title: str) -> str:
    """The id of a ``glossterm`` directive entry written without ``:id:``: spaces as hyphens.

    That is how glossary authors write ids (``#Large-Action-Model``); Pandoc's
    lower-cased auto-identifiers apply only to Pandoc-dialect files.
    """
    return "-".join(title.split())


def html_anchor(written: str) -> str:
    """The HTML anchor of an id as written: the id itself, if it can be one.

    Each run of white space, quotes (``"`` ``'``), angle brackets, backticks or
    control characters becomes one ``-``, and ``-`` at either end is dropped
    (``a "b"`` → ``a-b``); letters of any script, digits and other punctuation
    stay.  The id as written stays the link target and the data's id.
    """
    if not _NOT_IN_ANCHOR.search(written):
        return written
    return _NOT_IN_ANCHOR.sub("-", written).strip("-") or "id"
