"""Property-based: after any sequence of edits, each incremental build equals a clean build.

A hypothesis state machine keeps a small glossary (``tests/editing.py``) with
the glossterm theme, builds it, and then applies random edits an author makes
(title, tagline, aliases, see-also item added or removed, inline link added,
id renamed, entry added, entry deleted, a file of two entries split), each
followed by an incremental build in the project's build folder.  After every
step every output file (pages, search index, graph data, previews, exports;
``.buildinfo`` aside) must have the same bytes as a clean build of the same
sources in a fresh folder.

The hypothesis profile sets the size (``tests/conftest.py``): a few examples
of a few steps on CI and locally, many more with ``tox -e fuzz``.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from sphinx_glossterm.cli.serve import WarmBuild

from .editing import (
    Entry,
    Glossary,
    build,
    clean_build_of,
    differing,
    initial_glossary,
    output_files,
    renamed,
)

pytestmark = pytest.mark.fuzz

# Titles that move entries in dictionary order, bring new letters (or take
# them away), share a title with another entry, or differ only by an umlaut.
TITLES = st.sampled_from(["Aardvark", "Beta", "Zulu", "Äther", "Mu", "Omega", "Ether", "Quark"])
TAGLINES = st.sampled_from(["", "A new tagline", "Tagline of Beta", "Short", "Quixotic"])
ALIASES = st.lists(st.sampled_from(["Yak", "Alias one", "Øre", "Beta"]), max_size=2, unique=True)
# Ids of entries that exist, may exist later, or never will (broken links).
IDS = st.sampled_from(["T0", "T1", "T3", "T5", "T7", "New-1", "New-2", "Missing"])
NEW_IDS = st.sampled_from(["New-1", "New-2", "T2", "Renamed"])

EXAMPLES = max(2, settings.default.max_examples // 100)  # 4 on CI, 50 in tox -e fuzz
STEPS = 8 if settings.default.max_examples >= 1000 else 4


class IncrementalEqualsClean(RuleBasedStateMachine):
    """Edits of a glossary, each followed by an incremental and a clean build to compare."""

    @initialize()
    def build_first(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="glossterm-incremental-"))
        self.srcdir = self.root / "src"
        self.outdir = self.srcdir / "_build" / "html"
        self.glossary: Glossary = initial_glossary()
        self.glossary.write(self.srcdir)
        self._build()
        self.added = 0

    def _build(self) -> None:
        build(self.srcdir, self.outdir, self.srcdir / "_build" / "doctrees")

    def _clean_build(self) -> dict[str, bytes]:
        return clean_build_of(self.srcdir, self.root / "clean")

    def teardown(self) -> None:
        root = getattr(self, "root", None)
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)

    def _pick(self, data: st.DataObject) -> tuple[str, int, Entry]:
        return data.draw(st.sampled_from(self.glossary.entries()), label="entry")

    def _rebuild_and_compare(self) -> None:
        self.glossary.write(self.srcdir)
        self._build()
        incremental = output_files(self.outdir)
        clean = self._clean_build()
        different = differing(incremental, clean)
        if different:
            first = different[0]
            old = incremental.get(first, b"").decode("utf-8", "replace").replace("><", ">\n<")
            new = clean.get(first, b"").decode("utf-8", "replace").replace("><", ">\n<")
            diff = difflib.unified_diff(
                old.splitlines(), new.splitlines(), "incremental", "clean", lineterm="", n=1
            )
            note("\n".join(list(diff)[:40]))
        assert different == [], "the incremental build differs from a clean build"

    @rule(data=st.data(), title=TITLES)
    def change_title(self, data: st.DataObject, title: str) -> None:
        name, number, entry = self._pick(data)
        self.glossary.replace_entry(name, number, renamed(entry, title=title))
        self._rebuild_and_compare()

    @rule(data=st.data(), tagline=TAGLINES)
    def change_tagline(self, data: st.DataObject, tagline: str) -> None:
        name, number, entry = self._pick(data)
        self.glossary.replace_entry(name, number, renamed(entry, tagline=tagline))
        self._rebuild_and_compare()

    @rule(data=st.data(), aliases=ALIASES)
    def change_aliases(self, data: st.DataObject, aliases: list[str]) -> None:
        name, number, entry = self._pick(data)
        self.glossary.replace_entry(name, number, renamed(entry, aliases=tuple(aliases)))
        self._rebuild_and_compare()

    @rule(data=st.data(), linked=IDS)
    def add_see_also_item(self, data: st.DataObject, linked: str) -> None:
        name, number, entry = self._pick(data)
        see_also = tuple(sorted({*entry.see_also, linked}))
        self.glossary.replace_entry(name, number, renamed(entry, see_also=see_also))
        self._rebuild_and_compare()

    @precondition(lambda self: any(entry.see_also for _, _, entry in self.glossary.entries()))
    @rule(data=st.data())
    def remove_see_also_item(self, data: st.DataObject) -> None:
        choices = [row for row in self.glossary.entries() if row[2].see_also]
        name, number, entry = data.draw(st.sampled_from(choices), label="entry")
        gone = data.draw(st.sampled_from(entry.see_also), label="item")
        see_also = tuple(target for target in entry.see_also if target != gone)
        self.glossary.replace_entry(name, number, renamed(entry, see_also=see_also))
        self._rebuild_and_compare()

    @rule(data=st.data(), linked=IDS)
    def add_inline_link(self, data: st.DataObject, linked: str) -> None:
        name, number, entry = self._pick(data)
        mentions = (*entry.mentions, linked)
        self.glossary.replace_entry(name, number, renamed(entry, mentions=mentions))
        self._rebuild_and_compare()

    @rule(data=st.data(), new_id=NEW_IDS)
    def rename_id(self, data: st.DataObject, new_id: str) -> None:
        name, number, entry = self._pick(data)
        self.glossary.replace_entry(name, number, renamed(entry, id=new_id))
        self._rebuild_and_compare()

    @rule(data=st.data(), title=TITLES, new_id=NEW_IDS, linked=IDS, own_file=st.booleans())
    def add_entry(
        self, data: st.DataObject, title: str, new_id: str, linked: str, own_file: bool
    ) -> None:
        self.added += 1
        entry = Entry(id=new_id, title=title, tagline=f"Added {self.added}", see_also=(linked,))
        if own_file:
            self.glossary.files[f"Added-{self.added}"] = [entry]
        else:
            name = data.draw(st.sampled_from(sorted(self.glossary.files)), label="file")
            self.glossary.files[name].append(entry)
        self._rebuild_and_compare()

    @precondition(lambda self: len(self.glossary.entries()) > 2)
    @rule(data=st.data())
    def delete_entry(self, data: st.DataObject) -> None:
        name, number, _ = self._pick(data)
        del self.glossary.files[name][number]
        if not self.glossary.files[name]:
            del self.glossary.files[name]
        self._rebuild_and_compare()

    @precondition(lambda self: any(len(entries) > 1 for entries in self.glossary.files.values()))
    @rule(data=st.data())
    def split_file(self, data: st.DataObject) -> None:
        choices = sorted(name for name, entries in self.glossary.files.items() if len(entries) > 1)
        name = data.draw(st.sampled_from(choices), label="file")
        self.glossary.files[f"{name}-split"] = [self.glossary.files[name].pop()]
        self._rebuild_and_compare()


IncrementalEqualsClean.TestCase.settings = settings(
    settings.default,
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
test_incremental_build_equals_clean_build = IncrementalEqualsClean.TestCase


class WarmRebuildEqualsClean(IncrementalEqualsClean):
    """The same edits, each rebuilt by one application kept alive, as ``glossterm serve`` does.

    A warm application keeps its environment and the last search index in
    memory between builds (``html/search_index.py``), which a fresh
    ``sphinx-build`` never sees.
    """

    def _build(self) -> None:
        if not hasattr(self, "warm"):
            self.warm = warm_build(self.srcdir)
        self.warm.build()
        assert self.warm.app is not None and self.warm.app.statuscode == 0

    def _clean_build(self) -> dict[str, bytes]:
        return warm_clean_build_of(self.srcdir, self.root / "clean")


def warm_build(srcdir: Path) -> WarmBuild:
    """``glossterm serve``'s builder of ``srcdir``, writing where ``editing.build`` does."""
    warm = WarmBuild(srcdir, srcdir, srcdir / "_build" / "html", {})
    warm.doctreedir = srcdir / "_build" / "doctrees"
    return warm


