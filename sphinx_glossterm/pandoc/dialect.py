"""Decide whether a Markdown file is written in the Pandoc dialect."""

from __future__ import annotations

import re

# A heading ending in ``{#id …}`` or ``{.class …}``, a grid-table border, or a
# title block on the first line: any one of them marks a Pandoc-dialect file.
_MARKERS = re.compile(
    r"^(?:#{1,6}[ \t].*\{[ \t]*[#.][^{}\n]*\}[ \t]*"
    r"|[ ]{0,3}\+(?:[-=:]{3,}\+)+[ \t]*)$",
    re.MULTILINE,
)


def is_pandoc_dialect(text: str, setting: str = "auto") -> bool:
    """Whether ``text`` should be read with the Pandoc-dialect plugins."""
    if setting == "pandoc":
        return True
    if setting == "myst":
        return False
    return text.startswith("%") or _MARKERS.search(text) is not None
