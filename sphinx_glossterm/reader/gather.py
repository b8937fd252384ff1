"""``glossterm-include``: gather term documents into the page where it stands.

In a Markdown page the directive is expanded at the Markdown level, before
rendering: the gathered files' tokens take the fence's place, so their entries
nest under the page's headings exactly as if written there, and every node
keeps its own file and line.  Gathered files are excluded from the project
(they must not also be pages of their own), which has to be known before
Sphinx looks for source files; :func:`exclude_gathered_files` finds the
directive in the sources when the configuration is read.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_glossterm.model.records import relative_path

if TYPE_CHECKING:  # annotations only: glossterm check's file listing imports no parser
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token
    from sphinx.config import Config

DIRECTIVE = "glossterm-include"
FILE = "glossterm_file"
_FENCE_LINE = re.compile(
    r"^[ \t]{0,3}(?:`{3,}|~{3,}|:{3,})[ \t]*\{" + DIRECTIVE + r"\}[ \t]+(?P<patterns>\S.*?)[ \t]*$",
    re.MULTILINE,
)
_DIRECTIVE_BYTES = DIRECTIVE.encode("ascii")
_SKIP_DIRS = {"_build", "node_modules", "__pycache__"}


def patterns_of(info: str) -> list[str] | None:
    """The glob patterns of a fence info string ``{glossterm-include} a/*.md b/*.md``."""
    name, _, rest = info.strip().partition(" ")
    if name != "{" + DIRECTIVE + "}":
        return None
    return rest.split()


def expand(patterns: Iterable[str], base: Path, srcdir: Path) -> list[Path]:
    """The files the patterns match, relative to ``base``, in name order, inside ``srcdir``."""
    found: set[Path] = set()
    root = srcdir.resolve()
    for pattern in patterns:
        # glob.glob, not Path.glob: it also takes absolute patterns, which are then refused.
        for name in glob.glob(pattern, root_dir=base, recursive=True):  # noqa: PTH207
            resolved = (base / name).resolve()
            # A pattern may not reach outside the project (``../``, ``/etc/*``).
            if resolved.is_file() and resolved.is_relative_to(root):
                found.add(resolved)
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


@dataclass(frozen=True, slots=True)
class IncludeSite:
    """What the gather rule needs from the reader that runs it: paths and three callbacks.

    The Sphinx parser fills it from the build environment, ``glossterm check``
    from its settings, so the rule itself knows nothing of Sphinx.
    """

    host: Path
    """The file the directive stands in."""
    srcdir: Path
    encoding: str
    note_include: Callable[[list[str], list[str]], None]
    """Called with the patterns and the files they matched (relative to ``srcdir``)."""
    note_dependency: Callable[[Path], None]
    warn: Callable[[str, int | None], None]
    """Called with a message and the line of the directive."""


SITE_KEY = "glossterm_include_site"
"""The key of the :class:`IncludeSite` in the markdown-it ``env`` of a parse."""


def gather_plugin(md: MarkdownIt, make_pandoc_md: Callable[[], MarkdownIt]) -> None:
    """Expand ``glossterm-include`` fences into the tokens of the files they name.

    The reader passes the :class:`IncludeSite` in the parse's ``env`` (markdown-it's
    per-parse state for plugins); without one, fences stay as they are.
    """

    def rule(state: StateCore) -> None:
        site: IncludeSite | None = state.env.get(SITE_KEY)
        if site is None or not any(is_include(token) for token in state.tokens):
            return
        pandoc_md = make_pandoc_md()
        expanded: list[Token] = []
        for token in state.tokens:
            if not is_include(token):
                expanded.append(token)
                continue
            patterns = patterns_of(token.info) or []
            files = expand(patterns, site.host.parent, site.srcdir)
            site.note_include(patterns, [relative_path(path, site.srcdir) for path in files])
            line = token.map[0] + 1 if token.map else None
            if not files:
                site.warn(
                    f"{DIRECTIVE} {' '.join(patterns) or '(no pattern)'} matches no file", line
                )
            for path in files:
                expanded += _file_tokens(pandoc_md, path, site, token, line)
        state.tokens = expanded

    md.core.ruler.push("glossterm_gather", rule)


def is_include(token: Token) -> bool:
    """Whether ``token`` is a top-level ``glossterm-include`` fence (expanded by the rule)."""
    return token.type == "fence" and token.level == 0 and patterns_of(token.info) is not None


def _file_tokens(
    pandoc_md: MarkdownIt, path: Path, site: IncludeSite, fence: Token, line: int | None
) -> list[Token]:
    from markdown_it.token import Token  # here: listing the gathered files needs no parser

    site.note_dependency(path)
    try:
        text = path.read_text(encoding=site.encoding)
    except (OSError, UnicodeDecodeError) as error:
        site.warn(f"{DIRECTIVE} cannot read {relative_path(path, site.srcdir)}: {error}", line)
        return []
    opener = Token(f"{FILE}_open", "", 1, map=fence.map, meta={"source": str(path)})
    closer = Token(f"{FILE}_close", "", -1)
    return [opener, *pandoc_md.parse(text, {}), closer]


def find_includes(srcdir: Path, suffixes: Iterable[str]) -> dict[Path, list[str]]:
    """Every source file under ``srcdir`` that uses ``glossterm-include``, with its patterns."""
    found: dict[Path, list[str]] = {}
    wanted = tuple(suffixes)
    for directory, subdirs, files in os.walk(srcdir):
        subdirs[:] = sorted(d for d in subdirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(wanted):
                continue
            path = Path(directory, name)
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if _DIRECTIVE_BYTES not in data:  # most files: no decoding needed
                continue
            # As read_text: universal newlines, so that ``$`` ends every line.
            text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
            patterns = [p for m in _FENCE_LINE.finditer(text) for p in m["patterns"].split()]
            if patterns:
                found[path] = patterns
    return found


def add_gathered_to_excludes(srcdir: Path, config: Config) -> None:
    """Add the files every ``glossterm-include`` under ``srcdir`` gathers to ``exclude_patterns``.

    Also used by ``glossterm check``'s Markdown reader, which has no Sphinx application.
    """
    # myst-parser adds ``.md`` to ``source_suffix`` only later in config-inited.
    suffixes = {*_suffixes(config.source_suffix), ".md"}
    gathered = [
        path.relative_to(srcdir.resolve()).as_posix()
        for host, patterns in find_includes(srcdir, suffixes).items()
        for path in expand(patterns, host.parent, srcdir)
        if path != host.resolve()
    ]
    # A new list: the default value is shared by every Config in the process.
    config.exclude_patterns = [
        *config.exclude_patterns,
        *sorted(set(gathered) - set(config.exclude_patterns)),
    ]


def _suffixes(source_suffix: object) -> list[str]:
    if isinstance(source_suffix, str):
        return [source_suffix]
    if isinstance(source_suffix, dict):
        return list(source_suffix)
    if isinstance(source_suffix, Iterable):
        return [str(suffix) for suffix in source_suffix]
    return [".md", ".rst"]
