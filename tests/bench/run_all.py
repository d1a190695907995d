"""Run every benchmark under tests/bench/ and write one markdown table.

``make bench`` runs this.  The table goes to ``tests/bench/results/latest.md``
(and standard output) for the README's Performance section.
"""

from __future__ import annotations

import importlib.util
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    rows: list[dict[str, object]] = []
    for script in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(script.stem, script)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"running {script.name} ...", file=sys.stderr)
        for row in module.main():
            rows.append({"script": script.name, **row})
    cores = len(__import__("os").sched_getaffinity(0))
    lines = [
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d} on {platform.machine()}, "
        f"{cores} cores, Python {platform.python_version()}, with `make bench`.",
        "",
        "| benchmark | result | aim | script |",
        "|---|---|---|---|",
    ]
    for row in rows:
        lines.append(f"| {row['name']} | {row['value']} {row['unit']} | {row['aim']} "
                     f"| `{row['script']}` |")
    table = "\n".join(lines) + "\n"
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
