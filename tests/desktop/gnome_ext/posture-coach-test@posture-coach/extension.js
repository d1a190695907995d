/* posture-coach's desktop tests ask GNOME Shell what it shows, over D-Bus.
 *
 * A Wayland client cannot see where its windows are, nor what the Shell's message
 * tray holds; the Shell's own Screenshot interface answers only allow-listed callers.
 * This extension (installed into the test desktop's scratch HOME only) exports
 * org.posturecoach.TestShell on the session bus:
 *   Windows() -> JSON [{title, x, y, width, height, monitor, fullscreen, pid}]
 *   Monitors() -> JSON [{x, y, width, height, scale}]  (layout pixels)
 *   WorkAreas() -> JSON [{x, y, width, height}]  (each monitor less the top bar)
 *   Notifications() -> JSON [{source, title, body}]  (what the message tray holds)
 *   Screenshot(path) -> true once the PNG is written
 *   HideOverview()  the Shell starts in the overview; tests want the desktop
 *   ClearNotifications()  the Shell's own notices ("logged in as a privileged user",
 *                         "screen lock disabled": true of every test session), which
 *                         would cover the windows in screenshots; others' are kept
 *   Activate(title) -> true when a window whose title holds it was focused
 *   Keys(names)  press and release each key (Clutter names: Return, 7, Escape), as a
 *                keyboard would, through a virtual input device
 */
const { Clutter, Gio, GLib, Shell } = imports.gi;
const Main = imports.ui.main;
const MessageTray = imports.ui.messageTray;

const IFACE = `<node><interface name="org.posturecoach.TestShell">
  <method name="Windows"><arg type="s" direction="out"/></method>
  <method name="Monitors"><arg type="s" direction="out"/></method>
  <method name="WorkAreas"><arg type="s" direction="out"/></method>
  <method name="Notifications"><arg type="s" direction="out"/></method>
  <method name="Screenshot"><arg type="s" direction="in"/><arg type="b" direction="out"/></method>
  <method name="HideOverview"/>
  <method name="ClearNotifications"/>
  <method name="Activate"><arg type="s" direction="in"/><arg type="b" direction="out"/></method>
  <method name="Keys"><arg type="s" direction="in"/></method>
</interface></node>`;

class Probe {
    Windows() {
        return JSON.stringify(global.get_window_actors().map(actor => {
            const win = actor.meta_window;
            const rect = win.get_frame_rect();
            return {
                title: win.get_title(), x: rect.x, y: rect.y, width: rect.width,
                height: rect.height, monitor: win.get_monitor(),
                fullscreen: win.is_fullscreen(), pid: win.get_pid(),
                minimized: win.minimized,
            };
        }));
    }

    Monitors() {
        return JSON.stringify(Main.layoutManager.monitors.map(m => ({
            x: m.x, y: m.y, width: m.width, height: m.height, scale: m.geometry_scale,
        })));
    }

    WorkAreas() {
        const out = [];
        for (let i = 0; i < Main.layoutManager.monitors.length; i++) {
            const r = Main.layoutManager.getWorkAreaForMonitor(i);
            out.push({x: r.x, y: r.y, width: r.width, height: r.height});
        }
        return JSON.stringify(out);
    }

    Notifications() {
        const out = [];
        for (const source of Main.messageTray.getSources()) {
            for (const n of source.notifications)
                out.push({source: source.title, title: n.title, body: n.bannerBodyText});
        }
        return JSON.stringify(out);
    }

    ScreenshotAsync(params, invocation) {
        const [path] = params;
        try {
            const file = Gio.File.new_for_path(path);
            const stream = file.replace(null, false, Gio.FileCreateFlags.NONE, null);
            const shooter = new Shell.Screenshot();
            shooter.screenshot(false, stream, (obj, result) => {
                try {
                    obj.screenshot_finish(result);
                    stream.close(null);
                    invocation.return_value(new GLib.Variant('(b)', [true]));
                } catch (e) {
                    invocation.return_error_literal(Gio.DBusError, Gio.DBusError.FAILED,
                        String(e));
                }
            });
        } catch (e) {
            invocation.return_error_literal(Gio.DBusError, Gio.DBusError.FAILED, String(e));
        }
    }

    HideOverview() {
        Main.overview.hide();
    }

    ClearNotifications() {
        for (const source of Main.messageTray.getSources()) {
            if (source instanceof MessageTray.SystemNotificationSource)
                source.destroy();
        }
    }

    Activate(title) {
        for (const actor of global.get_window_actors()) {
            const win = actor.meta_window;
            if ((win.get_title() || '').includes(title)) {
                win.activate(global.get_current_time());
                return true;
            }
        }
        return false;
    }

    Keys(names) {
        if (!this._keyboard) {
            const seat = Clutter.get_default_backend().get_default_seat();
            this._keyboard = seat.create_virtual_device(
                Clutter.InputDeviceType.KEYBOARD_DEVICE);
        }
        const now = GLib.get_monotonic_time();
        let t = 0;
        for (const name of names.split(' ').filter(n => n)) {
            const keyval = Clutter[`KEY_${name}`];
            if (keyval === undefined)
                throw new Error(`no key named ${name}`);
            this._keyboard.notify_keyval(now + t++, keyval, Clutter.KeyState.PRESSED);
            this._keyboard.notify_keyval(now + t++, keyval, Clutter.KeyState.RELEASED);
        }
    }
}

class Extension {
    enable() {
        this._impl = Gio.DBusExportedObject.wrapJSObject(IFACE, new Probe());
        this._impl.export(Gio.DBus.session, '/org/posturecoach/TestShell');
        this._name = Gio.bus_own_name_on_connection(Gio.DBus.session,
            'org.posturecoach.TestShell', Gio.BusNameOwnerFlags.NONE, null, null);
    }

    disable() {
        if (this._name)
            Gio.bus_unown_name(this._name);
        this._name = 0;
        if (this._impl)
            this._impl.unexport();
        this._impl = null;
    }
}

function init() {
    return new Extension();
}
