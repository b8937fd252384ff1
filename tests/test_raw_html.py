"""Raw HTML: the tag reader, the pairing rule, the policy option, and MyST pages untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sphinx_glossterm.reader.rawhtml.rule import ELEMENT, REJECTED, VOID, raw_html_plugin
from sphinx_glossterm.reader.rawhtml.tags import TagKind, parse_tag, rejection

from .htmlparts import parse_html
from .projects import build, warnings_of


@pytest.mark.parametrize(
    ("text", "kind", "name", "allowed"),
    [
        ("<sub>", TagKind.OPEN, "sub", True),
        ("</SUB >", TagKind.CLOSE, "sub", True),
        ('<abbr title="a &amp; b">', TagKind.OPEN, "abbr", True),
        ("<br/>", TagKind.OPEN, "br", True),
        ("</br>", TagKind.CLOSE, "br", False),
        ("<sub/>", TagKind.OPEN, "sub", False),
        ("<sub onclick=x>", TagKind.OPEN, "sub", False),
        ('<abbr style="x">', TagKind.OPEN, "abbr", False),
        ("<script>", TagKind.OPEN, "script", False),
        ("<img src=x onerror=alert(1)>", TagKind.OPEN, "img", False),
        ("<?php echo 1 ?>", TagKind.OTHER, "", False),
        ("<!DOCTYPE html>", TagKind.OTHER, "", False),
    ],
)
def test_tags_are_read_and_judged(text: str, kind: TagKind, name: str, allowed: bool) -> None:
    tag = parse_tag(text)
    assert (tag.kind, tag.name) == (kind, name)
    assert (rejection(tag) is None) is allowed


def test_attribute_values_are_unescaped() -> None:
    assert parse_tag('<abbr title="a &amp; &quot;b&quot;">').attrs == (("title", 'a & "b"'),)


def _children(text: str) -> list[tuple[str, str]]:
    md = MarkdownIt("commonmark").use(raw_html_plugin)
    (_, inline, _) = md.parse(text)
    return [(child.type, child.meta.get(REJECTED, child.tag)) for child in inline.children or []]


def test_matching_tags_become_nesting_tokens() -> None:
    assert _children("h<sub>t-1</sub><br>") == [
        ("text", ""),
        (f"{ELEMENT}_open", "sub"),
        ("text", ""),
        (f"{ELEMENT}_close", "sub"),
        (VOID, "br"),
    ]


def test_each_broken_element_is_reported_once() -> None:
    reasons = [
        reason
        for kind, reason in _children(
            "x <script>x</script> <sub>a **b</sub> c** <sup>open </em> <i onclick=x>y</i>"
        )
        if kind == "html_inline"
    ]
    assert reasons == [
        "<script> is not an allowed element",
        "",  # </script>: its opening tag is reported
        "<sub> and </sub> cross the Markdown emphasis or link around them",
        "",
        "<sup> is never closed",
        "</em> closes no open <em>",
        "<i> has the attribute 'onclick', which is not allowed on <i>",
        "",
    ]


def _project(tmp_path: Path, files: dict[str, str], conf: str = "") -> Path:
    srcdir = tmp_path / "src"
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(f'extensions = ["sphinx_glossterm"]\n{conf}', "utf-8")
    for name, text in files.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    return srcdir


MYST_PAGE = """# A MyST page

Inline <sub>sub</sub>, <script>alert(1)</script>, <!-- a comment --> and <b>bold</b>.

<div class="note">
A block.
</div>

[js](javascript:alert(1))
"""


def test_myst_pages_keep_myst_parsers_raw_html(tmp_path: Path) -> None:
    ours = _project(tmp_path / "ours", {"index.md": MYST_PAGE})
    plain = tmp_path / "plain"
    shutil.copytree(ours, plain)
    (plain / "conf.py").write_text('extensions = ["myst_parser"]\n', encoding="utf-8")
    with_extension, without = build(ours), build(plain)
    assert warnings_of(with_extension) == []
    trees = [
        app.env.get_doctree("index").pformat().replace(str(root), "SRC")
        for app, root in ((with_extension, ours), (without, plain))
    ]
    assert trees[0] == trees[1]


TERM_FILE = """## Term {#Term .term}

H<sub>2</sub>O, <span class="x">span</span> and <script>window.x=1</script>.

<div class="note">
A block.
</div>
"""


def test_keep_passes_other_html_through(tmp_path: Path) -> None:
    srcdir = _project(tmp_path, {"Term.md": TERM_FILE}, 'glossterm_raw_html = "keep"\n')
    app = build(srcdir)
    assert [line for line in warnings_of(app) if "raw_html" in line] == []
    html = (Path(app.outdir) / "Term.html").read_text(encoding="utf-8")
    assert '<span class="x">span</span>' in html
    assert "<script>window.x=1</script>" in html
    assert '<div class="note">' in html
    assert [e.text for e in parse_html(html).find_all("sub")] == ["2"]


def test_safe_shows_other_html_as_text(tmp_path: Path) -> None:
    app = build(_project(tmp_path, {"Term.md": TERM_FILE}))
    raw = [line for line in warnings_of(app) if "raw_html" in line]
    assert len(raw) == 3, raw  # <span>, <script>, the block
    page = parse_html((Path(app.outdir) / "Term.html").read_text(encoding="utf-8"))
    body = page.find(cls="body")
    assert body is not None
    assert not body.find_all("span", "x") and not body.find_all("script")
    assert '<span class="x">' in body.text and '<div class="note">' in body.text


def test_a_wrong_policy_is_reported_and_reset(tmp_path: Path) -> None:
    app = build(_project(tmp_path, {"Term.md": TERM_FILE}, 'glossterm_raw_html = "yes"\n'))
    assert any("glossterm_raw_html must be one of safe, keep" in w for w in warnings_of(app))
    assert app.config.glossterm_raw_html == "safe"
