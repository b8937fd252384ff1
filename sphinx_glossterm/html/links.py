"""Links from the page being written to an anchor, as the theme's templates need them."""

from __future__ import annotations

from typing import Any


def anchor_url(pathto: Any, docname: str, anchor: str) -> str:
    """The link from this page to ``anchor`` in ``docname``: ``#anchor`` on the page itself.

    Sphinx's ``pathto`` returns ``#`` for the page being written, so appending
    a fragment to it would give ``##anchor``, which leads nowhere.
    """
    page = pathto(docname)
    return f"#{anchor}" if page.startswith("#") else f"{page}#{anchor}"
