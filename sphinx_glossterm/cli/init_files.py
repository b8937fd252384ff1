"""The files ``glossterm init`` writes: conf.py, ``.readthedocs.yaml``, a workflow, requirements.

The workflow builds with Read the Docs' own commands (:data:`BUILD_COMMANDS`,
the ones ``tools/rtd-build`` runs on this project's CI), so what is published
on a tag is what Read the Docs would build.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sphinx_glossterm import __version__
from sphinx_glossterm.cli.init_sources import Sources

WORKFLOW_PATH = ".github/workflows/glossterm.yml"
READTHEDOCS_PATH = ".readthedocs.yaml"
REQUIREMENTS_PATH = "glossterm-requirements.txt"
DEFAULT_REQUIREMENT = f"sphinx-glossterm=={__version__}"

TEX_PACKAGES = (
    "latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended tex-gyre"
)
"""Debian/Ubuntu packages for pdflatex with Sphinx's fonts (docs/print.md)."""

TEX_LANGUAGE_PACKAGES = {
    "de": "texlive-lang-german",
    "fr": "texlive-lang-french",
    "es": "texlive-lang-spanish",
    "it": "texlive-lang-italian",
    "pt": "texlive-lang-portuguese",
    "nl": "texlive-lang-european",
    "pl": "texlive-lang-polish",
    "cs": "texlive-lang-czechslovak",
    "ru": "texlive-lang-cyrillic",
}
"""Hyphenation patterns by language; without them LaTeX gives no error, only no hyphenation."""

BUILD_COMMANDS = (
    'python -m sphinx -T -b html -d "$OUT/doctrees" . "$OUT/html"',
    'python -m sphinx -T -b latex -d "$OUT/doctrees" . "$OUT/pdf"',
    '(cd "$OUT/pdf" && latexmk -r latexmkrc -pdf -f -dvi- -ps- -jobname="$SLUG"'
    " -interaction=nonstopmode)",
    'python -m sphinx -T -b epub -d "$OUT/doctrees" . "$OUT/epub"',
)
"""Read the Docs' commands, run from the folder of conf.py; outputs and doctrees under $OUT."""


@dataclass(frozen=True)
class PlannedFile:
    """A file init would write: its path relative to the repository, its text, what it is."""

    path: str
    text: str
    what: str


def slug(title: str) -> str:
    """A file name for the PDF: ASCII letters, digits and hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "glossary"


def _quoted(value: str) -> str:
    return repr(value) if "'" in value else '"' + value.replace("\\", "\\\\") + '"'


def conf_py(sources: Sources) -> str:
    """conf.py for the sources: the extension, theme, language, version and exclusions."""
    front = sources.front
    lines = [
        f"# Sphinx configuration of this glossary, written by `glossterm init` (sphinx_glossterm"
        f" {__version__}).",
        f"# The term files are this folder's Markdown files (found from {sources.found_by}).",
        "",
        'extensions = ["sphinx_glossterm"]',
        'html_theme = "glossterm"',
        f"language = {_quoted(sources.language)}",
    ]
    if sources.version:
        lines.append(f"version = release = {_quoted(sources.version)}")
    if front.get("title"):
        lines += [
            "",
            "# project, author, the date of the title page and copyright come from",
            f"# the title block of {front['title']}:",
            f"#   {sources.title!r}, {sources.author!r}, {sources.date!r}.",
            "# Set project = ..., author = ..., today = ... here to override it.",
            f"glossterm_title_file = {_quoted(front['title'])}",
        ]
    else:
        title = sources.title or "Glossary"
        lines += ["", f"project = {_quoted(title)}"]
    if front.get("license"):
        lines += [
            "# A page of its own in every output, and the EPUB's rights.",
            f"glossterm_license_file = {_quoted(front['license'])}",
        ]
    if front.get("index"):
        lines += [
            "# The hand-made index is not built: the generated A-Z index replaces it, and",
            "# its targets that have no entry yet count as planned terms.",
            f"glossterm_index_file = {_quoted(front['index'])}",
        ]
    excluded = ", ".join(_quoted(name) for name in sources.excluded)
    lines += [
        "",
        "# No term documents: a compiled one-file book, build folders.",
        f"exclude_patterns = [{excluded}]",
        "",
    ]
    return "\n".join(lines)


def readthedocs_yaml(sources: Sources) -> str:
    """``.readthedocs.yaml``: HTML, PDF and EPUB of the conf.py init wrote."""
    return f"""\
