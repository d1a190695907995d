"""Ask a test desktop's session bus what a person's desktop shows: run with Debian's
``/usr/bin/python3`` (python3-gi, GLib's own D-Bus client), never the venv.

    busprobe.py owner NAME            the unique name owning NAME, or "" (exit 0)
    busprobe.py sni-items             the watcher's RegisteredStatusNotifierItems (JSON)
    busprobe.py sni-item ITEM         an item's properties: Id, Title, Status, Menu (JSON)
    busprobe.py menu ITEM             the item's dbusmenu as a flat JSON list
    busprobe.py click ITEM LABEL      send "clicked" to the entry whose label is LABEL
    busprobe.py shell METHOD [ARG]    call the GNOME test extension (org.posturecoach.TestShell)
    busprobe.py idle-ms               GNOME's org.gnome.Mutter.IdleMonitor GetIdletime
    busprobe.py pid NAME              the process id of NAME's connection
    busprobe.py silent-watcher        own org.kde.StatusNotifierWatcher and never answer
                                      a call (a hung tray host), until killed

ITEM is one entry of RegisteredStatusNotifierItems: ``service/object/path`` (or a bare
service, whose object is /StatusNotifierItem).  Every call has a timeout; a failure
prints the D-Bus error on stderr and exits 1.
"""

from __future__ import annotations

import json
import sys

from gi.repository import Gio, GLib

TIMEOUT_MS = 5000
WATCHER = ("org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher",
           "org.kde.StatusNotifierWatcher")


def bus() -> Gio.DBusConnection:
    return Gio.bus_get_sync(Gio.BusType.SESSION, None)


def call(dest: str, path: str, iface: str, method: str, args: GLib.Variant | None = None,
         reply: str | None = None) -> object:
    result = bus().call_sync(dest, path, iface, method, args,
                             GLib.VariantType(reply) if reply else None,
                             Gio.DBusCallFlags.NONE, TIMEOUT_MS, None)
    return result.unpack() if result is not None else None


def prop(dest: str, path: str, iface: str, name: str) -> object:
    value = call(dest, path, "org.freedesktop.DBus.Properties", "Get",
                 GLib.Variant("(ss)", (iface, name)))
    assert isinstance(value, tuple)
    return value[0]


def split_item(item: str) -> tuple[str, str]:
    """``service/path`` (waybar, KDE) or ``service@/path`` (GNOME's AppIndicator)."""
    if "@/" in item:
        service, _, path = item.partition("@")
        return service, path
    if "/" in item:
        at = item.index("/")
        return item[:at], item[at:]
    return item, "/StatusNotifierItem"


def sni_item(item: str) -> dict[str, object]:
    service, path = split_item(item)
    out: dict[str, object] = {"service": service, "path": path}
    for name in ("Id", "Title", "Status", "Category", "Menu", "IconName", "ToolTip"):
        try:
            out[name] = prop(service, path, "org.kde.StatusNotifierItem", name)
        except GLib.Error as exc:
            out[name] = None
            out.setdefault("errors", []).append(f"{name}: {exc.message}")
    return out


def menu(item: str) -> tuple[str, str, list[dict[str, object]]]:
    service, path = split_item(item)
    menu_path = prop(service, path, "org.kde.StatusNotifierItem", "Menu")
    assert isinstance(menu_path, str)
    # as a host does before it shows the menu (the app writes its first line then)
    call(service, menu_path, "com.canonical.dbusmenu", "AboutToShow", GLib.Variant("(i)", (0,)))
    layout = call(service, menu_path, "com.canonical.dbusmenu", "GetLayout",
                  GLib.Variant("(iias)", (0, -1, [])))
    assert isinstance(layout, tuple)
    entries: list[dict[str, object]] = []

    def walk(node: tuple[int, dict[str, object], list[object]], depth: int, parent: int) -> None:
        ident, props, children = node
        if ident != 0:
            entries.append({"id": ident, "depth": depth, "parent": parent,
                            "label": str(props.get("label", "")),
                            "enabled": bool(props.get("enabled", True)),
                            "visible": bool(props.get("visible", True)),
                            "type": str(props.get("type", "standard")),
                            "submenu": props.get("children-display") == "submenu"})
        for child in children:
            walk(child, depth + 1, ident)

    walk(layout[1], 0, 0)
    return service, menu_path, entries