def warm_clean_build_of(srcdir: Path, where: Path) -> dict[str, bytes]:
    """``editing.clean_build_of`` for a test that keeps a warm application alive.

    Not through ``SphinxTestApp``: its cleanup unregisters the node classes
    every application registered, the warm one's too.
    """
    shutil.rmtree(where, ignore_errors=True)
    copy = where / "src"
    shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    warm_build(copy).build()
    return output_files(copy / "_build" / "html")


WarmRebuildEqualsClean.TestCase.settings = IncrementalEqualsClean.TestCase.settings
test_warm_rebuild_equals_clean_build = WarmRebuildEqualsClean.TestCase


def test_a_warm_rebuild_writes_a_page_as_last_read(tmp_path: Path) -> None:
    """A page loaded for a neighbour, then edited, then written for a neighbour again.

    ``T1`` is written (not read) for ``T6``'s edit, read for its own, and
    written again for ``T0``'s: it must keep its own edit, as in a clean build.
    """
    srcdir = tmp_path / "src"
    glossary = initial_glossary()
    glossary.write(srcdir)
    warm = warm_build(srcdir)
    warm.build()
    for ident, tagline in (("T6", "Edited six"), ("T1", "Edited one"), ("T0", "Edited zero")):
        name, number, entry = next(row for row in glossary.entries() if row[2].id == ident)
        glossary.replace_entry(name, number, renamed(entry, tagline=tagline))
        glossary.write(srcdir)
        warm.build()
    page = (srcdir / "_build" / "html" / "terms" / "T1.html").read_text(encoding="utf-8")
    assert "Edited one" in page
    warm_output = output_files(srcdir / "_build" / "html")
    assert differing(warm_output, warm_clean_build_of(srcdir, tmp_path / "clean")) == []


