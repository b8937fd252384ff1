"""The Pandoc-dialect front end: markdown-it-py plugins for the syntax term documents use."""
