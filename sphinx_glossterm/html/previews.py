"""Previews of term links, for every HTML theme.

Hovering, focusing or first tapping a term link (``a.glossterm-link``) shows
the target's title, tagline and first sentence.  The text comes from data
written once per build, after writing (so ``-j`` builds need no merging), into
:data:`BUCKETS` small scripts ``_static/glossterm-previews/NN.js``: a page
loads none of them until a reader points at a link, and then only the one its
target falls in, so a page's weight does not grow with the glossary.  They are
scripts, not JSON, because a page opened from ``file://`` may not ``fetch``.

A link's key is its URL relative to the site's root, decoded, with the anchor
(``demo/terms/Term.html#Term``); the bucket is the FNV-1a hash of the key's
UTF-16 code units modulo :data:`BUCKETS`, computed the same way by
``js/src/core.js``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_glossterm.exports.site import SiteUrls, is_html_site
from sphinx_glossterm.html.theme import uses_glossterm_theme
from sphinx_glossterm.sphinx_ext.domain import LINK_CLASS, glossterm_domain

STATIC_DIR = Path(__file__).parent / "static"
DATA_DIR = "glossterm-previews"
BUCKETS = 64
CORE_CSS = "glossterm-core.css"
CORE_JS = "glossterm-core.js"


def fnv1a(text: str) -> int:
    """The 32-bit FNV-1a hash of ``text``'s UTF-16 code units (JavaScript's string units)."""
    value = 0x811C9DC5
    data = text.encode("utf-16-le")
    for position in range(0, len(data), 2):
        value ^= data[position] | (data[position + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def preview_key(url: str) -> str:
    """The key of a link target: its URL relative to the root, decoded, with the anchor."""
    return unquote(url.removeprefix("./"))


def add_static_path(app: Sphinx) -> None:
    """``builder-inited``: the previews' script and style go to ``_static`` (HTML builders)."""
    if is_html_site(app.builder) and str(STATIC_DIR) not in app.config.html_static_path:
        # A new list: the default one is shared by every Config in the process.
        app.config.html_static_path = [*app.config.html_static_path, str(STATIC_DIR)]


def add_page_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the script and style on pages with entries or term links.

    Other pages stay exactly as Sphinx writes them (unless the glossterm theme,
    which uses them on every page, renders the site).
    """
    if not is_html_site(app.builder):
        return
    domain = glossterm_domain(app.env)
    wanted = (
        pagename in domain.terms
        or pagename in domain.index_pages
        or uses_glossterm_theme(app)
        or (doctree is not None and any(True for _ in doctree.findall(_is_term_link)))
    )
    if wanted:
        app.add_css_file(CORE_CSS)
        app.add_js_file(CORE_JS, loading_method="defer")


def _is_term_link(node: nodes.Node) -> bool:
    return isinstance(node, nodes.reference) and LINK_CLASS in node.get("classes", ())


def preview_chunks(app: Sphinx) -> dict[int, dict[str, list[str]]]:
    """``bucket → {key: [title, tagline, first sentence]}`` for every entry."""
    domain = glossterm_domain(app.env)
    urls = SiteUrls(app.builder)
    chunks: dict[int, dict[str, list[str]]] = {}
    for term in domain.all_terms():
        key = preview_key(urls.term(term))
        chunks.setdefault(fnv1a(key) % BUCKETS, {})[key] = [
            term.title,
            term.tagline,
            term.summary if term.summary != term.tagline else "",
        ]
    return chunks


def script_literal(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Valid JSON is valid JavaScript once these two line separators are escaped.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def write_previews(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write every bucket (empty ones too, so no request fails)."""
    if exception is not None or not is_html_site(app.builder):
        return
    directory = Path(app.outdir) / "_static" / DATA_DIR
    directory.mkdir(parents=True, exist_ok=True)
    chunks = preview_chunks(app)
    for bucket in range(BUCKETS):
        text = f"glosstermPreviewChunk({bucket},{script_literal(chunks.get(bucket, {}))});\n"
        path = directory / f"{bucket:02d}.js"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
