"""The checks after reading: every finding at its file and line, once; planned terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.suggest import Suggester

from .htmlparts import parse_html
from .projects import build, copy_root, warnings_of


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build(copy_root("checks", tmp_path_factory.mktemp("checks") / "src"))


def _findings(app: SphinxTestApp) -> list[tuple[str, str]]:
    pattern = re.compile(r"^.*/([^/]+\.md:\d+): WARNING: .*\[glossterm\.(\w+)\]$")
    return [pattern.sub(r"\1 \2", line) for line in warnings_of(app)]


def test_each_problem_is_reported_once_at_its_line(built: SphinxTestApp) -> None:
    assert _findings(built) == [
        "Deep-Learning.md:5 self_link",
        "Deep-Learning.md:13 seealso_symmetry",
        "Deep-Learning.md:14 seealso_order",
        "Deep-Learning.md:15 seealso_order",
        "Deep-Learning.md:15 unresolved",
        "Deep-Learning.md:16 seealso_duplicate",
        "Neural-Network.md:1 missing_section",
        "Neural-Network.md:5 unresolved",
        "Neural-Network.md:9 unresolved",
        "Neural-Network.md:10 seealso_order",
    ]


def test_unresolved_targets_come_with_suggestions(built: SphinxTestApp) -> None:
    text = "\n".join(warnings_of(built))
    assert "'Aehnlichkeit'; did you mean #Ähnlichkeit?" in text
    assert "'DeepLearning'; did you mean #Deep-Learning?" in text
    assert "'Zebra' [glossterm.unresolved]" in text, "no suggestion when nothing is close"


def test_planned_terms_are_marked_not_warned(built: SphinxTestApp) -> None:
    page = parse_html((Path(built.outdir) / "Deep-Learning.html").read_text(encoding="utf-8"))
    planned = page.find("span", "glossterm-planned")
    assert planned is not None and planned.text == "Vision Transformergeplant"
    assert planned.find("sup", "glossterm-planned-marker").text == "geplant"
    assert not any("Vision" in w or "Quantum" in w for w in warnings_of(built))


def test_opt_in_checks_are_off_by_default(tmp_path: Path) -> None:
    srcdir = copy_root("checks", tmp_path / "src")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text().split("glossterm_check_seealso_order")[0])
    kinds = {finding.split()[1] for finding in _findings(build(srcdir))}
    assert kinds == {"self_link", "unresolved", "seealso_duplicate"}


def test_suppress_warnings_silences_one_subtype(tmp_path: Path) -> None:
    srcdir = copy_root("checks", tmp_path / "src")
    app = build(srcdir, confoverrides={"suppress_warnings": ["glossterm.unresolved"]})
    kinds = {finding.split()[1] for finding in _findings(app)}
    assert "unresolved" not in kinds and "self_link" in kinds


def test_backlinks_in_german(built: SphinxTestApp) -> None:
    page = parse_html((Path(built.outdir) / "Neural-Network.html").read_text(encoding="utf-8"))
    block = page.find("section", "glossterm-backlinks")
    assert block.find("h2").text.rstrip("¶") == "Referenziert von"
    rows = [li.text for li in block.find_all("li")]
    assert rows == ["Deep Learning — Einleitung, Siehe auch", "Ähnlichkeit — Siehe auch"]


def test_backlinks_can_be_switched_off(tmp_path: Path) -> None:
    srcdir = copy_root("checks", tmp_path / "src")
    app = build(srcdir, confoverrides={"glossterm_backlinks": False})
    html = (Path(app.outdir) / "Neural-Network.html").read_text(encoding="utf-8")
    assert "glossterm-backlinks" not in html


def _term(term_id: str, title: str, *aliases: str) -> Term:
    return Term(
        id=term_id,
        title=title,
        docname=term_id,
        anchor=term_id,
        source="x.md",
        line=1,
        aliases=aliases,
    )


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("DeepLearning", ("Deep-Learning",)),
        ("deep_learning", ("Deep-Learning",)),
        ("KI-Oekosystem", ("KI-Ökosystem",)),
        ("Large-Languge-Model", ("Large-Language-Model",)),
        ("LargeLanguageModel", ("Large-Language-Model",)),
        ("Transformers", ("Transformer",)),
        ("Totally-Unrelated", ()),
    ],
)
def test_suggestions(target: str, expected: tuple[str, ...]) -> None:
    suggest = Suggester(
        [
            _term("Deep-Learning", "Deep Learning"),
            _term("KI-Ökosystem", "KI-Ökosystem"),
            _term("Large-Language-Model", "Large Language Model", "LLM"),
            _term("Transformer", "Transformer"),
        ]
    )
    assert suggest(target) == expected


def test_suggestions_use_aliases_and_titles() -> None:
    suggest = Suggester([_term("LLM", "Large Language Model", "Sprachmodell")])
    assert suggest("Large-Language-Model") == ("LLM",)
    assert suggest("sprachmodell") == ("LLM",)


def test_section_directive_outside_an_entry_warns_and_keeps_its_text(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_glossterm"]\n')
    (srcdir / "index.md").write_text(
        "# Page\n\n```{glossterm-section} explanation\n:title: Alone\n\nStray text.\n```\n"
    )
    app = build(srcdir)
    assert [w.split("WARNING: ")[1] for w in warnings_of(app)] == [
        "glossterm-section belongs inside a glossterm directive; shown as a plain section "
        "[glossterm.directive]"
    ]
    assert "Stray text." in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
