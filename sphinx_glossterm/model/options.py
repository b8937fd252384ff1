"""Every ``glossterm_*`` option of conf.py, in one validated place.

Plain Python: the options are read from any object with the options as attributes
and items (Sphinx's ``Config``); :mod:`sphinx_glossterm.sphinx_ext.config` declares
them with Sphinx and reports malformed values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from sphinx_glossterm.model.language import base_language

if TYPE_CHECKING:
    from sphinx.config import Config

RENDER_KINDS = ("section", "box", "links")
DIALECTS = ("auto", "pandoc", "myst")
RAW_HTML_POLICIES = ("safe", "keep")
LATEX_LAYOUTS = ("dictionary", "manual")
LATEX_TOC_LEVELS = ("entries", "letters")
LATEX_COLUMNS = (1, 2)


@dataclass(frozen=True, slots=True)
class SectionType:
    """One typed-section class: how it is labelled and how it renders."""

    name: str
    labels: Mapping[str, str]
    render: str = "section"

    def label(self, language: str | None) -> str:
        """The label in ``language`` (``de_AT`` falls back to ``de``), else English."""
        lang = (language or "en").replace("-", "_")
        return (
            self.labels.get(lang)
            or self.labels.get(base_language(language))
            or self.labels.get("en")
            or self.name
        )


DEFAULT_SECTION_TYPES: dict[str, dict[str, Any]] = {
    "explanation": {"label": {"en": "Explanation", "de": "Erklärung"}, "render": "section"},
    "haiku": {"label": {"en": "Haiku", "de": "Haiku"}, "render": "box"},
    "seealso": {"label": {"en": "See also", "de": "Siehe auch"}, "render": "links"},
}


@dataclass(frozen=True, slots=True)
class Option:
    """A conf.py option: its name, default, accepted types and help text."""

    name: str
    default: Any
    types: tuple[type, ...]
    help: str
    rebuild: str = "env"


OPTIONS: tuple[Option, ...] = (
    Option(
        "glossterm_section_types",
        {},
        (dict,),
        "Extra or overriding section types: {class: {'label': {lang: text}, 'render': kind}}.",
    ),
    Option(
        "glossterm_dialect",
        "auto",
        (str,),
        "How Markdown files are read: 'auto' (Pandoc dialect when a file uses it), "
        "'pandoc' (always) or 'myst' (never).",
    ),
    Option(
        "glossterm_layout_classes",
        ["chapter", "small", "unnumbered", "unlisted"],
        (list, tuple),
        "Heading classes that are layout hints, never section types.",
    ),
    Option(
        "glossterm_index_id",
        "Index",
        (str,),
        "The link target that means the glossary's alphabetical index.",
    ),
    Option(
        "glossterm_generate_root",
        True,
        (bool,),
        "Write a minimal root document when the project has none.",
    ),
    # Front matter of a Pandoc book: see docs/coming-from-pandoc.md.
    Option(
        "glossterm_title_file",
        "auto",
        (str,),
        "A Pandoc title block file (% Title / % Author / % Date), relative to the source "
        "folder, giving project, author, date and copyright where conf.py does not; 'auto' "
        "finds a .txt file starting with '%', '' means none.",
    ),
    Option(
        "glossterm_license_file",
        "auto",
        (str,),
        "A licence file, relative to the source folder, shown as a page of every output and "
        "as the EPUB's rights; 'auto' finds a .txt file named like licence/Lizenz/copying, "
        "'' means none.",
    ),
    Option(
        "glossterm_index_file",
        "auto",
        (str,),
        "The hand-made index of a Pandoc book (headings with class .index), relative to the "
        "source folder; the generated A-Z replaces it. 'auto' finds it, '' means none.",
    ),
    Option(
        "glossterm_index_planned",
        True,
        (bool,),
        "Count the targets of the hand-made index (glossterm_index_file) that have no entry "
        "as planned terms (see glossterm_planned), not as broken links.",
    ),
    Option(
        "glossterm_planned",
        [],
        (list, tuple),
        "Ids (or fnmatch patterns such as 'Vision-*') of terms not written yet: links to "
        "them show as plain text marked 'planned' and are counted, not warned.",
    ),
    Option(
        "glossterm_backlinks",
        True,
        (bool,),
        "Show a 'Referenced by' list at the end of every entry.",
    ),
    Option(
        "glossterm_check_seealso_order",
        False,
        (bool,),
        "Warn when a see-also list is not in alphabetical order with the index link last.",
    ),
    Option(
        "glossterm_check_seealso_symmetry",
        False,
        (bool,),
        "Warn when an entry lists another in its see-also list but not the other way round.",
    ),
    Option(
        "glossterm_required_sections",
        [],
        (list, tuple),
        "Section types every entry must have, e.g. ['explanation', 'seealso'].",
    ),
    # House rules: see docs/checks.md.
    Option(
        "glossterm_allowed_sections",
        [],
        (list, tuple),
        "The only section types an entry may have, e.g. ['explanation', 'haiku', 'seealso']; "
        "empty: any.",
    ),
    Option(
        "glossterm_section_order",
        [],
        (list, tuple),
        "The order of the section types in an entry, e.g. ['explanation', 'haiku', "
        "'seealso'] (types not listed may stand anywhere).",
    ),
    Option(
        "glossterm_section_labels",
        {},
        (dict,),
        "The headings a section type may have, {type: [label, ...]}; glossterm check --fix "
        "writes the first for any other.",
    ),
    Option(
        "glossterm_infer_terms",
        True,
        (bool,),
        "Treat a file's first heading that has an id but no .term class (H2 or H3) as a term.",
    ),
    Option(
        "glossterm_raw_html",
        "safe",
        (str,),
        "Raw HTML in term documents: 'safe' (harmless inline tags become document nodes, "
        "anything else is shown as text with a warning) or 'keep' (anything else is passed "
        "through to HTML output, as myst-parser does).",
    ),
    Option(
        "glossterm_abbreviation_phrases",
        [],
        (list, tuple),
        "What follows the bold abbreviation in an abbreviation stub ('**AGI** steht für ...'); "
        "empty: the built-in phrases of the project's language and English.",
    ),
    Option(
        "glossterm_abbreviation_list",
        True,
        (bool,),
        "Show the list of abbreviations after the A-Z index (glossterm-index) when the "
        "glossary has any and no page places it with the glossterm-abbreviations directive.",
    ),
    # Two languages: see docs/translations.md.
    Option(
        "glossterm_translations",
        {},
        (dict,),
        "The other languages' source trees, {language: path relative to conf.py's folder}, "
        "e.g. {'en': '../en'}: entries with the same id are counterparts.",
    ),
    Option(
        "glossterm_translation_urls",
        {},
        (dict,),
        "The published URL of each other language's site, {language: base URL}; without one, "
        "the sites are sibling folders (site/de/, site/en/).",
        rebuild="html",
    ),
    # glossterm check --mentions: see docs/cli.md.
    Option(
        "glossterm_mention_min_length",
        3,
        (int,),
        'glossterm check --mentions: names with fewer letters than this ("KI", "C") are '
        "not looked for in the text.",
        rebuild="",
    ),
    Option(
        "glossterm_mention_stop_words",
        [],
        (list, tuple),
        "glossterm check --mentions: names never suggested as links (compared ignoring case).",
        rebuild="",
    ),
    # PDF (LaTeX): see docs/print.md.
    Option(
        "glossterm_latex_layout",
        "dictionary",
        (str,),
        "The look of the PDF: 'dictionary' (entries run on in A-Z order under letter "
        "headings, unnumbered, headwords in the running heads) or 'manual' (Sphinx's "
        "look: every entry a numbered chapter, in the toctree's order).",
        rebuild="",
    ),
    Option(
        "glossterm_latex_toc",
        "entries",
        (str,),
        "What the dictionary layout's table of contents lists besides the front matter: "
        "'entries' (the letters and every entry) or 'letters' (the letters only).",
        rebuild="",
    ),
    Option(
        "glossterm_latex_columns",
        1,
        (int,),
        "In the dictionary layout, set the entries in 1 or 2 columns.",
        rebuild="",
    ),
    Option(
        "glossterm_latex_pagerefs",
        True,
        (bool,),
        "In LaTeX/PDF output, follow each link of see-also lists, 'Referenced by' lists and "
        "the A-Z list with the page of its target (', p. 42').",
        rebuild="",
    ),
    Option(
        "glossterm_latex_index_mentions",
        True,
        (bool,),
        "In LaTeX/PDF output, add an index entry for every place the text links to a term.",
        rebuild="",
    ),
    Option(
        "glossterm_latex_characters",
        {},
        (dict,),
        "LaTeX for characters, {char: latex}, e.g. {'😀': r'\\emoji{grinning-face}'}: added to "
        "or overriding the built-in definitions, for every LaTeX engine.",
        rebuild="",
    ),
    Option(
        "glossterm_latex_check_characters",
        True,
        (bool,),
        "Warn about and replace characters the LaTeX engine cannot typeset with Sphinx's "
        "default fonts.",
        rebuild="",
    ),
)


def config_problems(config: Config) -> list[tuple[str, str]]:
    """The malformed ``glossterm_*`` values: (option name, what is wrong), in a fixed order."""
    problems: list[tuple[str, str]] = []
    if config.glossterm_dialect not in DIALECTS:
        problems.append(("glossterm_dialect", f"must be one of {', '.join(DIALECTS)}"))
    if config.glossterm_raw_html not in RAW_HTML_POLICIES:
        problems.append(("glossterm_raw_html", f"must be one of {', '.join(RAW_HTML_POLICIES)}"))
    choices = (
        ("glossterm_latex_layout", LATEX_LAYOUTS),
        ("glossterm_latex_toc", LATEX_TOC_LEVELS),
        ("glossterm_latex_columns", LATEX_COLUMNS),
    )
    problems += [
        (name, f"must be one of {', '.join(map(str, allowed))}")
        for name, allowed in choices
        if config[name] not in allowed
    ]
    characters = config.glossterm_latex_characters
    if not isinstance(characters, Mapping) or not all(
        isinstance(char, str) and len(char) == 1 and isinstance(latex, str)
        for char, latex in characters.items()
    ):
        problems.append(("glossterm_latex_characters", "must map single characters to LaTeX"))
    lists = (
        "glossterm_layout_classes",
        "glossterm_planned",
        "glossterm_required_sections",
        "glossterm_allowed_sections",
        "glossterm_section_order",
        "glossterm_abbreviation_phrases",
        "glossterm_mention_stop_words",
    )
    problems += [
        (name, "must be a list of strings")
        for name in lists
        if not all(isinstance(item, str) for item in config[name])
    ]
    for name in ("glossterm_translations", "glossterm_translation_urls"):
        value = config[name]
        if not isinstance(value, Mapping) or not all(
            isinstance(key, str) and isinstance(item, str) for key, item in value.items()
        ):
            problems.append((name, "must map language codes to strings"))
    try:
        section_types(config)
    except ValueError as error:
        problems.append(("glossterm_section_types", str(error)))
    labels = config.glossterm_section_labels
    if not isinstance(labels, Mapping) or not all(
        isinstance(kind, str)
        and isinstance(wanted, list | tuple)
        and wanted
        and all(isinstance(label, str) for label in wanted)
        for kind, wanted in labels.items()
    ):
        problems.append(("glossterm_section_labels", "must map section types to lists of labels"))
    return problems


def default_of(name: str) -> Any:
    """The default of the option ``name``."""
    return next(option.default for option in OPTIONS if option.name == name)


def section_types(config: Config) -> dict[str, SectionType]:
    """The default section types updated with the project's, validated."""
    merged: dict[str, dict[str, Any]] = {
        name: dict(spec) for name, spec in DEFAULT_SECTION_TYPES.items()
    }
    user = config.glossterm_section_types
    if not isinstance(user, Mapping):
        raise ValueError("must be a dict mapping a class name to its settings")
    for name, spec in user.items():
        if not isinstance(name, str) or not isinstance(spec, Mapping):
            raise ValueError(f"entry {name!r} must map a class name to a dict")
        unknown = set(spec) - {"label", "render"}
        if unknown:
            raise ValueError(f"entry {name!r} has unknown keys {sorted(unknown)}")
        merged.setdefault(name, {"label": {"en": name}, "render": "section"}).update(spec)
    types: dict[str, SectionType] = {}
    for name, spec in merged.items():
        label = spec.get("label", {"en": name})
        if isinstance(label, str):
            label = {"en": label}
        if not isinstance(label, Mapping):
            raise ValueError(f"the label of {name!r} must be a string or a {{lang: text}} dict")
        render = spec.get("render", "section")
        if render not in RENDER_KINDS:
            raise ValueError(f"the render of {name!r} must be one of {', '.join(RENDER_KINDS)}")
        types[name] = SectionType(name, dict(label), render)
    return types


def layout_classes(config: Config) -> frozenset[str]:
    """Heading classes that are layout hints."""
    return frozenset(config.glossterm_layout_classes)


def is_planned(target: str, config: Config) -> bool:
    """Whether ``target`` names a term the author has marked as not written yet."""
    return any(fnmatchcase(target, pattern) for pattern in config.glossterm_planned)
