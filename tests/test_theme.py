"""The glossterm theme without a browser: registration, pages, data files, bundles."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from sphinx_glossterm.html import graph_page
from sphinx_glossterm.html.layout import layout
from sphinx_glossterm.html.previews import BUCKETS, fnv1a
from sphinx_glossterm.html.theme import THEME_DIR
from sphinx_glossterm.model import words as ui

from .conftest import CHECKOUT_DIR
from .htmlparts import parse_html
from .projects import build
from .themed import build_docs

JS_DIR = CHECKOUT_DIR / "js"
BUNDLES = [
    CHECKOUT_DIR / "sphinx_glossterm" / "html" / "static" / "glossterm-core.js",
    THEME_DIR / "static" / "glossterm-theme.js",
    THEME_DIR / "static" / "glossterm-graph.js",
]
_STAMP = re.compile(r"^/\*! glossterm bundle sha256:([0-9a-f]{64}) ")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Whether the documentation builds without warnings is test_docs.py's question.
    outdir, _ = build_docs(tmp_path_factory.mktemp("themed"))
    return outdir


def _page(outdir: Path, name: str):
    return parse_html((outdir / name).read_text(encoding="utf-8"))


def test_theme_is_an_entry_point_and_a_toml_theme() -> None:
    names = {point.name: point.value for point in entry_points(group="sphinx.html_themes")}
    assert names.get("glossterm") == "sphinx_glossterm.html.theme"
    toml = (THEME_DIR / "theme.toml").read_text(encoding="utf-8")
    assert 'inherit = "basic"' in toml
    assert "sidebars = []" in toml


def _bundle_stamp() -> str:
    """What js/build.mjs writes: sha256 over "path\\0content\\0" of its inputs, in order."""
    sources = sorted(p.name for p in (JS_DIR / "src").iterdir() if not p.name.startswith("."))
    names = ["build.mjs", "package-lock.json", "package.json", "tsconfig.json"]
    names += [f"src/{name}" for name in sources]
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0")
        digest.update((JS_DIR / name).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda path: path.name)
def test_committed_bundles_are_current(bundle: Path) -> None:
    """Rebuild with ``cd js && npm ci && node build.mjs`` when this fails."""
    first_line = bundle.read_text(encoding="utf-8").partition("\n")[0]
    found = _STAMP.match(first_line)
    assert found, f"{bundle.name} has no stamp: was it written by js/build.mjs?"
    assert found.group(1) == _bundle_stamp(), f"{bundle.name} is older than js/: rebuild it"


def test_our_scripts_are_type_checked() -> None:
    for source in (JS_DIR / "src").glob("*.js"):
        assert source.read_text(encoding="utf-8").startswith("// @ts-check"), source.name
    package = json.loads((JS_DIR / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"]["typescript"][0].isdigit(), "typescript is pinned"
    assert all(version[0].isdigit() for version in package["devDependencies"].values())


def test_term_page_has_breadcrumbs_pager_and_neighbourhood(demo: Path) -> None:
    page = _page(demo, "demo/terms/Synonym.html")
    crumbs = page.find("nav", "gt-breadcrumbs")
    assert [li.text for li in crumbs.find_all("li")] == [
        "Home",
        "A–Z index",
        "Letter S",
        "Synonym",
    ]
    assert crumbs.find_all("a")[2].attrs["href"] == "../index.html#glossterm-letter-S"
    pager = page.find("nav", "gt-pager")
    titles = [span.text for span in pager.find_all("span", "gt-pager-title")]
    assert titles == ["Subject field", "Taxonomy"]
    figure = page.find("figure", "glossterm-neighbourhood")
    hrefs = {a.attrs["href"] for a in figure.find_all("a")}
    assert "Thesaurus.html#Thesaurus" in hrefs
    assert "../book.html#Abbreviation" in hrefs


def test_previous_and_next_follow_collation_order(demo: Path) -> None:
    """Äquivalenz sorts with A (DIN 5007), not after Z."""
    page = _page(demo, "demo/terms/Äquivalenz.html")
    titles = [span.text for span in page.find("nav", "gt-pager").find_all("span", "gt-pager-title")]
    assert titles == ["Acronym", "Back-of-book index"]


def test_no_page_lists_the_whole_glossary(demo: Path) -> None:
    """The header holds letters, not entries; no sidebar toctree."""
    page = _page(demo, "demo/terms/Synonym.html")
    header = page.find("header", "gt-header")
    assert len(header.find_all("a")) < 40
    assert page.find("div", "sphinxsidebar") is None


def test_pages_have_a_description_and_a_favicon(demo: Path) -> None:
    for name in (
        "demo/terms/Synonym.html",
        "demo/index.html",
        "glossterm-graph.html",
        "format.html",
    ):
        text = (demo / name).read_text(encoding="utf-8")
        assert text.count('name="description"') == 1, name
        assert 'rel="icon"' in text, name
    assert (demo / "_static" / "glossterm-favicon.svg").is_file()


def test_index_groups_letters_and_shows_aliases(demo: Path) -> None:
    index = _page(demo, "demo/index.html").find("div", "glossterm-index")
    groups = index.find_all("div", "glossterm-letter-group")
    headings = [group.find(cls="glossterm-letter") for group in groups]
    assert all(heading.tag == "h2" for heading in headings)
    letters = [heading.text.strip() for heading in headings]
    assert letters == sorted(letters)
    first = [li.text for li in groups[0].find_all("li")]
    assert "Äquivalenz" in " ".join(first), "Ä sorts with A"
    aliases = index.find_all("p", "glossterm-index-alias")
    assert aliases and all(" see " in alias.text for alias in aliases)


def test_preview_data_is_written_once_in_buckets(demo: Path) -> None:
    folder = demo / "_static" / "glossterm-previews"
    files = sorted(folder.glob("*.js"))
    assert len(files) == BUCKETS
    seen = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        bucket, data = re.fullmatch(r"glosstermPreviewChunk\((\d+),(.*)\);\n", text, re.S).groups()
        for key, value in json.loads(data).items():
            assert fnv1a(key) % BUCKETS == int(bucket)
            seen[key] = value
    assert seen["demo/terms/Synonym.html#Synonym"][:2] == [
        "Synonym",
        "One of two or more terms that name the same concept",
    ]
    assert "demo/terms/Äquivalenz.html#Äquivalenz" in seen
    # No page embeds the data.
    page = (demo / "demo" / "terms" / "Synonym.html").read_text(encoding="utf-8")
    assert "glosstermPreviewChunk" not in page


def test_fnv1a_matches_known_values() -> None:
    # Reference values of 32-bit FNV-1a (ASCII text: one UTF-16 unit per byte).
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_graph_page_and_data(demo: Path) -> None:
    page = _page(demo, "glossterm-graph.html")
    fallback = page.by_id("glossterm-graph-fallback")
    assert fallback is not None and len(fallback.find_all("li")) > 20
    text = (demo / "_static" / "glossterm-graph-data.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.glosstermGraph=").rstrip().rstrip(";"))
    graph = json.loads((demo / "glossterm-graph.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == len(graph["nodes"])
    assert len(data["edges"]) == len({(e["source"], e["target"]) for e in graph["edges"]})


def test_layout_is_deterministic_and_spreads_nodes() -> None:
    keys = [f"n{i}" for i in range(300)]
    edges = [(keys[i], keys[(i * 7 + 3) % 300]) for i in range(300)]
    first = layout(keys, edges)
    assert first == layout(list(keys), list(edges))
    assert len(set(first.values())) == len(keys)


LAYOUT_SCRIPT = """
import json
from sphinx_glossterm.html.layout import layout
keys = [f"n{i}" for i in range(200)]
edges = [(keys[i], keys[(i * 7 + 3) % 200]) for i in range(200)]
edges += [(keys[i], keys[(i * 13 + 5) % 200]) for i in range(0, 200, 3)]
print(json.dumps(sorted(layout(keys, edges).items())))
"""


def test_layout_is_the_same_in_every_process() -> None:
    """Strings' set order changes with the hash seed; the positions must not."""
    outputs = set()
    for seed in ("1", "2", "3"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", LAYOUT_SCRIPT],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_page_size_does_not_depend_on_the_number_of_terms(demo: Path) -> None:
    """Nothing on a term page scales with the glossary: compare with the entry's own text."""
    page = (demo / "demo" / "terms" / "Synonym.html").read_text(encoding="utf-8")
    body = page.partition('<main id="gt-main" class="gt-body body" role="main">')[2].partition(
        "</main>"
    )[0]
    assert len(page.encode()) - len(body.encode()) < 14_000


def test_graph_page_lists_entries_alone_past_the_link_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past FALLBACK_MAX_LINKS links the no-JS lists would make a page of megabytes.
    monkeypatch.setattr(graph_page, "FALLBACK_MAX_LINKS", 1)
    srcdir = tmp_path / "entries"
    shutil.copytree(CHECKOUT_DIR / "tests" / "roots" / "test-entries", srcdir)
    app = build(srcdir, confoverrides={"html_theme": "glossterm"})
    page = _page(Path(app.outdir), "glossterm-graph.html")
    fallback = page.by_id("glossterm-graph-fallback")
    assert fallback.find("h2").text == ui.strings("en")["graph_fallback_entries"]
    rows = fallback.find_all("li")
    assert len(rows) > 1 and all(len(row.find_all("a")) == 1 for row in rows)
