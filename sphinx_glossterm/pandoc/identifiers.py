"""Pandoc's ``auto_identifiers``: the id a heading gets when the author gave none."""

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