# Read the Docs: the glossary as HTML, PDF and EPUB (written by glossterm init).
version: 2

build:
  os: ubuntu-24.04
  tools:
    python: "3.12"

sphinx:
  configuration: {_conf_path(sources)}

formats:
  - pdf
  - epub

python:
  install:
    - requirements: {REQUIREMENTS_PATH}
"""


def _conf_path(sources: Sources) -> str:
    folder = sources.relative_srcdir
    return "conf.py" if folder == "." else f"{folder}/conf.py"


def workflow_yaml(sources: Sources, title: str) -> str:
    """A GitHub Actions workflow: on a version tag or release, build, release and deploy."""
    packages = TEX_PACKAGES
    language_package = TEX_LANGUAGE_PACKAGES.get(sources.language.split("_")[0])
    if language_package:
        packages += f" {language_package}"
    commands = "\n".join(f"          {command}" for command in BUILD_COMMANDS)
    return f"""\
# Publish the glossary with sphinx_glossterm (written by glossterm init): on a version
# tag or a published release, build HTML, PDF and EPUB with Read the Docs' commands,
# attach them to the release, and deploy the HTML to GitHub Pages
# (Settings > Pages > Source: GitHub Actions).
name: Publish the glossary (sphinx_glossterm)

on:
  push:
    tags:
      - "v*"
  release:
    types: [published]
  workflow_dispatch:

permissions:
  contents: write
  pages: write
  id-token: write

concurrency:
  group: glossterm-pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-24.04
    env:
      OUT: ${{{{ github.workspace }}}}/../glossary-output
      SLUG: {slug(title)}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install LaTeX (pdflatex, fonts, hyphenation)
        run: |
          sudo apt-get update
          sudo apt-get install -y --no-install-recommends {packages}
      - name: Install sphinx_glossterm
        run: python -m pip install -r {REQUIREMENTS_PATH}
      - name: Build HTML, PDF and EPUB
        working-directory: {sources.relative_srcdir}
        run: |
{commands}
      - name: Pack the HTML site
        run: cd "$OUT" && zip -qr "$SLUG-html.zip" html
      - uses: actions/upload-pages-artifact@v3
        with:
          path: ${{{{ github.workspace }}}}/../glossary-output/html
      - name: Attach the outputs to the release
        if: startsWith(github.ref, 'refs/tags/')
        uses: softprops/action-gh-release@v2
        with:
          files: |
            ${{{{ github.workspace }}}}/../glossary-output/pdf/*.pdf
            ${{{{ github.workspace }}}}/../glossary-output/epub/*.epub
            ${{{{ github.workspace }}}}/../glossary-output/*-html.zip

  deploy:
    needs: build
    runs-on: ubuntu-24.04
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


EXAMPLE_TERM = """\
## Glossary {#Glossary .term}

***A list of terms with their explanations***

A **glossary** explains the terms of a field, one entry per term.

### Explanation {.explanation}

Each entry is a Markdown file of its own; links such as [Glossary](#Glossary)
reach an entry by its id.

### See also {.seealso}

[Index](#Index) |
"""


def planned_files(sources: Sources, requirement: str = DEFAULT_REQUIREMENT) -> list[PlannedFile]:
    """Every file init writes for ``sources``, paths relative to the repository."""
    folder = sources.relative_srcdir
    conf = "conf.py" if folder == "." else f"{folder}/conf.py"
    title = sources.title or sources.repository.name
    example = []
    if not any(sources.srcdir.glob("*.md")):
        term = "Glossary.md" if folder == "." else f"{folder}/Glossary.md"
        example = [PlannedFile(term, EXAMPLE_TERM, "a first term file, to start from")]
    return [
        *example,
        PlannedFile(conf, conf_py(sources), "the Sphinx configuration"),
        PlannedFile(READTHEDOCS_PATH, readthedocs_yaml(sources), "Read the Docs: HTML, PDF, EPUB"),
        PlannedFile(
            REQUIREMENTS_PATH,
            f"# What the builds install (Read the Docs and {WORKFLOW_PATH}).\n{requirement}\n",
            "the Python packages of the builds",
        ),
        PlannedFile(
            WORKFLOW_PATH,
            workflow_yaml(sources, title),
            "GitHub Actions: release and Pages on a version tag",
        ),
    ]
