"""Run one ``sphinx-build`` in this process and print its wall time and peak memory.

The benchmark driver starts this in a fresh interpreter for every measurement,
so imports, caches and memory are counted the way a user's build pays them.

    python benchmarks/_build_once.py -- <sphinx-build arguments>
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main(argv: list[str]) -> int:
    """Build with ``argv`` and print ``{"seconds", "peak_mb", "status"}`` as JSON on stdout."""
    from sphinx.cmd.build import build_main

    start = time.perf_counter()
    status = build_main(argv)
    seconds = time.perf_counter() - start
    # ru_maxrss is in KiB on Linux; -j workers are children of this process.
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "status": status}))
    return status


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    raise SystemExit(main(arguments))
