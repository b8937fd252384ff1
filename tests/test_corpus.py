"""Acceptance tests of issue 2 on the real corpus in ``../shared/corpus/ki-glossar``.

The corpus is built once per module, unchanged, with a conf.py that holds only
``extensions = ["sphinx_glossterm"]`` and ``language = "de"``. What the build
must produce is computed independently of the code under test: by the simple
scanners of ``sourcescan.py`` and by Pandoc 3, the author's own tool
(``fidelity.py``). The corpus text is read from ``../shared`` at test time and
never copied into the repository.
"""

from __future__ import annotations

import pickle
import re
import shutil
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from .conftest import SHARED_DIR
from .fidelity import (
    Element,
    EntryScore,
    compare_build,
    main_content,
    not_content,
    our_entries,
    our_entry_elements,
    pandoc_entries,
    parse_html,
    run_pandoc_all,
    table_shapes,
    words,
)
from .sourcescan import Corpus, Heading, all_headings, headings, link_uses, term_headings

pytestmark = pytest.mark.corpus

CONF_PY = 'extensions = ["sphinx_glossterm"]\nlanguage = "de"\n'
SEED = "Large-Multimodal-Model.md"
FIDELITY_MIN = 0.99
RAW_MARKUP = ("{#", "{.", "+---", "+===", "***")
# A warning line: "<path>:<line>: WARNING: <message>", maybe ending in "[type.subtype]".
WARNING_RE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*?)"
    r"(?: \[(?P<type>[\w-]+)\.(?P<subtype>[\w-]+)\])?$"
)
NOISE = ("Document headings start at", "Document may not end with a transition")


@dataclass
class CorpusBuild:
    """The result of building the corpus once."""

    srcdir: Path
    outdir: Path
    warnings: str
    """The warning stream, without colour codes."""
    error: str | None

    def require_ok(self) -> None:
        """Fail the calling test early if the build itself failed."""
        if self.error is not None:
            pytest.fail("the corpus build raised (see test_build_raises_nothing)", pytrace=False)

    def page(self, source_name: str) -> str:
        """The HTML page built from a source file, ``''`` if there is none."""
        path = self.outdir / f"{Path(source_name).stem}.html"
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    def warning_lines(self) -> list[str]:
        """The lines of the warning stream that contain ``WARNING``."""
        return [line for line in self.warnings.splitlines() if "WARNING" in line]

    def glossterm_warnings(self, subtype: str | None = None) -> list[re.Match[str]]:
        """Parsed warning lines of type ``glossterm`` (and the given subtype)."""
        matches = (WARNING_RE.match(line) for line in self.warning_lines())
        return [
            m for m in matches if m and m["type"] == "glossterm" and subtype in {None, m["subtype"]}
        ]


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> Corpus:
    """The scanned source files."""
    return Corpus.read(corpus_dir)


@pytest.fixture(scope="module")
def build(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> CorpusBuild:
    """Build the corpus once: the ``*.md`` files and a two-line conf.py, HTML builder."""
    srcdir = tmp_path_factory.mktemp("ki-glossar")
    for source in corpus_dir.glob("*.md"):
        shutil.copyfile(source, srcdir / source.name)
    (srcdir / "conf.py").write_text(CONF_PY, encoding="utf-8")
    status, warning = StringIO(), StringIO()
    app = None
    error = None
    try:
        app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, status=status, warning=warning)
        app.build()
    except Exception:
        error = traceback.format_exc()
    finally:
        if app is not None:
            app.cleanup()
    outdir = app.outdir if app is not None else srcdir / "_build" / "html"
    return CorpusBuild(srcdir, Path(outdir), strip_colors(warning.getvalue()), error)


@pytest.fixture(scope="module")
def pandoc_html(corpus_dir: Path, pandoc_path: str) -> dict[str, str]:
    """Pandoc 3's HTML for each source file."""
    return run_pandoc_all(pandoc_path, sorted(corpus_dir.glob("*.md")))


def _fail_with(problems: list[str], what: str, limit: int = 25) -> None:
    if problems:
        shown = "\n  ".join(problems[:limit])
        more = f"\n  ... and {len(problems) - limit} more" if len(problems) > limit else ""
        pytest.fail(f"{len(problems)} {what}:\n  {shown}{more}", pytrace=False)


