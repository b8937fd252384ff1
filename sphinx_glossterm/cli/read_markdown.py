"""``glossterm check`` without Sphinx: conf.py, the documents, and the Markdown scanner.

The author's fast loop.  conf.py is read with Sphinx's own
:class:`~sphinx.config.Config` (no application, no extensions loaded), the
documents are found with Sphinx's :class:`~sphinx.project.Project` (the same
``exclude_patterns``, ``include_patterns``, ``source_suffix`` and
``glossterm-include`` exclusions), and each Markdown document is tokenised
by :mod:`.scan` with the parser the extension uses.  No doctree is built.

When the project uses something the scanner cannot read faithfully, the
caller reads it with Sphinx instead (:class:`SphinxNeededError` says why).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from myst_parser.config.main import MdParserConfig
from sphinx.config import Config
from sphinx.project import Project
from sphinx.util.logging import is_suppressed_warning

from sphinx_glossterm.cli.check_cache import RecordsCache, cache_file, digest, settings_key
from sphinx_glossterm.cli.report import (
    MARKDOWN_READER,
    NOT_LOADED,
    LoggedWarning,
    ProjectError,
    ProjectRecords,
    Report,
    build_report,
    no_root_note,
)
from sphinx_glossterm.cli.scan_jobs import scan_in_processes
from sphinx_glossterm.model import options as glossterm_config
from sphinx_glossterm.model.abbreviations import phrases_for
from sphinx_glossterm.model.front_matter import apply_to_config, front_matter
from sphinx_glossterm.model.graph import TermGraph
from sphinx_glossterm.model.mentions import EntryProse
from sphinx_glossterm.model.records import relative_path
from sphinx_glossterm.model.suggest import names_of
from sphinx_glossterm.model.term_index import TermIndex
from sphinx_glossterm.model.translations import Translations
from sphinx_glossterm.model.warnings_ import WARNING_TYPE, GlosstermWarning
from sphinx_glossterm.reader.entry_rules import EntryRuleOptions
from sphinx_glossterm.reader.gather import add_gathered_to_excludes
from sphinx_glossterm.reader.scan import (
    DocumentRecords,
    ReadProblem,
    ScanSettings,
    markdown_bodies,
)
from sphinx_glossterm.reader.translations import TreeError, read_tree
from sphinx_glossterm.sphinx_ext.config import declare as declare_options

EXTENSION = "sphinx_glossterm"
KNOWN_EXTENSIONS = frozenset({EXTENSION, "myst_parser", "sphinx_design"})
"""Extensions that do not change what the scanner reads (besides ``sphinx.ext.*``)."""

MARKDOWN = "markdown"


class SphinxNeededError(Exception):
    """The project must be read with Sphinx; the message says why (a note of the report)."""


def read_markdown(
    srcdir: Path,
    confdir: Path,
    overrides: dict[str, Any],
    jobs: int | None = None,
    cache_dir: Path | None = None,
    mentions: bool = False,
) -> Report:
    """Read the project's Markdown files and return the report.

    Documents unchanged since the last check are taken from the cache in
    ``cache_dir`` (see :mod:`.check_cache`); ``None`` reads them all.

    Raises :class:`SphinxNeededError` when the project needs Sphinx to be read
    faithfully, and :class:`~.check_report.ProjectError` when it cannot be read.
    """
    config = read_config(confdir, overrides)
    # As the extension's config-inited handler: malformed values are reported and reset.
    rejected = glossterm_config.config_problems(config)
    for name, _reason in rejected:
        config[name] = glossterm_config.default_of(name)
    # As the extension's front-matter handler: planned terms from the hand-made index.
    apply_to_config(front_matter(srcdir, config), config)
    extensions = list(config.extensions)
    if EXTENSION not in extensions:
        raise ProjectError(NOT_LOADED)
    others = [name for name in extensions if not _is_known_extension(name)]
    if others:
        raise SphinxNeededError(
            "conf.py loads " + ", ".join(others) + ", which may change the sources or the "
            "glossary: read with Sphinx"
        )
    if config.setup is not None:
        raise SphinxNeededError(
            "conf.py defines setup(), which may change the sources: read with Sphinx"
        )
    settings = scan_settings(srcdir, config, prose=mentions)
    documents = find_documents(srcdir, config)
    not_markdown = sorted(path for _, path, kind in documents if kind != MARKDOWN)
    if not_markdown:
        shown = ", ".join(not_markdown[:3]) + (" ..." if len(not_markdown) > 3 else "")
        raise SphinxNeededError(
            f"the project has sources that are not Markdown ({shown}): read with Sphinx"
        )
    pairs = [(docname, path) for docname, path, _ in documents]
    path = cache_file(cache_dir, srcdir) if cache_dir is not None else None
    cache = RecordsCache(path, settings_key(settings))
    scanned = _scan(pairs, settings, jobs, cache)
    unknown = [item for records in scanned for item in records.unknown_directives]
    if unknown:
        shown = ", ".join(unknown[:3]) + (" ..." if len(unknown) > 3 else "")
        raise SphinxNeededError(
            f"directives the Markdown reader does not read ({shown}): read with Sphinx"
        )
    notes: list[str] = []
    translations, tree_problems = read_translations(confdir, config, settings)
    docnames = {docname for docname, _, _ in documents}
    if docnames and config.root_doc not in docnames:
        notes.append(no_root_note(config.root_doc))
    names = names_of([term for records in scanned for term in records.terms])
    report = report_of(
        srcdir,
        config,
        scanned,
        notes,
        rejected,
        cache.answers(names),
        mentions,
        (translations, tree_problems),
    )
    cache.save()
    return report


class ConfTags:
    """The ``tags`` conf.py sees, as Sphinx's :class:`~sphinx.util.tags.Tags` (no tags set).

    Sphinx's class imports jinja2 to evaluate ``only`` conditions, which conf.py
    never does; the check's start-up is part of the author's loop, so the set is
    kept here and Sphinx's class imported only if a condition is evaluated.
    """

    def __init__(self) -> None:
        self._tags: set[str] = set()

    def __iter__(self) -> Iterator[str]:
        return iter(self._tags)

    def __contains__(self, tag: str) -> bool:
        return tag in self._tags

    def has(self, tag: str) -> bool:
        """Whether ``tag`` is set."""
        return tag in self._tags

    def add(self, tag: str) -> None:
        """Set ``tag``."""
        self._tags.add(tag)

    def remove(self, tag: str) -> None:
        """Unset ``tag``."""
        self._tags.discard(tag)

    def eval_condition(self, condition: str) -> bool:
        """As :meth:`sphinx.util.tags.Tags.eval_condition`."""
        from sphinx.util.tags import Tags

        return Tags(self._tags).eval_condition(condition)


def read_config(confdir: Path, overrides: dict[str, Any]) -> Config:
    """conf.py with the overrides, its ``glossterm_*`` and ``myst_*`` options declared."""
    writes_bytecode = sys.dont_write_bytecode
    # A conf.py that imports a module of the project would leave __pycache__ in it.
    sys.dont_write_bytecode = True
    try:
        config = Config.read(confdir, overrides=overrides, tags=ConfTags())  # type: ignore[arg-type]
    finally:
        sys.dont_write_bytecode = writes_bytecode
    declare_options(config)
    for name, default, field in MdParserConfig().as_triple():
        if "sphinx" not in field.metadata.get("omit", []) and f"myst_{name}" not in config:
            config.add(f"myst_{name}", default, "env", Any)
    return config


def scan_settings(srcdir: Path, config: Config, prose: bool = False) -> ScanSettings:
    """The scanner's view of the configuration (myst-parser's options as its parser gets them)."""
    values = {
        name: config[f"myst_{name}"]
        for name, _, field in MdParserConfig().as_triple()
        if "sphinx" not in field.metadata.get("omit", [])
    }
    try:
        md_config = MdParserConfig(**values)
    except (TypeError, ValueError) as error:
        # Sphinx logs it and reads with myst-parser's defaults; the report shows that error.
        raise SphinxNeededError(
            f"myst configuration invalid ({error}): read with Sphinx"
        ) from error
    return ScanSettings(
        srcdir=str(srcdir),
        md_config=md_config,
        entry_options=EntryRuleOptions(
            layout_classes=glossterm_config.layout_classes(config),
            infer_terms=config.glossterm_infer_terms,
            abbreviation_phrases=phrases_for(
                config.language, config.glossterm_abbreviation_phrases
            ),
        ),
        dialect=config.glossterm_dialect,
        section_types=glossterm_config.section_types(config),
        language=config.language,
        raw_html=config.glossterm_raw_html,
        markdown_directives=markdown_bodies(config.extensions),
        smartquotes=smartquotes_action(config),
        smartquotes_language=(config.language or "en").replace("_", "-"),
        encoding=config.source_encoding,
        prose=prose,
    )


def read_translations(
    confdir: Path, config: Config, settings: ScanSettings
) -> tuple[Translations | None, list[ReadProblem]]:
    """The trees of ``glossterm_translations``, and a problem for each one that cannot be read."""
    if not config.glossterm_translations:
        return None, []
    sides, problems = {}, []
    for language, folder in sorted(config.glossterm_translations.items()):
        try:
            sides[language], _cache = read_tree(Path(confdir, folder).resolve(), language, settings)
        except TreeError as error:
            problems.append(
                ReadProblem(
                    GlosstermWarning.TRANSLATIONS,
                    relative_path(Path(confdir, "conf.py"), settings.srcdir),
                    None,
                    str(error),
                )
            )
    return Translations(sides), problems


def read_prose(srcdir: Path, config: Config, docnames: Iterable[str]) -> list[EntryProse]:
    """The running text of the entries in the Markdown documents among ``docnames``."""
    from sphinx_glossterm.reader.scan.walker import scan_documents

    settings = scan_settings(srcdir, config, prose=True)
    documents = [
        (docname, path)
        for docname, path, kind in find_documents(srcdir, config)
        if kind == MARKDOWN and docname in set(docnames)
    ]
    return [run for records in scan_documents(documents, settings) for run in records.prose]


def smartquotes_action(config: Config) -> str:
    """``smartquotes_action`` if Sphinx educates quotes in this project, else ``""``.

    As ``SphinxSmartQuotes.is_available`` for the ``dummy`` builder.
    """
    from docutils.utils import normalize_language_tag
    from docutils.utils.smartquotes import smartchars

    if not config.smartquotes:
        return ""
    excluded = config.smartquotes_excludes or {}
    if "dummy" in excluded.get("builders", []) or config.language in excluded.get("languages", []):
        return ""
    tags = normalize_language_tag(config.language or "en")
    return config.smartquotes_action if any(tag in smartchars.quotes for tag in tags) else ""


def source_suffixes(config: Config) -> dict[str, str]:
    """``source_suffix`` as Sphinx has it after setup: ``.md`` added for myst-parser."""
    suffix = config.source_suffix
    if isinstance(suffix, str):
        suffixes = {suffix: "restructuredtext"}
    elif isinstance(suffix, list | tuple):
        suffixes = dict.fromkeys(suffix, "restructuredtext")
    else:
        suffixes = dict(suffix)
    suffixes.setdefault(".md", MARKDOWN)
    return {name: kind or "restructuredtext" for name, kind in suffixes.items()}


def find_documents(srcdir: Path, config: Config) -> list[tuple[str, str, str]]:
    """``(docname, path relative to srcdir, file type)`` of every document, by docname."""
    add_gathered_to_excludes(srcdir, config)
    suffixes = source_suffixes(config)
    project = Project(srcdir, suffixes)
    # As BuildEnvironment.find_files (the dummy builder has no asset paths).
    project.discover([*config.exclude_patterns, *config.templates_path], config.include_patterns)
    documents = []
    for docname in sorted(project.docnames):
        path = project.doc2path(docname, absolute=False)
        kind = next((kind for suffix, kind in suffixes.items() if str(path).endswith(suffix)), "")
        documents.append((docname, Path(path).as_posix(), kind))
    return documents


def _is_known_extension(name: str) -> bool:
    return name in KNOWN_EXTENSIONS or name.startswith("sphinx.ext.")


def _scan(
    documents: Sequence[tuple[str, str]],
    settings: ScanSettings,
    jobs: int | None,
    cache: RecordsCache,
) -> list[DocumentRecords]:
    """The records of the documents: from the cache where a document is unchanged.

    The others are scanned, in ``jobs`` processes if asked to
    (see :func:`.scan_jobs.scan_in_processes`).
    """
    found: dict[str, DocumentRecords] = {}
    missing: list[tuple[str, str]] = []
    digests: dict[str, str] = {}
    for docname, relative in documents:
        try:
            data = Path(settings.srcdir, relative).read_bytes()
        except OSError:
            missing.append((docname, relative))  # the scan reports it
            continue
        digests[relative] = digest(data)
        kept = cache.get(relative, digests[relative])
        if kept is not None and kept.docname == docname:
            found[docname] = kept
        else:
            missing.append((docname, relative))
    paths = dict(missing)
    for records in scan_in_processes(missing, settings, jobs) if missing else ():
        found[records.docname] = records
        relative = paths[records.docname]
        if relative in digests and not records.gathers and not _unreadable(records):
            cache.put(relative, digests[relative], records)
    return [found[docname] for docname, _ in documents]


def _unreadable(records: DocumentRecords) -> bool:
    return any(item.startswith("(unreadable") for item in records.unknown_directives)


def report_of(
    srcdir: Path,
    config: Config,
    scanned: Iterable[DocumentRecords],
    notes: list[str],
    rejected: Iterable[tuple[str, str]] = (),
    suggestions: dict[str, tuple[str, ...]] | None = None,
    mentions: bool = False,
    translated: tuple[Translations | None, list[ReadProblem]] = (None, []),
) -> Report:
    """The report from the scanned records, as :func:`.check_sphinx.report_of` from the domain's."""
    scanned = list(scanned)
    terms = [term for records in scanned for term in records.terms]
    anchors = {records.docname: records.anchors for records in scanned if records.anchors}
    index = TermIndex(terms, anchors)
    page_links = [link for records in scanned for link in records.page_links]
    suppressed = set(config.suppress_warnings)
    logged = [
        LoggedWarning(
            "WARNING",
            problem.source,
            problem.line,
            problem.message,
            WARNING_TYPE,
            problem.kind.value,
        )
        for problem in [*(p for records in scanned for p in records.problems), *translated[1]]
        if not is_suppressed_warning(WARNING_TYPE, problem.kind.value, suppressed)
    ]
    logged += [
        LoggedWarning(
            "WARNING",
            None,
            None,
            f"{name} {reason}; using the default {glossterm_config.default_of(name)!r}",
            WARNING_TYPE,
            GlosstermWarning.CONFIG.value,
        )
        for name, reason in rejected
        if not is_suppressed_warning(WARNING_TYPE, GlosstermWarning.CONFIG.value, suppressed)
    ]
    records = ProjectRecords(
        srcdir=srcdir,
        pages=len(scanned),
        index=index,
        graph=TermGraph(index.terms, index.by_id.get),
        page_links=page_links,
        config=config,
        suggestions=suggestions,
        prose=tuple(run for records in scanned for run in records.prose) if mentions else None,
        translations=translated[0],
    )
    return build_report(records, logged, notes, MARKDOWN_READER)
