"""``glossterm check --mentions``: unlinked mentions of entries, and the unused entries.

``tests/roots/test-mentions`` plants one mention per rule: inflected
("Agenten", "des Agents"), a part of a hyphenated compound
("Embedding-Vektoren"), an abbreviation's plural ("LLMs"), mentions in code,
in a heading, in a section that already links the entry, the entry's own name,
a name under the minimum length ("KI") and one on the stop list ("Daten").
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sphinx_glossterm.cli.main import main
from sphinx_glossterm.model.mentions import (
    EntryProse,
    MentionFinder,
    ProsePiece,
    name_variants,
)
from sphinx_glossterm.model.records import Term

from .projects import copy_root, corpus_project

# (file, line, entry, target, text as written)
PLANTED = [
    ("Agent.md", 5, "Agent", "Werkzeug", "Werkzeuge"),
    ("Large-Language-Model.md", 5, "Large-Language-Model", "Embedding", "Embeddings"),
    ("Werkzeug.md", 5, "Werkzeug", "Agent", "Agenten"),
    ("Werkzeug.md", 10, "Werkzeug", "Embedding", "Embedding"),
    ("Werkzeug.md", 11, "Werkzeug", "Large-Language-Model", "LLMs"),
    ("Werkzeug.md", 20, "Werkzeug", "Agent", "Agents"),
    ("Werkzeug.md", 20, "Werkzeug", "Embedding", "Embeddings"),
]


@pytest.fixture
def mentions_root(tmp_path: Path) -> Path:
    return copy_root("mentions", tmp_path / "mentions")


def check_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    status = main(["check", *argv, "--format", "json"])
    return status, json.loads(capsys.readouterr().out)


def planted(result: dict[str, Any]) -> list[tuple[str, int, str, str, str]]:
    return [(m["file"], m["line"], m["entry"], m["target"], m["text"]) for m in result["mentions"]]


def test_planted_mentions_are_reported_once_per_section(
    mentions_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, result = check_json(capsys, str(mentions_root), "--mentions")
    assert planted(result) == PLANTED
    # Not reported: `Agent` in code (lines 10, 15), the heading "Agent und Embedding im
    # Titel" (13), the section that links Agent (15-16), the code block (22), the external
    # link's label (Embedding.md:6), Werkzeug's own name, KI (too short), Daten (stop word).
    assert result["unused"] == ["Daten", "KI", "Vergessen"]
    sections = {m["section"] for m in result["mentions"] if m["entry"] == "Werkzeug"}
    assert sections == {"", "werkzeug-vektoren", "werkzeug-genitiv"}
    # Suggestions are advice: they do not change the exit status.
    assert status == 0


def test_a_check_from_the_cache_reports_the_same_mentions(
    mentions_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cache keeps each file's running text with its records."""
    cache = str(tmp_path / "cache")
    _, cold = check_json(capsys, str(mentions_root), "--mentions", "--cache-dir", cache)
    _, warm = check_json(capsys, str(mentions_root), "--mentions", "--cache-dir", cache)
    assert planted(cold) == planted(warm) == PLANTED


def test_without_the_option_there_is_no_mention_report(
    mentions_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, result = check_json(capsys, str(mentions_root))
    assert "mentions" not in result and "unused" not in result
    main(["check", str(mentions_root)])
    assert "Unlinked mentions" not in capsys.readouterr().out


def test_text_report_names_file_line_and_target(
    mentions_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(mentions_root), "--mentions"])
    out = capsys.readouterr().out
    assert "Unlinked mentions: 7 suggestions in 3 entries" in out
    assert "  Werkzeug.md:5: 'Agenten' -> #Agent\n" in out
    assert "Unused: 3 entries nobody links to or mentions\n  Daten\n  KI\n  Vergessen\n" in out


