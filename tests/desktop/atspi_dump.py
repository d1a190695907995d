"""Read an app through the real accessibility bus, as a screen reader does (run with
Debian's /usr/bin/python3 and its python3-pyatspi, not the venv).

    /usr/bin/python3 tests/desktop/atspi_dump.py APP_NAME    (or pid:PROCESS_ID)

prints JSON: one object per top-level window of the application named APP_NAME (or run
by that process), with
every node's role, name and description, in tree order.
"""

import json
import sys
from typing import Any

import pyatspi


def walk(node: Any, depth: int = 0, out: list[dict[str, Any]] | None = None,
         limit: int = 4000) -> list[dict[str, Any]]:
    out = [] if out is None else out
    if node is None or len(out) >= limit or depth > 40:
        return out
    try:
        states = node.getState()
        showing = states.contains(pyatspi.STATE_SHOWING)
        out.append({"role": node.getRoleName(), "name": node.name or "",
                    "description": node.description or "", "showing": showing,
                    "depth": depth})
        for i in range(node.childCount):
            walk(node.getChildAtIndex(i), depth + 1, out, limit)
    except Exception as exc:  # a node that went away while read
        out.append({"role": "error", "name": str(exc), "description": "", "showing": False,
                    "depth": depth})
    return out


def main() -> int:
    wanted = sys.argv[1]
    desktop = pyatspi.Registry.getDesktop(0)
    apps = [desktop.getChildAtIndex(i) for i in range(desktop.childCount)]
    def pid(app: Any) -> int | None:
        try:
            return int(app.get_process_id())
        except Exception:  # an application that went away
            return None
    if wanted.startswith("pid:"):  # the application run by that process
        found = [a for a in apps if a is not None and pid(a) == int(wanted[4:])]
    else:
        found = [a for a in apps if a is not None and a.name == wanted]
    if not found:
        print(json.dumps({"error": "not found",
                          "apps": [[a.name, pid(a)] for a in apps if a]}))
        return 1
    app = found[0]
    windows = []
    for i in range(app.childCount):
        window = app.getChildAtIndex(i)
        windows.append({"title": window.name, "role": window.getRoleName(),
                        "nodes": walk(window)})
    print(json.dumps({"windows": windows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
