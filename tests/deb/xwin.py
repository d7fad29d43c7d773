#!/usr/bin/python3
"""X11 helper for tests/deb/install-test (python3-xlib; no window manager needed).

  xwin.py wait TITLE SECONDS   wait for a mapped top-level window titled TITLE; print "ID W H"
  xwin.py count TITLE          how many mapped top-level windows have this title
  xwin.py display SECONDS      wait until the X server ($DISPLAY) accepts connections
  xwin.py geometry ID          print "W H"
  xwin.py wait-size ID W H S   wait until the window has this size
  xwin.py resize ID W H        ask the X server to resize the window
  xwin.py close ID             send WM_DELETE_WINDOW, as a window manager's close button does
"""
import sys
import time

from Xlib import X, display, protocol


def windows(d, title):
    """Mapped windows whose WM_NAME or _NET_WM_NAME is `title`, anywhere in the tree."""
    net_name = d.intern_atom("_NET_WM_NAME")
    utf8 = d.intern_atom("UTF8_STRING")
    found = []
    stack = [d.screen().root]
    while stack:
        w = stack.pop()
        try:
            children = w.query_tree().children
            attrs = w.get_attributes()
            name = w.get_wm_name()
            prop = w.get_full_property(net_name, utf8)
        except Exception:  # the window went away while we looked
            continue
        if prop is not None:
            name = prop.value.decode("utf-8", "replace") if isinstance(prop.value, bytes) else name
        if name == title and attrs.map_state == X.IsViewable:
            found.append(w)
        stack.extend(children)
    return found


def geometry(w):
    g = w.get_geometry()
    return g.width, g.height


def main():
    cmd = sys.argv[1]
    if cmd == "display":
        deadline = time.monotonic() + float(sys.argv[2])
        while True:
            try:
                display.Display().close()
                return 0
            except Exception:
                if time.monotonic() > deadline:
                    return 1
                time.sleep(0.1)  # Xvfb is starting; it has no readiness signal to wait on
    d = display.Display()
    if cmd == "wait":
        title, deadline = sys.argv[2], time.monotonic() + float(sys.argv[3])
        while time.monotonic() < deadline:
            found = windows(d, title)
            if found:
                w = found[0]
                print(w.id, *geometry(w))
                return 0
            # Polling the X server with a deadline: nothing to subscribe to before the
            # window exists in another process.
            time.sleep(0.1)
        print(f"no window titled {title!r} within {sys.argv[3]} s", file=sys.stderr)
        return 1
    if cmd == "count":
        print(len(windows(d, sys.argv[2])))
        return 0
    w = d.create_resource_object("window", int(sys.argv[2]))
    if cmd == "geometry":
        print(*geometry(w))
    elif cmd == "wait-size":
        want = (int(sys.argv[3]), int(sys.argv[4]))
        deadline = time.monotonic() + float(sys.argv[5])
        while geometry(w) != want:
            if time.monotonic() > deadline:
                print(f"window is {geometry(w)}, not {want}", file=sys.stderr)
                return 1
            time.sleep(0.05)
    elif cmd == "resize":
        w.configure(width=int(sys.argv[3]), height=int(sys.argv[4]))
        d.sync()
    elif cmd == "close":
        protocols = d.intern_atom("WM_PROTOCOLS")
        delete = d.intern_atom("WM_DELETE_WINDOW")
        event = protocol.event.ClientMessage(
            window=w, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
        )
        w.send_event(event)
        d.sync()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