def _resolve_href(page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal href points to; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return target, unquote(parts.fragment)


def _ids_of(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        html = path.read_text(encoding="utf-8") if path.is_file() else ""
        cache[path] = {e.attrs["id"] for e in parse_html(html).iter() if "id" in e.attrs}
    return cache[path]


# --------------------------------------------------------------------------- the build


def test_build_raises_nothing(build: CorpusBuild) -> None:
    """The unchanged corpus builds without an exception."""
    if build.error is not None:
        pytest.fail(f"the corpus build raised:\n{build.error}", pytrace=False)


def test_scanners_agree_with_pandoc(corpus: Corpus, pandoc_html: dict[str, str]) -> None:
    """Our simple scanners see the same term headings and links as Pandoc does."""
    problems = []
    for name, text in corpus.files.items():
        entries, _ = pandoc_entries(pandoc_html[name])
        scanned = [heading.id for heading in term_headings(text)]
        if [entry.id for entry in entries] != scanned:
            problems.append(f"{name}: Pandoc {[e.id for e in entries]}, scanner {scanned}")
        root = parse_html(pandoc_html[name])
        pandoc_links = Counter(
            a.attrs["href"][1:]
            for a in root.iter()
            if a.tag == "a"
            and a.attrs.get("href", "").startswith("#")
            and not any(p.tag == "pre" for p in a.ancestors())
        )
        if pandoc_links != Counter(use.target for use in link_uses(text)):
            problems.append(f"{name}: links differ from Pandoc's")
    _fail_with(problems, "files where the scanners disagree with Pandoc")


# --------------------------------------------------------------------------- entries


def _inferred_entry(
    build: CorpusBuild, name: str, text: str, found: list[Element]
) -> Heading | None:
    """The heading of an entry made from a file without ``.term`` headings, if allowed.

    A file whose first heading has an id but lacks ``.term`` (the corpus has
    two) may become one entry, provided the build warns at that heading.
    """
    first = next(iter(all_headings(text)), None)
    if first is None or len(found) != 1 or term_headings(text):
        return None
    attributed = next(iter(headings(text)), None)
    if attributed is None or attributed.line != first or not attributed.id:
        return None
    warned = {(Path(m["path"]).name, int(m["line"])) for m in build.glossterm_warnings()}
    if found[0].attrs.get("id") == attributed.id and (name, attributed.line) in warned:
        return attributed
    return None


def test_every_term_heading_is_an_entry(
    build: CorpusBuild, corpus: Corpus, report: Callable[[str], None]
) -> None:
    """Per file, one entry section per ``.term`` heading, with the id as written.

    The one exception: a file without any ``.term`` heading may make one entry
    of its first heading if that has an id and the build warns about it.
    """
    build.require_ok()
    problems = []
    inferred = []
    headings_total = entries_total = 0
    for name, text in corpus.files.items():
        expected = term_headings(text)
        html = build.page(name)
        if not html:
            problems.append(f"{name}: no page {Path(name).stem}.html")
            continue
        found = our_entry_elements(parse_html(html))
        headings_total += len(expected)
        entries_total += len(found)
        if not expected and (heading := _inferred_entry(build, name, text, found)):
            inferred.append(f"{name}:{heading.line} #{heading.id}")
            continue
        if len(found) != len(expected):
            problems.append(f"{name}: {len(expected)} .term headings, {len(found)} entries")
            continue
        seen: set[str] = set()
        for heading, element in zip(expected, found, strict=True):
            got = element.attrs.get("id", "")
            if heading.id not in seen and got != heading.id:
                problems.append(f"{name}:{heading.line}: entry id {got!r}, expected {heading.id!r}")
            elif heading.id in seen and got in seen:
                problems.append(
                    f"{name}:{heading.line}: repeated id {heading.id!r} not made distinct"
                )
            seen.update({heading.id or "", got})
    report(
        f"entries: {headings_total} .term headings in {len(corpus.files)} files, "
        f"{entries_total} entry sections found; {len(inferred)} entries from headings "
        f"without .term, warned: {', '.join(inferred) or '-'}"
    )
    _fail_with(problems, "files whose entries do not match their .term headings")
    assert entries_total == headings_total + len(inferred)


def test_entry_titles(build: CorpusBuild, corpus: Corpus) -> None:
    """An entry's first heading holds the words of the term heading, attributes stripped."""
    build.require_ok()
    problems = []
    for name, text in corpus.files.items():
        expected = term_headings(text)
        found = our_entries(build.page(name))
        for heading, entry in zip(expected, found, strict=False):
            if words(heading.title) != words(entry.title):
                problems.append(
                    f"{name}:{heading.line}: title {entry.title!r}, source {heading.title!r}"
                )
    _fail_with(problems, "entries with a wrong title")


def test_ids_unique_per_page(build: CorpusBuild, corpus: Corpus) -> None:
    """No page has two elements with the same id (a duplicate anchor is unreachable)."""
    build.require_ok()
    problems = []
    for name in corpus.files:
        ids = Counter(e.attrs["id"] for e in parse_html(build.page(name)).iter() if "id" in e.attrs)
        problems += [f"{name}: id {i!r} {n} times" for i, n in ids.items() if n > 1]
    _fail_with(problems, "repeated ids")


def test_no_raw_markup(
    build: CorpusBuild, corpus: Corpus, pandoc_html: dict[str, str], report: Callable[[str], None]
) -> None:
    """Outside ``<pre>``/``<code>``, no page shows Pandoc markup as text.

    Only where Pandoc itself shows the same characters (the source is
    malformed there, e.g. an unclosed ``***``) may ours show them too, as
    often as Pandoc does.
    """
    build.require_ok()

    def code(element: Element) -> bool:
        return element.tag in {"pre", "code"}

    problems = []
    tolerated = []
    for name in corpus.files:
        root = parse_html(build.page(name))
        titles = " ".join(e.text() for e in root.iter() if e.tag == "title")
        ours = titles + main_content(root).text(code)
        theirs = parse_html(pandoc_html[name]).text(code)
        for pattern in RAW_MARKUP:
            mine, pandoc = ours.count(pattern), theirs.count(pattern)
            if mine > pandoc:
                at = ours.index(pattern)
                context = " ".join(ours[max(0, at - 40) : at + 40].split())
                problems.append(f"{name}: {pattern!r} x{mine} (Pandoc x{pandoc}): ...{context}...")
            elif mine:
                tolerated.append(f"{name}: {pattern!r} x{mine}, as in Pandoc's output")
    for line in tolerated:
        report(f"raw markup tolerated: {line}")
    _fail_with(problems, "pages with raw markup in their text")


# --------------------------------------------------------------------------- tables


def test_grid_tables_are_tables(
    build: CorpusBuild, corpus: Corpus, pandoc_html: dict[str, str], report: Callable[[str], None]
) -> None:
    """Each table Pandoc makes is a table of ours: rows, columns, spans, head, foot, caption."""
    build.require_ok()
    problems = []
    tables = 0
    for name in corpus.files:
        theirs = table_shapes(pandoc_html[name])
        ours = table_shapes(build.page(name))
        tables += len(theirs)
        if len(ours) != len(theirs):
            problems.append(f"{name}: {len(theirs)} tables in Pandoc's output, {len(ours)} in ours")
            continue
        for number, (pandoc, mine) in enumerate(zip(theirs, ours, strict=True), start=1):
            problems.extend(
                f"{name} table {number}: {aspect} {getattr(mine, aspect)!r}, "
                f"Pandoc {getattr(pandoc, aspect)!r}"
                for aspect in ("rows", "columns", "head_rows", "foot_rows", "caption")
                if getattr(pandoc, aspect) != getattr(mine, aspect)
            )
    report(f"tables: {tables} in Pandoc's output, {len(problems)} differences")
    assert tables > 0, "Pandoc found no tables: is the corpus complete?"
    _fail_with(problems, "table differences")


# --------------------------------------------------------------------------- the seed


def _source_sections(text: str, kind: str) -> list[str]:
    return [h.title for h in headings(text) if kind in h.classes]


def test_seed_entry(build: CorpusBuild, corpus_dir: Path, corpus: Corpus) -> None:
    """The seed renders with tagline, lead, five explanation sections and a working see-also."""
    build.require_ok()
    text = corpus.files[SEED]
    seed = SHARED_DIR / "seed" / SEED
    if seed.is_file():
        assert seed.read_text(encoding="utf-8") == text, "seed and corpus copy differ"
    (term,) = term_headings(text)
    lines = text.splitlines()
    tagline_index = next(i for i in range(term.line, len(lines)) if lines[i].strip())
    tagline_source = lines[tagline_index].strip()
    assert tagline_source.startswith("***") and tagline_source.endswith("***")

    page_path = build.outdir / f"{Path(SEED).stem}.html"
    page = parse_html(build.page(SEED))
    (entry,) = [e for e in our_entry_elements(page) if e.attrs.get("id") == term.id]

    title = next(e for e in entry.iter() if e.tag in {"h1", "h2", "h3", "h4", "h5", "h6"})
    assert " ".join(title.text(not_content).split()) == term.title

    taglines = entry.find_all(lambda e: e.tag == "p" and e.has_class("glossterm-tagline"))
    assert len(taglines) == 1, f"{len(taglines)} taglines"
    assert " ".join(taglines[0].text().split()) == tagline_source.strip("*").strip()

    leads = entry.find_all(lambda e: e.tag == "div" and e.has_class("glossterm-lead"))
    assert len(leads) == 1, f"{len(leads)} leads"
    first_section = next(h.line for h in headings(text) if h.line > term.line)
    lead_source = "\n".join(lines[tagline_index + 1 : first_section - 1])
    lead_words = Counter(words(leads[0].text(not_content)))
    assert not Counter(words(lead_source)) - lead_words, "lead words missing"
    assert not leads[0].find_all(lambda e: e.has_class("glossterm-section")), "lead holds sections"

    explanations = entry.find_all(
        lambda e: e.tag == "section" and e.has_class("glossterm-section-explanation")
    )
    assert all(e.has_class("glossterm-section") for e in explanations)
    assert len(explanations) == 5
    section_titles = [
        " ".join(next(h for h in s.iter() if h.tag.startswith("h")).text(not_content).split())
        for s in explanations
    ]
    assert section_titles == _source_sections(text, "explanation")

    (seealso,) = entry.find_all(
        lambda e: e.tag == "section" and e.has_class("glossterm-section-seealso")
    )
    assert seealso.has_class("glossterm-section")
    seealso_line = next(h.line for h in headings(text) if "seealso" in h.classes)
    declared = corpus.declared()
    anchors = [a for a in seealso.iter() if a.tag == "a" and "href" in a.attrs]
    by_label = {" ".join(a.text().split()): a for a in anchors if not not_content(a)}
    cache: dict[Path, set[str]] = {}
    checked = 0
    for use in link_uses(text):
        if use.line <= seealso_line:
            continue
        label = re.search(rf"\[([^\]]*)\]\(#{re.escape(use.target)}\)", lines[use.line - 1])
        assert label, f"line {use.line}"
        anchor = by_label.get(label.group(1))
        if use.target == "Index":
            assert anchor is not None, "no link to the index"
            resolved = _resolve_href(page_path, anchor.attrs["href"])
            assert resolved and resolved[0].is_file(), f"Index link {anchor.attrs['href']!r}"
        elif use.target in declared:
            assert anchor is not None, f"no link for {use.target!r}"
            expected = {f"{Path(f).stem}.html#{use.target}" for f in declared[use.target]}
            assert anchor.attrs["href"] in expected, (anchor.attrs["href"], expected)
            resolved = _resolve_href(page_path, anchor.attrs["href"])
            assert resolved and use.target in _ids_of(resolved[0], cache)
        else:
            assert label.group(1) in seealso.text(), f"label of {use.target!r} dropped"
        checked += 1
    assert checked == 7


# --------------------------------------------------------------------------- links


def test_term_links_resolve(build: CorpusBuild, corpus: Corpus) -> None:
    """Each ``[x](#Id)`` with a declared Id (or Index) is a link that reaches that anchor.

    A link to an abbreviation stub reaches the entry the stub stands for.
    """
    build.require_ok()
    declared = corpus.declared()
    stubs = corpus.stub_targets()
    cache: dict[Path, set[str]] = {}
    problems = []
    index_pages: set[Path] = set()
    for name, text in corpus.files.items():
        page_path = build.outdir / f"{Path(name).stem}.html"
        content = main_content(parse_html(build.page(name)))
        expected = Counter(
            stubs.get(use.target, use.target)
            for use in link_uses(text)
            if use.target in declared or use.target == "Index"
        )
        found: Counter[str] = Counter()
        for anchor in content.iter():
            if anchor.tag != "a" or "href" not in anchor.attrs or not_content(anchor):
                continue
            if any(not_content(a) for a in anchor.ancestors()):
                continue
            resolved = _resolve_href(page_path, anchor.attrs["href"])
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.is_file():
                problems.append(f"{name}: link {anchor.attrs['href']!r} to a missing page")
            elif fragment and fragment not in _ids_of(target, cache):
                problems.append(f"{name}: link {anchor.attrs['href']!r} to a missing anchor")
            elif fragment in declared:
                found[fragment] += 1
            else:
                found["Index"] += 1  # the index page, wherever the extension puts it
                index_pages.add(target)
        if found != expected:
            missing, extra = expected - found, found - expected
            problems.append(f"{name}: links missing {dict(missing)}, unexpected {dict(extra)}")
    if len(index_pages) > 1:
        problems.append(f"links to Index reach {len(index_pages)} different pages")
    _fail_with(problems, "link problems")


# --------------------------------------------------------------------------- fidelity


def test_fidelity_against_pandoc(
    build: CorpusBuild,
    corpus_dir: Path,
    pandoc_html: dict[str, str],
    pandoc_path: str,
    report: Callable[[str], None],
) -> None:
    """Every entry has at least 99% of the words of Pandoc's rendering of it."""
    build.require_ok()
    scores: list[EntryScore] = compare_build(build.outdir, corpus_dir, pandoc_path, pandoc_html)
    scores.sort(key=lambda s: s.score)
    below = [s for s in scores if s.score < FIDELITY_MIN]
    report(
        f"fidelity: {len(scores)} entries compared, {len(below)} below {FIDELITY_MIN:.0%}, "
        f"mean {sum(s.score for s in scores) / len(scores):.2%}; "
        f"worst (up to 10 below 100%):"
    )
    for entry_score in [s for s in scores if s.score < 1][:10]:
        report(entry_score.describe())
    # Not scored, but a hint of duplicated text or leaked markup: words only we have.
    surplus = sorted((s for s in scores if s.extra), key=lambda s: -sum(s.extra.values()))
    report(f"entries with words Pandoc lacks: {len(surplus)}")
    for entry_score in surplus[:5]:
        report(entry_score.describe())
    _fail_with(
        [s.describe() for s in below], f"entries below {FIDELITY_MIN:.0%} of Pandoc's words", 10
    )


# --------------------------------------------------------------------------- warnings


def test_warnings_have_location_and_type(
    build: CorpusBuild, corpus: Corpus, report: Callable[[str], None]
) -> None:
    """Each warning is ``path:line: WARNING: ...``, pointing into a source file."""
    from sphinx_glossterm.model.warnings_ import GlosstermWarning

    build.require_ok()
    subtypes = {kind.value for kind in GlosstermWarning}
    counts: Counter[str] = Counter()
    problems = []
    for line in build.warnings.splitlines():
        if re.search(r"\b(ERROR|SEVERE|CRITICAL)\b", line):
            problems.append(f"not a warning: {line}")
        if "WARNING" not in line:
            continue
        match = WARNING_RE.match(line)
        if not match:
            problems.append(f"no path and line: {line}")
            continue
        source = Path(match["path"])
        kind = f"{match['type']}.{match['subtype']}" if match["type"] else "(untyped)"
        counts[kind] += 1
        if source.name not in corpus.files or source.parent.resolve() != build.srcdir.resolve():
            problems.append(f"not a source file of the corpus: {line}")
        elif not 1 <= int(match["line"]) <= len(corpus.files[source.name].splitlines()):
            problems.append(f"line out of range: {line}")
        if match["type"] == "glossterm" and match["subtype"] not in subtypes:
            problems.append(f"unknown subtype: {line}")
    report(
        f"warnings: {sum(counts.values())}; "
        + ", ".join(f"{k}: {n}" for k, n in counts.most_common())
    )
    _fail_with(problems, "malformed warnings")


def test_no_noise_warnings(build: CorpusBuild) -> None:
    """None of plain myst-parser's noise for this format remains, nor anything about #Index."""
    build.require_ok()
    problems = [
        line
        for line in build.warnings.splitlines()
        if any(noise in line for noise in NOISE) or re.search(r"(?<![\w.-])Index(?![\w-])", line)
    ]
    _fail_with(problems, "noise warnings")


def test_one_unresolved_warning_per_broken_link(
    build: CorpusBuild, corpus: Corpus, report: Callable[[str], None]
) -> None:
    """One ``glossterm.unresolved`` warning per link to an undeclared id, at its file and line."""
    build.require_ok()
    broken = corpus.unresolved_links()
    warned = build.glossterm_warnings("unresolved")
    report(
        f"unresolved: {len(broken)} links to {len({u.target for _, u in broken})} undeclared ids; "
        f"{len(warned)} glossterm.unresolved warnings"
    )
    assert len(warned) == len(broken)

    expected = Counter((name, use.line) for name, use in broken)
    found = Counter((Path(m["path"]).name, int(m["line"])) for m in warned)
    missing = [f"{n}:{line} (x{k})" for (n, line), k in (expected - found).items()]
    extra = [f"{n}:{line} (x{k})" for (n, line), k in (found - expected).items()]
    _fail_with(missing + [f"unexpected {e}" for e in extra], "misplaced unresolved warnings")

    targets = {(name, use.line): set() for name, use in broken}
    for name, use in broken:
        targets[name, use.line].add(use.target)
    unnamed = [
        m.group(0)
        for m in warned
        if not any(
            t in m["message"] for t in targets.get((Path(m["path"]).name, int(m["line"])), ())
        )
    ]
    _fail_with(unnamed, "unresolved warnings that do not name the id")


def test_duplicate_ids_warned(build: CorpusBuild, corpus: Corpus) -> None:
    """Every id declared twice gets a ``glossterm.duplicate_id`` warning at a declaration of it."""
    build.require_ok()
    places: dict[str, list[tuple[str, int]]] = {}
    for name, text in corpus.files.items():
        for heading in headings(text):
            if heading.id:
                places.setdefault(heading.id, []).append((name, heading.line))
    duplicated = {ident: where for ident, where in places.items() if len(where) > 1}
    warned = build.glossterm_warnings("duplicate_id")
    problems = []
    for ident, where in sorted(duplicated.items()):
        named = re.compile(rf"(?<![\w.-]){re.escape(ident)}(?![\w-]|\.\w)")
        hits = [m for m in warned if named.search(m["message"])]
        at = {(Path(m["path"]).name, int(m["line"])) for m in hits}
        if not at & set(where):
            problems.append(f"{ident!r} declared at {where}: no warning there")
    patterns = [re.compile(rf"(?<![\w.-]){re.escape(i)}(?![\w-]|\.\w)") for i in duplicated]
    problems.extend(
        f"warning about an id that is not duplicated: {m.group(0)}"
        for m in warned
        if not any(pattern.search(m["message"]) for pattern in patterns)
    )
    _fail_with(problems, "duplicate id problems")


def test_parallel_build_is_byte_identical(
    build: CorpusBuild, corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """``-j 2`` gives the same pages, exports and warnings as the serial build."""
    build.require_ok()
    srcdir = tmp_path_factory.mktemp("ki-glossar-j2")
    for source in corpus_dir.glob("*.md"):
        shutil.copyfile(source, srcdir / source.name)
    (srcdir / "conf.py").write_text(CONF_PY, encoding="utf-8")
    warning = StringIO()
    app = SphinxTestApp(
        "html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=warning, parallel=2
    )
    try:
        app.build()
    finally:
        app.cleanup()
    outdir = Path(app.outdir)

    def outputs(root: Path) -> dict[str, bytes]:
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file() and path.suffix in {".html", ".json", ".ttl", ".inv"}
        }

    serial, parallel = outputs(build.outdir), outputs(outdir)
    assert serial.keys() == parallel.keys()
    differing = [name for name in serial if serial[name] != parallel[name]]
    assert differing == []
    serial_warnings = build.warnings.replace(str(build.srcdir), "SRC")
    parallel_warnings = strip_colors(warning.getvalue()).replace(str(srcdir), "SRC")
    assert serial_warnings == parallel_warnings


def _built_terms(build: CorpusBuild) -> list:
    """The Term records of the build, from its saved environment."""
    pickled = build.outdir.parent / "doctrees" / "environment.pickle"
    with pickled.open("rb") as stream:
        env = pickle.load(stream)
    return [term for terms in env.domaindata["glossterm"]["terms"].values() for term in terms]


def test_abbreviation_stubs_are_recognised(build: CorpusBuild) -> None:
    """The corpus's abbreviation stubs, counted by reading the files.

    ``grep -l "steht für"`` finds 25 files: 24 are stubs whose whole lead is
    ``**AGI** steht für "[Artificial General Intelligence](#…)".`` and one,
    CI-CD.md, is a full entry whose lead also says what "CI/CD" stands for (an
    unlinked long form).  ANN.md and DL.md ("Siehe …") carry the long form's
    own id and a title "ANN (Artificial Neural Network)": they are the long
    entries, not stubs.  The issue's "40" counts more than the files hold; 16
    titles "Long Form (ABBR)" (or "ABBR (Long Form)") make the other abbreviations.
    """
    build.require_ok()
    terms = _built_terms(build)
    stubs = sorted(term.source for term in terms if term.stub)
    assert len(stubs) == 24, stubs
    assert all(term.expansion_target for term in terms if term.stub)
    titled = [term for term in terms if term.abbreviation and not term.stub]
    assert sorted(term.abbreviation for term in titled if term.source == "CI-CD.md") == ["CI/CD"]
    assert len(titled) == 17, sorted((t.source, t.abbreviation) for t in titled)
    by_source = {term.source: term for term in terms}
    assert by_source["AGI.md"].expansion_target == "Artificial-General-Intelligence"
    assert by_source["Low-Rank-Adaptation.md"].abbreviation == "LoRA"
    assert by_source["DL.md"].expansion == "Deep Learning"


def test_the_list_of_abbreviations_and_stub_links(build: CorpusBuild) -> None:
    build.require_ok()
    page = (build.outdir / "index.html").read_text(encoding="utf-8")
    listing = re.search(r'<div class="glossterm-abbreviations.*?</div>', page, re.S)
    assert listing is not None
    rows = re.findall(
        r'<strong class="glossterm-abbreviation">([^<]+)</strong> — <a [^>]*href="([^"]+)"',
        listing.group(0),
    )
    assert ("AGI", "Artificial-General-Intelligence.html#Artificial-General-Intelligence") in rows
    assert ("LoRA", "Low-Rank-Adaptation.html#Low-Rank-Adaptation") in rows
    # 41 abbreviation entries: 6 stubs whose long entry's title names the abbreviation
    # too are one row each, and 3 lose their id to another file (AGI_v2.md, Claude.md,
    # DL.md declare ids taken by Artificial-General-Intelligence.md, CNN.md,
    # Deep-Learning.md): 32 rows, each abbreviation once.
    assert len({short for short, _ in rows}) == len(rows) == 32
    # A link to the stub #AGI leads to the long entry, its text marked as an abbreviation.
    text = (build.outdir / "AI-Alignment.html").read_text(encoding="utf-8")
    links = re.findall(
        r'<a class="glossterm-link[^"]*" href="([^"]+)"[^>]*><span class="xref glossterm">'
        r'<abbr title="([^"]+)">AGI</abbr>',
        text,
    )
    assert links, "the links to #AGI in AI-Alignment.md"
    assert set(links) == {
        (
            "Artificial-General-Intelligence.html#Artificial-General-Intelligence",
            "Artificial General Intelligence",
        )
    }
