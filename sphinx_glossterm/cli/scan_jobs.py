"""How ``glossterm check`` scans the files it has to read: in one process or several.

A cold check of a large glossary is markdown-it tokenising every file, which
several processes share well; a check of a few changed files is over before a
second process would have started.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sphinx_glossterm.reader.scan import DocumentRecords, ScanSettings


def scan_in_processes(
    documents: Sequence[tuple[str, str]], settings: ScanSettings, jobs: int | None
) -> list[DocumentRecords]:
    """Scan the documents, in ``jobs`` processes (``None``: see :func:`default_jobs`)."""
    from sphinx_glossterm.reader.scan.walker import scan_documents

    jobs = jobs or default_jobs(len(documents))
    if jobs <= 1 or len(documents) < 2 or sys.platform == "win32":
        return scan_documents(documents, settings)
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    # Fork: the workers start with the parser's modules already imported.  This
    # process scans the first share itself while the workers scan the others.
    chunks = [list(documents[number::jobs]) for number in range(jobs)]
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=get_context("fork")) as pool:
        others = [pool.submit(scan_documents, chunk, settings) for chunk in chunks[1:]]
        results = [scan_documents(chunks[0], settings), *(other.result() for other in others)]
    by_docname = {records.docname: records for chunk in results for records in chunk}
    return [by_docname[docname] for docname, _ in documents]


PARALLEL_FROM = 64
"""How many files to scan make a second process worth its start (about 0.1 s)."""


def default_jobs(files: int) -> int:
    """The processes a check scans ``files`` files with when ``-j`` is not given.

    One per idle CPU (up to four) for a cold check of many files, else one:
    extra processes only slow a machine whose CPUs are busy already.
    """
    cpus = os.cpu_count() or 1
    busy = busy_cpus()
    if files < PARALLEL_FROM or cpus < 2 or busy is None:
        return 1
    return max(1, min(cpus - busy, 4, files // PARALLEL_FROM + 1))


def busy_cpus() -> int | None:
    """How many CPUs other processes keep busy now (``None``: unknown).

    Linux says how many tasks are runnable at this moment (the fourth field of
    ``/proc/loadavg``, this process included); the load average elsewhere,
    whose minute-long memory counts a build that just ended as busy.
    """
    try:
        running = Path("/proc/loadavg").read_text(encoding="ascii").split()[3]
        return max(0, int(running.split("/")[0]) - 1)
    except (OSError, IndexError, ValueError):
        pass
    if not hasattr(os, "getloadavg"):
        return None
    return int(os.getloadavg()[0] + 0.5)
