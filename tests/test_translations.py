"""One glossary in two languages: ``tests/roots/test-languages-{de,en}``, each naming the other.

Both trees are built into sibling folders (``site/de``, ``site/en``), as the
docs recommend; the entry pages link their counterparts both ways, the checks
name the untranslated entries and the outdated translation, the exports carry
both languages' labels, and an edit in the other tree shows up in a rebuild.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from rdflib import SKOS, Graph, Literal, URIRef
from sphinx.application import Sphinx
from sphinx.util.console import strip_colors
from sphinx.util.docutils import docutils_namespace

from sphinx_glossterm.cli.main import main
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.translations import (
    Counterpart,
    Translations,
    entry_digest,
    recorded_digest,
)
from sphinx_glossterm.model.warnings_ import GlosstermWarning

from .projects import ROOTS

AGENT_DIGEST = "c62dcf9234f6"
"""The digest of ``de/Agent.md``, recorded in ``en/Agent.md`` (so that translation is current)."""
WERKZEUG_DIGEST = "b0567f531b00"
"""The digest of ``de/Werkzeug.md``; ``en/Werkzeug.md`` records an older one."""

LANGUAGES = ("de", "en")
_ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)" />')


@dataclass
class Site:
    root: Path
    warnings: dict[str, str]

    def page(self, language: str, name: str) -> str:
        return (self.root / "site" / language / f"{name}.html").read_text(encoding="utf-8")


def copy_trees(root: Path) -> Path:
    """Both trees side by side in ``root``, as the test roots are."""
    for language in LANGUAGES:
        shutil.copytree(ROOTS / f"test-languages-{language}", root / f"test-languages-{language}")
    return root


def tree(root: Path, language: str) -> Path:
    return root / f"test-languages-{language}"


def build_tree(root: Path, language: str, parallel: int = 0, **overrides: Any) -> str:
    """Build the ``language`` tree into ``root/site/<language>``; return the warnings."""
    warning = StringIO()
    with docutils_namespace():
        app = Sphinx(
            tree(root, language),
            tree(root, language),
            root / "site" / language,
            root / "doctrees" / language,
            "html",
            confoverrides=overrides,
            status=None,
            warning=warning,
            parallel=parallel,
        )
        app.build()
    return strip_colors(warning.getvalue())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = copy_trees(tmp_path_factory.mktemp("languages"))
    warnings = {language: build_tree(root, language) for language in LANGUAGES}
    return Site(root, warnings)


def alternates(html: str) -> dict[str, str]:
    return dict(_ALTERNATE.findall(html))


def test_entry_pages_link_their_counterparts_both_ways(site: Site) -> None:
    german = site.page("de", "Agent")
    english = site.page("en", "Agent")
    assert alternates(german) == {"de": "Agent.html", "en": "../en/Agent.html"}
    assert alternates(english) == {"en": "Agent.html", "de": "../de/Agent.html"}
    # The links resolve in the sibling folders.
    de_dir = site.root / "site" / "de"
    assert (de_dir / "../en/Agent.html").resolve().is_file()
    # The visible switch of the glossterm theme, in the page's language.
    assert '<nav class="gt-languages" aria-label="Dieser Eintrag in anderen Sprachen">' in german
    assert (
        '<a href="../en/Werkzeug.html" hreflang="en" lang="en" rel="alternate" '
        'title="Tool">English</a>' in site.page("de", "Werkzeug")
    )
    assert 'title="Werkzeug">Deutsch</a>' in site.page("en", "Werkzeug")
    # An entry with no counterpart links none.
    assert alternates(site.page("de", "Nur-Deutsch")) == {}
    assert "gt-languages" not in site.page("de", "Nur-Deutsch")


def test_the_build_warns_about_untranslated_and_outdated_entries(site: Site) -> None:
    german, english = site.warnings["de"], site.warnings["en"]
    assert re.findall(r"(\S+\.md):\d+: WARNING: .*\[glossterm\.(\w+)\]", german) == [
        (str(tree(site.root, "de") / "Nur-Deutsch.md"), "untranslated")
    ]
    found = re.findall(r"(\w+(?:-\w+)?)\.md:\d+: WARNING: (.*) \[glossterm\.(\w+)\]", english)
    assert [(name, kind) for name, _, kind in found] == [
        ("Only-English", "untranslated"),
        ("Werkzeug", "translation_outdated"),
    ]
    assert f'translated-from="de:{WERKZEUG_DIGEST}"' in found[1][1]


def test_check_names_the_untranslated_entries(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    def findings(language: str, *options: str) -> dict[str, list[tuple[str, int]]]:
        status = main(["check", str(tree(site.root, language)), "--format", "json", *options])
        result = json.loads(capsys.readouterr().out)
        assert status == 1
        return {
            kind: [(item["file"], item["line"]) for item in items]
            for kind, items in result["findings"].items()
        }

    assert findings("de") == {"untranslated": [("Nur-Deutsch.md", 1)]}
    assert findings("de", "--full") == findings("de")
    assert findings("en") == {
        "untranslated": [("Only-English.md", 1)],
        "translation_outdated": [("Werkzeug.md", 1)],
    }


def test_exports_carry_both_languages(site: Site) -> None:
    graph = Graph()
    graph.parse(site.root / "site" / "de" / "glossterm.ttl", format="turtle")

    def labels(name: str, predicate: URIRef) -> set[Literal]:
        subject = URIRef((site.root / "site" / "de" / f"{name}.html").as_uri() + f"#{name}")
        return set(graph.objects(subject, predicate))

    assert labels("Agent", SKOS.prefLabel) == {
        Literal("Agent", lang="de"),
        Literal("Agent", lang="en"),
    }
    assert labels("Werkzeug", SKOS.prefLabel) == {
        Literal("Werkzeug", lang="de"),
        Literal("Tool", lang="en"),
    }
    assert labels("Agent", SKOS.altLabel) == {
        Literal("KI-Agent", lang="de"),
        Literal("AI agent", lang="en"),
    }
    assert Literal("A function an agent can call", lang="en") in labels("Werkzeug", SKOS.definition)
    assert labels("Nur-Deutsch", SKOS.prefLabel) == {Literal("Nur auf Deutsch", lang="de")}
    nodes = json.loads((site.root / "site" / "en" / "glossterm-graph.json").read_text())["nodes"]
    by_id = {node["id"]: node for node in nodes}
    assert by_id["Werkzeug"]["translations"] == {
        "de": {
            "title": "Werkzeug",
            "tagline": "Eine Funktion, die ein Agent aufrufen kann",
            "aliases": [],
        }
    }
    assert "translations" not in by_id["Only-English"]


def test_an_edit_in_the_other_tree_shows_up_in_a_rebuild(tmp_path: Path) -> None:
    root = copy_trees(tmp_path)
    build_tree(root, "de")
    page = root / "site" / "de" / "Agent.html"
    untouched = page.stat().st_mtime_ns
    english = tree(root, "en") / "Werkzeug.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace("## Tool {", "## Tool call {"),
        encoding="utf-8",
    )
    build_tree(root, "de")
    werkzeug = (root / "site" / "de" / "Werkzeug.html").read_text(encoding="utf-8")
    assert 'title="Tool call">English</a>' in werkzeug
    ttl = (root / "site" / "de" / "glossterm.ttl").read_text(encoding="utf-8")
    assert '"Tool call"@en' in ttl
    # Only the pages whose counterpart changed were written again.
    assert page.stat().st_mtime_ns == untouched


def test_a_parallel_build_links_the_same(site: Site, tmp_path: Path) -> None:
    root = copy_trees(tmp_path)
    warnings = build_tree(root, "en", parallel=2)
    for name in ("Agent", "Werkzeug", "Only-English"):
        html = (root / "site" / "en" / f"{name}.html").read_text(encoding="utf-8")
        assert alternates(html) == alternates(site.page("en", name))
    assert warnings.count("[glossterm.") == site.warnings["en"].count("[glossterm.") == 2


def test_other_themes_get_the_head_links(tmp_path: Path) -> None:
    root = copy_trees(tmp_path)
    build_tree(root, "de", html_theme="alabaster")
    html = (root / "site" / "de" / "Agent.html").read_text(encoding="utf-8")
    assert alternates(html) == {"de": "Agent.html", "en": "../en/Agent.html"}


def test_configured_urls_replace_the_sibling_folders(tmp_path: Path) -> None:
    root = copy_trees(tmp_path)
    build_tree(
        root, "de", glossterm_translation_urls={"en": "https://glossary.example.org/en/latest/"}
    )
    html = (root / "site" / "de" / "Agent.html").read_text(encoding="utf-8")
    assert alternates(html)["en"] == "https://glossary.example.org/en/latest/Agent.html"


def test_a_missing_tree_is_a_warning(tmp_path: Path) -> None:
    root = copy_trees(tmp_path)
    warnings = build_tree(root, "de", glossterm_translations={"fr": "../fr"})
    assert "glossterm_translations: the 'fr' tree" in warnings
    assert "[glossterm.translations]" in warnings


def test_a_first_translation_is_told_the_digest_to_record() -> None:
    original = Counterpart("de", "Agent", "Agent", "Agent", "Agent", "Agent.md", 1, "c62dcf9234f6")
    translation = Term("Agent", "Agent", "Agent", "Agent", "Agent.md", 1, translated_from="de")
    (finding,) = Translations({"de": [original]}).findings([translation])
    assert finding.kind is GlosstermWarning.TRANSLATION_OUTDATED
    assert finding.message == (
        "the entry 'Agent' records no digest of the 'de' entry (Agent.md:1) yet: "
        'translated-from="de:c62dcf9234f6"'
    )
    current = Term(
        "Agent", "Agent", "Agent", "Agent", "Agent.md", 1, translated_from="de:c62dcf9234f6"
    )
    assert Translations({"de": [original]}).findings([current]) == []


def test_digests_ignore_the_record_and_trailing_blanks() -> None:
    text = "## Agent {#Agent .term}\n\nText.\n"
    digest = entry_digest(text)
    assert len(digest) == 12
    assert entry_digest('## Agent {#Agent .term translated-from="de:0"}\n\nText.  \n\n') == digest
    assert entry_digest(text.replace("Text", "Other text")) != digest
    assert recorded_digest("de:abc", "de") == "abc"
    assert recorded_digest("abc", "de") == "abc"
    assert recorded_digest("en:abc", "de") is None
    assert entry_digest((ROOTS / "test-languages-de/Agent.md").read_text()) == AGENT_DIGEST
