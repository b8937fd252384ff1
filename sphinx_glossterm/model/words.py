"""The words the pages and the book show around the entries, in English and German.

One table for every output (HTML, LaTeX, EPUB): chosen by Sphinx's ``language``
(``de_AT`` falls back to ``de``); any other language gets English.  The browser
scripts carry the few words they need themselves and pick them by the page's
``lang``.
"""

from __future__ import annotations

from sphinx_glossterm.model.language import base_language

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "index": "A–Z index",
        "graph": "Term graph",
        "search": "Search",
        "search_placeholder": "Search the glossary",
        "letters": "Terms by letter",
        "breadcrumbs": "Breadcrumbs",
        "home": "Home",
        "letter": "Letter {letter}",
        "previous": "Previous term",
        "next": "Next term",
        "term_navigation": "Previous and next term",
        "neighbourhood": "Neighbourhood",
        "neighbourhood_caption": "Terms linked to or from {title}",
        "in_graph": "Show in the whole graph",
        "theme_toggle": "Switch between light and dark mode",
        "graph_title": "Term graph",
        "graph_intro": "Every entry is a node, every link between entries an edge. "
        "Drag to pan, scroll or pinch to zoom, click a node to open its entry.",
        "graph_search": "Find a term in the graph",
        "graph_fallback": "Entries and the entries they link to",
        "graph_fallback_entries": "Entries (each entry's page lists the entries it links to)",
        "links_to": "links to",
        "skip": "Skip to the content",
        "main_navigation": "Main",
        "footer": "Built with Sphinx and sphinx_glossterm",
        "see": "see",
        "referenced_by": "Referenced by",
        "introduction": "introduction",
        "planned": "planned",
        "glossary": "Glossary",
        "search_object_type": "glossary entry",
        "search_hint": "Searching for several words finds only pages that contain all of them.",
        "search_button": "Search",
        "previous_page": "Previous page",
        "next_page": "Next page",
        "page_navigation": "Previous and next page",
        "theme_to_dark": "Switch to dark mode",
        "theme_to_light": "Switch to light mode",
        "graph_groups": "Groups",
        "graph_filter": "Show",
        "graph_all": "all entries",
        "graph_group": "Group {number}: {names}",
        "graph_section": "with a section “{title}”",
        "graph_neighbours": "Neighbours of {title}",
        "graph_open": "Open the entry",
        "graph_keys": "Keys: arrows move between linked entries, Enter opens, Escape clears.",
        "status": "Status",
        "status_preferred": "preferred term",
        "status_admitted": "admitted term",
        "status_deprecated": "deprecated term",
        "status_superseded": "superseded term",
        "replaced_by": "use instead",
        "abbreviations": "Abbreviations",
        "abbreviation": "Abbreviation",
        "expansion": "Long form",
        "languages": "This entry in other languages",
    },
    "de": {
        "index": "Register A–Z",
        "graph": "Begriffsnetz",
        "search": "Suche",
        "search_placeholder": "Im Glossar suchen",
        "letters": "Begriffe nach Buchstaben",
        "breadcrumbs": "Brotkrumen",
        "home": "Start",
        "letter": "Buchstabe {letter}",
        "previous": "Vorheriger Begriff",
        "next": "Nächster Begriff",
        "term_navigation": "Vorheriger und nächster Begriff",
        "neighbourhood": "Umfeld",
        "neighbourhood_caption": "Begriffe, die mit {title} verknüpft sind",
        "in_graph": "Im ganzen Begriffsnetz zeigen",
        "theme_toggle": "Zwischen hellem und dunklem Modus wechseln",
        "graph_title": "Begriffsnetz",
        "graph_intro": "Jeder Eintrag ist ein Knoten, jeder Verweis zwischen Einträgen eine Kante. "
        "Ziehen verschiebt, Scrollen oder Spreizen zoomt, ein Klick öffnet den Eintrag.",
        "graph_search": "Begriff im Netz finden",
        "graph_fallback": "Einträge und die Einträge, auf die sie verweisen",
        "graph_fallback_entries": "Einträge (die Seite jedes Eintrags nennt die Einträge, "
        "auf die er verweist)",
        "links_to": "verweist auf",
        "skip": "Zum Inhalt springen",
        "main_navigation": "Hauptnavigation",
        "footer": "Erstellt mit Sphinx und sphinx_glossterm",
        "see": "siehe",
        "referenced_by": "Referenziert von",
        "introduction": "Einleitung",
        "planned": "geplant",
        "glossary": "Glossar",
        "search_object_type": "Glossareintrag",
        "search_hint": "Bei mehreren Suchwörtern werden nur Seiten gefunden, "
        "die alle Wörter enthalten.",
        "search_button": "Suchen",
        "previous_page": "Vorherige Seite",
        "next_page": "Nächste Seite",
        "page_navigation": "Vorherige und nächste Seite",
        "theme_to_dark": "Zum dunklen Modus wechseln",
        "theme_to_light": "Zum hellen Modus wechseln",
        "graph_groups": "Gruppen",
        "graph_filter": "Zeigen",
        "graph_all": "alle Einträge",
        "graph_group": "Gruppe {number}: {names}",
        "graph_section": "mit einem Abschnitt „{title}“",
        "graph_neighbours": "Nachbarn von {title}",
        "graph_open": "Eintrag öffnen",
        "graph_keys": "Tasten: Pfeile wandern zu verknüpften Einträgen, "
        "Eingabe öffnet, Escape hebt die Auswahl auf.",
        "status": "Status",
        "status_preferred": "bevorzugte Benennung",
        "status_admitted": "zugelassene Benennung",
        "status_deprecated": "abgelehnte Benennung",
        "status_superseded": "überholte Benennung",
        "replaced_by": "stattdessen",
        "abbreviations": "Abkürzungsverzeichnis",
        "abbreviation": "Abkürzung",
        "expansion": "Langform",
        "languages": "Dieser Eintrag in anderen Sprachen",
    },
}

