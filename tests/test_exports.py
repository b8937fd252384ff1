"""The exports of an HTML build: the graph JSON, SKOS in Turtle, JSON-LD in page heads."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS
from sphinx.testing.util import SphinxTestApp

from sphinx_glossterm.exports import iri, jsonld, skos

from .htmlparts import parse_html
from .projects import build, copy_root

DOCS = Path(__file__).parents[1] / "docs"
SCHEMA = DOCS / "_static" / "glossterm-graph.schema.json"
BASE = "https://example.org/glossar/"
EXPORT_FILES = ("glossterm-graph.json", "glossterm.ttl")

# The entry of tests/roots/test-exports whose every field looks like markup.
MARKUP_ID = 'x"<b>\\y</script>'
MARKUP_TITLE = '</script><b>"Bold"</b> \\ tail café'
MARKUP_TAGLINE = 'Ends </script> & <!-- "quoted" \\ backslash — ünïcödé ✓'
MARKUP_ALIASES = ["<b>alias</b>", 'back\\slash "quote" </script>', "中文"]
# Its HTML anchor: quotes and angle brackets become "-" (glossterm.id), and the
# backslash is percent-encoded in the IRI.
MARKUP_FRAGMENT = "x-b-%5Cy-/script"
# The graph fields of an entry that declares no status and is no abbreviation.
NO_TERMINOLOGY = {"status": "", "replaced_by": "", "abbreviation": "", "expansion": ""}


def _graph(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((Path(app.outdir) / "glossterm-graph.json").read_text(encoding="utf-8"))


def _turtle(app: SphinxTestApp, base: str | None = BASE) -> Graph:
    return Graph().parse(Path(app.outdir) / "glossterm.ttl", format="turtle", publicID=base)


def _json_ld(app: SphinxTestApp, page: str) -> list[Any]:
    """The parsed JSON-LD script elements in the head of ``page``."""
    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    head = parse_html(html).find("head")
    scripts = [s for s in head.find_all("script") if s.attrs.get("type") == "application/ld+json"]
    return [json.loads(script.text) for script in scripts]


def _validate(data: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(data)


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """``test-entries`` built with ``html``."""
    return build(copy_root("entries", tmp_path_factory.mktemp("entries") / "src"))


@pytest.fixture(scope="module")
def markup(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """``test-exports`` (entries whose text looks like markup) built with ``html``."""
    return build(copy_root("exports", tmp_path_factory.mktemp("exports") / "src"))


# -- glossterm-graph.json ---------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_graph_validates_against_the_schema(entries: SphinxTestApp, markup: SphinxTestApp) -> None:
    _validate(_graph(entries))
    _validate(_graph(markup))
    with pytest.raises(jsonschema.ValidationError):
        _validate({**_graph(entries), "version": 1})


def test_graph_nodes(entries: SphinxTestApp) -> None:
    nodes = _graph(entries)["nodes"]
    assert [node["id"] for node in nodes] == [
        "Alpha",
        "Beta",
        "Delta",
        "Epsilon",
        "gamma-2",
        "terms/Epsilon#Alpha",  # the second entry with the id Alpha
    ]
    assert nodes[0] == {
        "id": "Alpha",
        "title": "Alpha",
        "tagline": "The first letter of the test alphabet",
        "url": "terms/Alpha.html#Alpha",
        "aliases": ["A1", "First letter"],
        "docname": "terms/Alpha",
        **NO_TERMINOLOGY,
    }
    by_id = {node["id"]: node for node in nodes}
    assert by_id["gamma-2"]["url"] == "terms/Beta.html#gamma-2"
    assert by_id["terms/Epsilon#Alpha"]["url"] == "terms/Epsilon.html#Alpha"
    assert by_id["terms/Epsilon#Alpha"]["title"] == "Alpha again"
    assert by_id["Delta"]["tagline"] == ""


def test_graph_edges(entries: SphinxTestApp) -> None:
    edges = [(e["source"], e["target"], e["kind"]) for e in _graph(entries)["edges"]]
    assert edges == sorted(set(edges)), "sorted and without repeats"
    assert edges == [
        ("Alpha", "Beta", "mentions"),
        ("Alpha", "Beta", "related"),
        ("Alpha", "Delta", "mentions"),
        ("Alpha", "gamma-2", "mentions"),
        ("Beta", "Alpha", "mentions"),
        ("Beta", "Alpha", "related"),
        ("Delta", "Alpha", "related"),
        ("gamma-2", "Beta", "mentions"),
        ("gamma-2", "Beta", "related"),
        ("terms/Epsilon#Alpha", "Alpha", "mentions"),
    ]
    targets = {target for _, target, _ in edges}
    assert "Missing-Term" not in targets and "Index" not in targets


def test_self_links_are_no_edges(markup: SphinxTestApp) -> None:
    edges = [(e["source"], e["target"], e["kind"]) for e in _graph(markup)["edges"]]
    assert edges == [
        ("Plain", MARKUP_ID, "related"),
        (MARKUP_ID, "Plain", "mentions"),
        (MARKUP_ID, "Plain", "related"),
    ]


def test_graph_file_is_one_line_of_sorted_compact_json(entries: SphinxTestApp) -> None:
    text = (Path(entries.outdir) / "glossterm-graph.json").read_text(encoding="utf-8")
    data = json.loads(text)
    compact = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert text == compact + "\n"


def test_dirhtml_and_singlehtml_urls(tmp_path: Path) -> None:
    dirhtml = build(copy_root("entries", tmp_path / "dirhtml"), "dirhtml")
    urls = {node["id"]: node["url"] for node in _graph(dirhtml)["nodes"]}
    assert urls["Alpha"] == "terms/Alpha/#Alpha"
    assert urls["gamma-2"] == "terms/Beta/#gamma-2"
    (data,) = _json_ld(dirhtml, "terms/Alpha/index.html")
    (alpha,) = data["@graph"]
    assert alpha["@id"] == "#Alpha"
    assert alpha["inDefinedTermSet"]["@id"] == "../../"
    concepts = _turtle(dirhtml)
    scheme = URIRef(BASE)  # the root page's URL is "./", never the Turtle file itself
    assert (scheme, RDF.type, SKOS.ConceptScheme) in concepts
    assert (URIRef(BASE + "terms/Alpha/#Alpha"), SKOS.inScheme, scheme) in concepts

    single = build(copy_root("entries", tmp_path / "singlehtml"), "singlehtml")
    urls = {node["id"]: node["url"] for node in _graph(single)["nodes"]}
    assert urls["Alpha"] == "index.html#Alpha"
    assert urls["gamma-2"] == "index.html#gamma-2"
    (data,) = _json_ld(single, "index.html")
    assert sorted(term["@id"] for term in data["@graph"]) == sorted(
        f"#{node['url'].split('#')[1]}" for node in _graph(single)["nodes"]
    )


def test_epub_writes_no_exports(tmp_path: Path) -> None:
    app = build(copy_root("entries", tmp_path / "src"), "epub")
    assert not [name for name in EXPORT_FILES if (Path(app.outdir) / name).exists()]


# -- determinism ---------------------------------------------------------------------


def _export_bytes(app: SphinxTestApp) -> dict[str, bytes]:
    outdir = Path(app.outdir)
    files = {name: (outdir / name).read_bytes() for name in EXPORT_FILES}
    files["terms/Beta.html (JSON-LD)"] = "".join(
        re.findall(
            r'<script type="application/ld\+json">.*?</script>',
            (outdir / "terms" / "Beta.html").read_text(encoding="utf-8"),
        )
    ).encode()
    return files


def test_builds_give_identical_files(entries: SphinxTestApp, tmp_path: Path) -> None:
    again = build(copy_root("entries", tmp_path / "again"))
    assert _export_bytes(again) == _export_bytes(entries)
    parallel = build(copy_root("entries", tmp_path / "parallel"), parallel=2)
    assert _export_bytes(parallel) == _export_bytes(entries)
    # A rebuild that reads and writes nothing still writes the same files.
    for name in EXPORT_FILES:
        (Path(again.outdir) / name).unlink()
    rebuilt = build(Path(again.srcdir))
    assert _export_bytes(rebuilt) == _export_bytes(entries)


# -- glossterm.ttl -------------------------------------------------------------------


def test_turtle_concepts_and_labels(entries: SphinxTestApp) -> None:
    concepts = _turtle(entries)
    term = Namespace(BASE + "terms/")
    alpha, beta, delta = term["Alpha.html#Alpha"], term["Beta.html#Beta"], term["Delta.html#Delta"]
    gamma, again = term["Beta.html#gamma-2"], term["Epsilon.html#Alpha"]
    scheme = URIRef(BASE + "index.html")
    assert set(concepts.subjects(RDF.type, SKOS.Concept)) == {
        alpha,
        beta,
        delta,
        term["Epsilon.html#Epsilon"],
        gamma,
        again,
    }
    assert (scheme, RDF.type, SKOS.ConceptScheme) in concepts
    assert (scheme, DCTERMS.title, Literal("Test glossary", lang="en")) in concepts
    assert set(concepts.subjects(SKOS.inScheme, scheme)) == set(
        concepts.subjects(RDF.type, SKOS.Concept)
    )
    assert set(concepts.objects(alpha, SKOS.prefLabel)) == {Literal("Alpha", lang="en")}
    assert set(concepts.objects(alpha, SKOS.altLabel)) == {
        Literal("A1", lang="en"),
        Literal("First letter", lang="en"),
    }
    assert set(concepts.objects(alpha, SKOS.definition)) == {
        Literal("The first letter of the test alphabet", lang="en")
    }
    assert set(concepts.objects(delta, SKOS.definition)) == set(), "no tagline, no definition"
    assert set(concepts.objects(again, SKOS.notation)) == {Literal("terms/Epsilon#Alpha")}
    assert set(concepts.subject_objects(SKOS.related)) == {
        (alpha, beta),
        (beta, alpha),
        (delta, alpha),
        (gamma, beta),
    }


def test_turtle_iris_are_relative_to_the_output_root(entries: SphinxTestApp) -> None:
    text = (Path(entries.outdir) / "glossterm.ttl").read_text(encoding="utf-8")
    assert "@base" not in text
    assert "<terms/Alpha.html#Alpha> a skos:Concept" in text
    concepts = _turtle(entries, base=None)  # resolved against the file's own location
    root = Path(entries.outdir).resolve().as_uri()
    assert (URIRef(f"{root}/terms/Alpha.html#Alpha"), RDF.type, SKOS.Concept) in concepts


def test_html_baseurl_makes_iris_absolute(tmp_path: Path) -> None:
    app = build(
        copy_root("entries", tmp_path / "src"),
        confoverrides={"html_baseurl": "https://example.org/glossar", "language": "de_AT"},
    )
    text = (Path(app.outdir) / "glossterm.ttl").read_text(encoding="utf-8")
    assert "<https://example.org/glossar/terms/Alpha.html#Alpha> a skos:Concept" in text
    assert '"Alpha"@de-AT' in text
    concepts = _turtle(app, base="https://elsewhere.example/")
    alpha = URIRef(BASE + "terms/Alpha.html#Alpha")
    assert (alpha, SKOS.prefLabel, Literal("Alpha", lang="de-AT")) in concepts
    assert _graph(app)["nodes"][0]["url"] == "terms/Alpha.html#Alpha", "the JSON stays relative"
    (data,) = _json_ld(app, "terms/Alpha.html")
    assert data["@graph"][0]["@id"] == str(alpha)
    assert data["@graph"][0]["inDefinedTermSet"]["@id"] == BASE + "index.html"


# -- JSON-LD ---------------------------------------------------------------------------


def test_json_ld_on_a_term_page(entries: SphinxTestApp) -> None:
    (data,) = _json_ld(entries, "terms/Alpha.html")
    assert data == {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "DefinedTerm",
                "@id": "#Alpha",
                "url": "#Alpha",
                "name": "Alpha",
                "termCode": "Alpha",
                "alternateName": ["A1", "First letter"],
                "description": "The first letter of the test alphabet",
                "inDefinedTermSet": {
                    "@type": "DefinedTermSet",
                    "@id": "../index.html",
                    "name": "Test glossary",
                },
            }
        ],
    }


def test_json_ld_lists_every_entry_of_the_page_in_order(entries: SphinxTestApp) -> None:
    (beta,) = _json_ld(entries, "terms/Beta.html")
    assert [(t["name"], t["@id"]) for t in beta["@graph"]] == [
        ("Beta", "#Beta"),
        ("gamma", "#gamma-2"),
    ]
    (epsilon,) = _json_ld(entries, "terms/Epsilon.html")
    names = [(t["name"], t["termCode"], "description" in t) for t in epsilon["@graph"]]
    assert names == [("Epsilon", "Epsilon", False), ("Alpha again", "terms/Epsilon#Alpha", False)]


def test_no_json_ld_on_pages_without_entries(entries: SphinxTestApp) -> None:
    for page in ("index.html", "usage.html", "genindex.html", "search.html"):
        assert _json_ld(entries, page) == [], page


# -- text that looks like markup ------------------------------------------------------


def test_markup_in_the_json_ld_is_data(markup: SphinxTestApp) -> None:
    html = (Path(markup.outdir) / "terms.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(scripts) == 1
    assert not set("<>&") & set(scripts[0]), "nothing in the element can end it"
    (data,) = _json_ld(markup, "terms.html")
    entry = data["@graph"][0]
    assert entry["name"] == MARKUP_TITLE
    assert entry["description"] == MARKUP_TAGLINE
    assert entry["alternateName"] == MARKUP_ALIASES
    assert entry["termCode"] == MARKUP_ID
    assert entry["@id"] == f"#{MARKUP_FRAGMENT}"
    assert entry["inDefinedTermSet"]["name"] == 'Glossar "<Test>" & Co'
    head = parse_html(html).find("head")
    assert head.find_all("b") == [], "no element was made from an entry's text"


def test_markup_in_the_graph_is_data(markup: SphinxTestApp) -> None:
    node = next(n for n in _graph(markup)["nodes"] if n["id"] == MARKUP_ID)
    assert node == {
        "id": MARKUP_ID,
        "title": MARKUP_TITLE,
        "tagline": MARKUP_TAGLINE,
        "url": f"terms.html#{MARKUP_FRAGMENT}",
        "aliases": MARKUP_ALIASES,
        "docname": "terms",
        **NO_TERMINOLOGY,
    }
    assert _graph(markup)["nodes"][0]["aliases"] == ["P"], "an alias equal to the title is dropped"


def test_markup_in_the_turtle_is_data(markup: SphinxTestApp) -> None:
    concepts = _turtle(markup)
    entry = URIRef(f"{BASE}terms.html#{MARKUP_FRAGMENT}")
    plain = URIRef(f"{BASE}terms.html#Plain")
    assert set(concepts.objects(entry, SKOS.prefLabel)) == {Literal(MARKUP_TITLE, lang="de")}
    assert set(concepts.objects(entry, SKOS.definition)) == {Literal(MARKUP_TAGLINE, lang="de")}
    assert set(concepts.objects(entry, SKOS.altLabel)) == {
        Literal(alias, lang="de") for alias in MARKUP_ALIASES
    }
    assert set(concepts.objects(entry, SKOS.notation)) == {Literal(MARKUP_ID)}
    assert set(concepts.subject_objects(SKOS.related)) == {(entry, plain), (plain, entry)}
    scheme = URIRef(BASE + "index.html")
    assert (scheme, DCTERMS.title, Literal('Glossar "<Test>" & Co', lang="de")) in concepts


# -- the pieces ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("terms/CLIP.html", "terms/CLIP.html"),
        ("terms/Ä Ü.html", "terms/Ä%20Ü.html"),
        ('a"b<c>d\\e{f}g|h^i`j', "a%22b%3Cc%3Ed%5Ce%7Bf%7Dg%7Ch%5Ei%60j"),
        ("already%20quoted", "already%20quoted"),
        ("tab\there\x7f", "tab%09here%7F"),
        ("nonchar\ufffe", "nonchar%EF%BF%BE"),
    ],
)
def test_iri_encoding(text: str, expected: str) -> None:
    assert iri.encode(text) == expected


def test_fragment_escapes_hash_and_percent() -> None:
    assert iri.fragment("a#b%c/d?e") == "a%23b%25c/d?e"
    assert iri.fragment("Überwachtes-Lernen") == "Überwachtes-Lernen"


def test_turtle_literal_escapes() -> None:
    text = 'a "b" \\ c\nd\re\tf\x01g'
    assert skos.literal(text, "de") == '"a \\"b\\" \\\\ c\\nd\\re\\tf\\u0001g"@de'
    parsed = Graph().parse(data=f"<x:s> <x:p> {skos.literal(text)} .", format="turtle")
    assert next(iter(parsed.objects())) == Literal(text)


def test_script_json_survives_a_script_element() -> None:
    text = jsonld.script_json({"name": "</script><!-- & \u2028"})
    assert text == '{"name":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}'
    assert json.loads(text) == {"name": "</script><!-- & \u2028"}


# -- the documentation ---------------------------------------------------------------


def test_docs_snippets_read_the_exports(
    entries: SphinxTestApp, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = (DOCS / "exports.md").read_text(encoding="utf-8")
    snippets = re.findall(r"^```python\n(.*?)^```$", reference, re.DOTALL | re.MULTILINE)
    assert len(snippets) == 2
    assert Path(entries.outdir) == Path(entries.srcdir) / "_build" / "html"
    monkeypatch.chdir(entries.srcdir)
    exec(snippets[0], {})
    assert capsys.readouterr().out.splitlines() == [
        "Alpha → see also Beta",
        "Beta → see also Alpha",
        "Delta → see also Alpha",
        "gamma → see also Beta",
    ]
    exec(snippets[1], {})
    lines = capsys.readouterr().out.splitlines()
    assert "Alpha https://example.org/glossar/terms/Alpha.html#Alpha" in lines
    assert len(lines) == 6


def test_schema_is_published_with_the_docs(tmp_path: Path) -> None:
    srcdir = tmp_path / "docs"
    shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = build(srcdir)
    published = Path(app.outdir) / "_static" / "glossterm-graph.schema.json"
    assert published.read_bytes() == SCHEMA.read_bytes()
    _validate(_graph(app))
    assert len(_turtle(app)) > 0