def plain(label: str) -> str:
    """A menu label as a person reads it: the mnemonic underscores taken out."""
    return label.replace("__", "\0").replace("_", "").replace("\0", "_")


def click(item: str, label: str) -> int:
    service, menu_path, entries = menu(item)
    for entry in entries:
        if plain(str(entry["label"])) == label:
            ident = int(entry["id"])
            # A host sends AboutToShow to the entry's parent, then the click.
            call(service, menu_path, "com.canonical.dbusmenu", "AboutToShow",
                 GLib.Variant("(i)", (int(entry["parent"]),)))
            call(service, menu_path, "com.canonical.dbusmenu", "Event",
                 GLib.Variant("(isvu)", (ident, "clicked", GLib.Variant("i", 0), 0)))
            return ident
    raise SystemExit(f"no menu entry labelled {label!r}: "
                     f"{[plain(str(e['label'])) for e in entries]}")


WATCHER_XML = """<node><interface name="org.kde.StatusNotifierWatcher">
  <method name="RegisterStatusNotifierItem"><arg type="s" direction="in"/></method>
  <method name="RegisterStatusNotifierHost"><arg type="s" direction="in"/></method>
  <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
  <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
  <property name="ProtocolVersion" type="i" access="read"/>
</interface></node>"""


def silent_watcher() -> None:
    """A watcher that takes every call and never answers (the caller's timeout ends it).

    With no get_property handler GDBus hands Properties.Get to the method handler too
    (its documented way of answering properties asynchronously): held, never answered."""
    connection = bus()
    held: list[object] = []

    def on_call(*args: object) -> None:
        held.append(args[-1])

    info = Gio.DBusNodeInfo.new_for_xml(WATCHER_XML).interfaces[0]
    connection.register_object(WATCHER[1], info, on_call, None, None)
    Gio.bus_own_name_on_connection(connection, WATCHER[0], Gio.BusNameOwnerFlags.NONE,
                                   None, None)
    print("silent watcher up", flush=True)
    GLib.MainLoop().run()


def main(argv: list[str]) -> int:
    what, args = argv[0], argv[1:]
    try:
        if what == "owner":
            try:
                print(call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                           "org.freedesktop.DBus", "GetNameOwner",
                           GLib.Variant("(s)", (args[0],)))[0])
            except GLib.Error:
                print("")
        elif what == "sni-items":
            print(json.dumps(list(prop(*WATCHER, "RegisteredStatusNotifierItems"))))
        elif what == "sni-item":
            print(json.dumps(sni_item(args[0]), default=str))
        elif what == "menu":
            print(json.dumps(menu(args[0])[2]))
        elif what == "click":
            print(click(args[0], args[1]))
        elif what == "shell":
            params = GLib.Variant("(s)", (args[1],)) if len(args) > 1 else None
            out = call("org.posturecoach.TestShell", "/org/posturecoach/TestShell",
                       "org.posturecoach.TestShell", args[0], params)
            print(out[0] if out else "")
        elif what == "pid":
            print(call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                       "GetConnectionUnixProcessID", GLib.Variant("(s)", (args[0],)))[0])
        elif what == "silent-watcher":
            silent_watcher()
        elif what == "idle-ms":
            print(call("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
                       "org.gnome.Mutter.IdleMonitor", "GetIdletime")[0])
        else:
            raise SystemExit(f"unknown request {what!r}")
    except GLib.Error as exc:
        print(f"{what}: {exc.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