# Sphinx's search page (searchtools.js) in our languages, keyed by its English
# messages: Sphinx's own catalogues lack the newer ones and show English (or
# nothing) on a German page.  A list is a message with singular and plural.
SEARCH_MESSAGES: dict[str, dict[str, str | list[str]]] = {
    "de": {
        "Search Results": "Suchergebnisse",
        "Searching": "Suche läuft",
        "Preparing search...": "Die Suche wird vorbereitet …",
        ", in ": ", in ",
        "Search finished, found one page matching the search query.": [
            "Suche beendet: eine Seite passt zur Suchanfrage.",
            "Suche beendet: ${resultCount} Seiten passen zur Suchanfrage.",
        ],
        "Your search did not match any documents. Please make sure that all words are "
        "spelled correctly and that you've selected enough categories.": "Keine Seite passt "
        "zur Suche. Sind alle Wörter richtig geschrieben?",
        "Hide Search Matches": "Suchtreffer ausblenden",
    },
}


def search_messages(language: str | None) -> dict[str, str | list[str]]:
    """Sphinx's search-page messages in ``language`` (none where Sphinx's English is right)."""
    return SEARCH_MESSAGES.get(language_code(language), {})


PAGE_ABBREVIATIONS: dict[str, str] = {
    "de": "S.", "en": "p.", "fr": "p.", "es": "p.", "it": "p.", "pt": "p.", "nl": "p.",
    "da": "s.", "nb": "s.", "no": "s.", "sv": "s.", "fi": "s.", "pl": "s.", "cs": "s.",
}  # fmt: skip
"""How the book abbreviates "page" before a page number (", S. 42")."""


LANGUAGE_NAMES: dict[str, str] = {
    "de": "Deutsch", "en": "English", "fr": "Français", "es": "Español", "it": "Italiano",
    "nl": "Nederlands", "pt": "Português", "pl": "Polski", "cs": "Čeština", "da": "Dansk",
    "sv": "Svenska", "nb": "Norsk", "fi": "Suomi",
}  # fmt: skip
"""Each language by its own name, as a language switch shows it."""


def language_name(language: str | None) -> str:
    """ "Deutsch" for ``de`` or ``de_AT``; the code itself for a language not in the table."""
    return LANGUAGE_NAMES.get(base_language(language), language or "")


def language_code(language: str | None) -> str:
    """``de`` for ``de``, ``de_AT`` or ``de-CH``; ``en`` for anything we have no words for."""
    code = base_language(language)
    return code if code in STRINGS else "en"


def page_abbreviation(language: str | None) -> str:
    """ "S." in German, "p." in English and as the fallback."""
    return PAGE_ABBREVIATIONS.get(base_language(language), "p.")


def strings(language: str | None) -> dict[str, str]:
    """All UI strings in ``language``."""
    return STRINGS[language_code(language)]
