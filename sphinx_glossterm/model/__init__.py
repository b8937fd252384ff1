"""The glossary as data: plain Python, no Sphinx, no docutils.

- :mod:`.records`: :class:`~.records.Term`, its links and sections;
- :mod:`.term_index` and :mod:`.graph`: what the records mean together;
- :mod:`.checks` and :mod:`.suggest`: the findings and their suggested fixes;
- :mod:`.collation`: DIN 5007 order; :mod:`.words`: interface words per language;
- :mod:`.options`: every ``glossterm_*`` option; :mod:`.warnings_`: every warning type.
"""
