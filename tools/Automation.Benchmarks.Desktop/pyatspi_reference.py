#!/usr/bin/python3
"""The reference side of the desktop robot benchmark: the same steps as our AT-SPI driver, done with python3-pyatspi.

Run with Debian's /usr/bin/python3 inside a desktop session, against a running legacy PAS Desktop app
(tools/Automation.LegacyDesktop/legacy_pas.py) that shows its login window:

    /usr/bin/python3 pyatspi_reference.py --pid PID [--actions 200] [--records 50] [--prefix PY]

Every step finds its element afresh from the application (as our driver does: no element is kept between steps),
acts, and reads the value back. Elements are found the usual pyatspi way, pyatspi.findDescendant over the
application's tree, with libatspi's default cache on; waits poll every 5 ms. Prints one JSON object: per-action latencies (find + set text + verify) and the time of
the transfer (login, then each record: open the form, fill every field, save, verify by searching).
"""
import argparse
import json
import sys
import time

import pyatspi

TIMEOUT_S = 15.0


def find_app(pid):
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid and app.childCount > 0:
                    return app
            except Exception:  # an app that just went away
                continue
        time.sleep(0.05)
    raise SystemExit("pyatspi_reference: no application with pid %d on the accessibility bus" % pid)


def find(app, accessible_id, must=True):
    """The one showing element with this accessible id, searched from the application's windows."""
    def matches(node):
        return node.get_accessible_id() == accessible_id and node.getState().contains(pyatspi.STATE_SHOWING)
    found = pyatspi.findDescendant(app, matches)
    if found is None and must:
        raise RuntimeError("no element with accessible id %r" % accessible_id)
    return found


def wait_for(condition, what):
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise RuntimeError("timed out waiting for " + what)
        time.sleep(0.005)


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def fill(app, accessible_id, value):
    node = find(app, accessible_id)
    node.queryEditableText().setTextContents(value)
    # Read back through a fresh lookup, as the robot verifies every write; a password field shows only its length.
    if node.getRole() == pyatspi.ROLE_PASSWORD_TEXT:
        wait_for(lambda: find(app, accessible_id).queryText().characterCount == len(value), accessible_id + " to hold the password")
    else:
        wait_for(lambda: text_of(find(app, accessible_id)) == value, "%s to read back %r" % (accessible_id, value))


def click(app, accessible_id):
    find(app, accessible_id).queryAction().doAction(0)


def select(app, accessible_id, option):
    combo = find(app, accessible_id)
    menu = combo.getChildAtIndex(0)
    names = [menu.getChildAtIndex(i).name for i in range(menu.childCount)]
    combo.querySelection().selectChild(names.index(option))
    wait_for(lambda: find(app, accessible_id).name == option, "%s to show %r" % (accessible_id, option))


def check(app, accessible_id, checked):
    node = find(app, accessible_id)
    if node.getState().contains(pyatspi.STATE_CHECKED) != checked:
        node.queryAction().doAction(0)
    wait_for(lambda: find(app, accessible_id).getState().contains(pyatspi.STATE_CHECKED) == checked,
             "%s to be %s" % (accessible_id, "checked" if checked else "unchecked"))


def login(app):
    fill(app, "username", "robot")
    fill(app, "password", "robot-password")
    click(app, "login")
    wait_for(lambda: find(app, "new-registration", must=False), "the main window")


def open_form(app):
    click(app, "new-registration")
    wait_for(lambda: find(app, "referral", must=False), "the registration form")


def cancel_form(app):
    click(app, "cancel")
    wait_for(lambda: find(app, "referral", must=False) is None, "the form to close")


def search_rows(app, referral_id):
    fill(app, "search", referral_id)
    click(app, "search-button")

    def answered():
        status = text_of(find(app, "status"))
        if status == "Ingen registreringer fundet":
            return [[]]
        if not status.endswith("registrering(er) fundet"):
            return None
        table = find(app, "results").queryTable()
        rows = [[table.getAccessibleAt(r, c).name for c in range(table.nColumns)] for r in range(table.nRows)]
        return [rows] if rows and all(row[0] == referral_id for row in rows) else None
    return wait_for(answered, "the search for " + referral_id)[0]


def record(prefix, number):
    departments = ["Kardiologi", "Ortopædkirurgi", "Neurologi", "Onkologi", "Medicin"]
    return {
        "referral": "%s-%06d" % (prefix, number),
        "cpr": "%02d%02d%02d-%04d" % (1 + number % 28, 1 + number % 12, 50 + number % 40, 1000 + number),
        "name": "Ærø-Marie Østergaard %d" % number,
        "department": departments[number % len(departments)],
        "priority": ["Akut", "Haster", "Normal"][number % 3],
        "received": "%02d-%02d-2024" % (1 + number % 28, 1 + number % 12),
        "note": "Henvist fra egen læge, nr. %d" % number,
        "acute": number % 4 == 0,
        "interpreter": number % 5 == 0,
    }


def register(app, values):
    open_form(app)
    for field in ("referral", "cpr", "name"):
        fill(app, field, values[field])
    select(app, "department", values["department"])
    select(app, "priority", values["priority"])
    fill(app, "received", values["received"])
    fill(app, "note", values["note"])
    check(app, "acute", values["acute"])
    check(app, "interpreter", values["interpreter"])
    click(app, "save")
    wait_for(lambda: find(app, "save", must=False) is None, "the form to close after Gem")
    rows = search_rows(app, values["referral"])
    if len(rows) != 1:
        raise RuntimeError("%s: %d rows after saving" % (values["referral"], len(rows)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--actions", type=int, default=200)
    parser.add_argument("--records", type=int, default=50)
    parser.add_argument("--prefix", default="PY")
    options = parser.parse_args()

    app = find_app(options.pid)
    started = time.monotonic()
    login(app)

    # Per-action latency on the open form: find the field, set its text, read it back.
    open_form(app)
    latencies = []
    for i in range(options.actions):
        begin = time.perf_counter()
        fill(app, "name", "Navn %d" % i)
        latencies.append((time.perf_counter() - begin) * 1000.0)
    cancel_form(app)

    transfer_started = time.monotonic()
    for number in range(1, options.records + 1):
        register(app, record(options.prefix, number))
    transfer_s = time.monotonic() - transfer_started
    latencies.sort()
    print(json.dumps({
        "client": "pyatspi",
        "actions": len(latencies),
        "actionMedianMs": latencies[len(latencies) // 2],
        "actionP95Ms": latencies[int(len(latencies) * 0.95)],
        "actionMeanMs": sum(latencies) / len(latencies),
        "records": options.records,
        "transferSeconds": transfer_s,
        "loginSeconds": transfer_started - started,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