def test_a_warm_rebuild_drops_the_words_an_edit_removed(tmp_path: Path) -> None:
    """The search index of a warm build forgets a word its only page no longer has.

    The word tables are kept between warm builds and re-encoded for the words
    that changed; a word dropped from a page changes only by pruning.
    """
    srcdir = tmp_path / "src"
    glossary = initial_glossary()
    glossary.write(srcdir)
    warm = warm_build(srcdir)
    warm.build()
    index = srcdir / "_build" / "html" / "searchindex.js"
    for tagline in ("Zauberwortprobe", "Ordinary words"):
        name, number, entry = next(row for row in glossary.entries() if row[2].id == "T1")
        glossary.replace_entry(name, number, renamed(entry, tagline=tagline))
        glossary.write(srcdir)
        warm.build()
        assert ("zauberwortprob" in index.read_text("utf-8")) is (tagline == "Zauberwortprobe")
    warm_output = output_files(srcdir / "_build" / "html")
    assert differing(warm_output, warm_clean_build_of(srcdir, tmp_path / "clean")) == []


def test_a_warm_rebuild_takes_the_views_before_reading_from_the_last_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page views after one build's reading are the next build's views before it."""
    from sphinx_glossterm.sphinx_ext import incremental

    srcdir = tmp_path / "src"
    glossary = initial_glossary()
    glossary.write(srcdir)
    warm = warm_build(srcdir)
    warm.build()
    computed: list[int] = []
    page_views = incremental.page_views

    def counted(app: object, domain: object) -> object:
        computed.append(1)
        return page_views(app, domain)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "page_views", counted)
    name, number, entry = next(row for row in glossary.entries() if row[2].id == "T1")
    glossary.replace_entry(name, number, renamed(entry, tagline="Edited one"))
    glossary.write(srcdir)
    warm.build()
    assert len(computed) == 1, "the views before reading were computed again"
    warm_output = output_files(srcdir / "_build" / "html")
    assert differing(warm_output, warm_clean_build_of(srcdir, tmp_path / "clean")) == []