def test_minimum_length_and_stop_words_are_options(
    mentions_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, result = check_json(
        capsys,
        str(mentions_root),
        "--mentions",
        "-D",
        "glossterm_mention_min_length=2",
        "-D",
        "glossterm_mention_stop_words=",
    )
    found = planted(result)
    assert ("Werkzeug.md", 6, "Werkzeug", "KI", "KI") in found
    assert ("Werkzeug.md", 6, "Werkzeug", "Daten", "Daten") in found
    assert "KI" not in result["unused"] and "Daten" not in result["unused"]


def test_the_sphinx_reader_reports_the_same_mentions(
    mentions_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, result = check_json(capsys, str(mentions_root), "--mentions", "--full")
    assert result["reader"] == "sphinx"
    assert planted(result) == PLANTED
    assert result["unused"] == ["Daten", "KI", "Vergessen"]


def term(term_id: str, title: str, *aliases: str) -> Term:
    return Term(term_id, title, term_id, term_id, f"{term_id}.md", 1, aliases=aliases)


def found_in(finder: MentionFinder, text: str) -> list[tuple[str, str]]:
    run = EntryProse("Other", "Other.md", "", (ProsePiece(3, text),))
    return [(name, written) for name, written, _line, _section in finder.mentions(run)]


def test_english_word_forms_and_longest_names() -> None:
    finder = MentionFinder(
        [term("Agent", "Agent"), term("FL", "Federated Learning"), term("L", "Learning")], "en"
    )
    assert found_in(finder, "Two agents' tools; the agent's federated-learning run.") == [
        ("Agent", "agents"),
        ("Agent", "agent"),
        ("Federated Learning", "federated-learning"),
    ]
    # A stem reaches further than a word form: "learn" is no mention of "Learning".
    assert found_in(finder, "They learn.") == []


def test_abbreviations_match_as_written() -> None:
    finder = MentionFinder([term("GPT", "Generative Pre-Trained Transformer (GPT)")], "de")
    assert found_in(finder, "Die GPTs und gpt und der Generative Pre-Trained Transformer.") == [
        ("GPT", "GPTs"),
        ("Generative Pre-Trained Transformer", "Generative Pre-Trained Transformer"),
    ]


def test_parenthesised_titles() -> None:
    assert name_variants("Low-Rank Adaptation (LoRA)") == ("Low-Rank Adaptation", "LoRA")
    assert name_variants("ANN (Artificial Neural Network)") == (
        "Artificial Neural Network",
        "ANN",
    )
    assert name_variants("GPT-4.5 (Stand Dezember 2024)") == ("GPT-4.5",)
    assert name_variants("Agent") == ("Agent",)


@pytest.mark.corpus
def test_mentions_on_the_corpus(
    corpus_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    report: Callable[[str], None],
) -> None:
    srcdir = corpus_project(corpus_dir, tmp_path / "ki-glossar")
    started = time.perf_counter()
    _, result = check_json(capsys, str(srcdir), "--mentions")
    seconds = time.perf_counter() - started
    mentions = result["mentions"]
    entries = result["counts"]["entries"]
    per_entry = Counter(m["entry"] for m in mentions)
    average = len(mentions) / entries
    assert average < 8, f"{average:.2f} suggestions per entry"
    # The ones an author would want: plurals, and a plural inside a hyphenated name.
    texts = {(m["target"], m["text"]) for m in mentions}
    assert ("LLM", "LLMs") in texts
    assert ("Embedding", "Embeddings") in texts
    assert ("Attention-Mechanism", "Attention-Mechanismen") in texts
    assert not [m for m in mentions if m["entry"] == m["target"]]
    assert all(m["line"] for m in mentions)
    report(
        f"check --mentions on the corpus: {seconds:.2f} s, {len(mentions)} suggestions for "
        f"{entries} entries (average {average:.2f}, most {per_entry.most_common(1)[0][1]} in "
        f"{per_entry.most_common(1)[0][0]}), {len(result['unused'])} unused entries"
    )


def test_fix_links_each_planted_mention_and_nothing_else(
    mentions_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--fix --mentions``: each reported mention becomes a link with its own words."""
    before = {path.name: path.read_text(encoding="utf-8") for path in mentions_root.glob("*.md")}
    main(["check", str(mentions_root), "--fix", "--mentions", "-q", "--no-cache"])
    capsys.readouterr()
    changed: dict[tuple[str, int], str] = {}
    for name, text in before.items():
        after = (mentions_root / name).read_text(encoding="utf-8").splitlines()
        for number, (old, new) in enumerate(zip(text.splitlines(), after, strict=True), 1):
            if old != new:
                changed[name, number] = new
    expected: dict[tuple[str, int], list[str]] = {}
    for file, line, _entry, target, words in PLANTED:
        expected.setdefault((file, line), []).append(f"[{words}](#{target})")
    assert sorted(changed) == sorted(expected)
    for place, links in expected.items():
        assert all(link in changed[place] for link in links), changed[place]
    _, again = check_json(capsys, str(mentions_root), "--mentions", "--no-cache")
    assert planted(again) == []
