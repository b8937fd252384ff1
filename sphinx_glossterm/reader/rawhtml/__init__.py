"""Raw HTML in term documents: harmless inline tags become nodes, the rest stays text.

- :mod:`.tags` reads one HTML tag and decides whether it may become a node;
- :mod:`.rule` pairs opening and closing tags at the Markdown level (a
  markdown-it core rule) and notes link targets that could run code;
- :mod:`.nodes` holds the one node docutils lacks (``<mark>``, ``<small>``, ...)
  and its HTML visitor;
- :mod:`.render` turns the tokens into nodes, text and warnings.

The policy is documented in ``docs/format.md`` (Raw HTML) and ``docs/security.md``.
"""
