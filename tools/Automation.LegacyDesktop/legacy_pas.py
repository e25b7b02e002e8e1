#!/usr/bin/python3
"""PAS Desktop: a small legacy patient-administration client for desktop robots to drive.

GTK 3 through PyGObject, run with Debian's /usr/bin/python3 (python3-gi, gir1.2-gtk-3.0). Saves registrations to
DIR/pas.db (SQLite, stdlib sqlite3). The texts, titles, labels and accessible ids are a fixed contract that the
desktop robot tests select on: see README.md before changing any of them.

Usage: legacy_pas.py --data DIR [--user NAME:PASSWORD ...] [--save-delay-ms N]
"""

import argparse
import datetime
import os
import re
import sqlite3
import sys

# The accessibility bridge only loads without NO_AT_BRIDGE; this app exists to be driven through it.
os.environ.pop("NO_AT_BRIDGE", None)
# No dconf or gvfs daemons for a throwaway test app (fewer processes on the session bus, faster start).
os.environ.setdefault("GSETTINGS_BACKEND", "memory")
os.environ.setdefault("GIO_USE_VFS", "local")

import gi  # noqa: E402

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

APP_TITLE = "PAS Desktop"
DEPARTMENTS = ["Kardiologi", "Ortopædkirurgi", "Neurologi", "Onkologi", "Medicin"]
PRIORITIES = ["Akut", "Haster", "Normal"]
CPR_PATTERN = re.compile(r"^\d{6}-?\d{4}$")
DATE_PATTERN = re.compile(r"^\d{2}-\d{2}-\d{4}$")

SCHEMA = """
CREATE TABLE IF NOT EXISTS registrations (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    referral_id  TEXT    NOT NULL,
    cpr          TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    department   TEXT    NOT NULL,
    priority     TEXT    NOT NULL,
    received     TEXT    NOT NULL,
    note         TEXT    NOT NULL DEFAULT '',
    acute        INTEGER NOT NULL,
    interpreter  INTEGER NOT NULL,
    journal_no   TEXT    NOT NULL,
    saved_at     TEXT    NOT NULL
)
"""

CSS = b"""
window, dialog { background-color: #d4d0c8; }
* { font-family: Sans; font-size: 9pt; }
.banner { background-color: #0a246a; color: #ffffff; padding: 4px 8px; font-weight: bold; }
entry { background-color: #ffffff; border-radius: 0; }
button { border-radius: 0; }
.status { border-top: 1px solid #808080; padding: 2px 6px; }
"""


def set_id(widget, accessible_id):
    """Gives the widget an accessible id (AT-SPI AccessibleId) robots can select on."""
    widget.get_accessible().set_accessible_id(accessible_id)


def labelled(text, widget):
    """A mnemonic label for widget: GTK then sets the LABELLED_BY / LABEL_FOR relations."""
    label = Gtk.Label.new_with_mnemonic("_" + text)
    label.set_mnemonic_widget(widget)
    label.set_xalign(1.0)
    return label


def plain_label(text):
    """A label that only sits next to its field: no relation, robots must use its position."""
    label = Gtk.Label(label=text)
    label.set_xalign(1.0)
    return label


def show_error(parent, title, text, on_closed=None):
    """A modal error box with one OK button, like every legacy client has. Not run() in a nested main loop:
    the app keeps answering the accessibility bus while the box is open."""
    dialog = Gtk.MessageDialog(transient_for=parent, modal=True, destroy_with_parent=True,
                               message_type=Gtk.MessageType.ERROR, buttons=Gtk.ButtonsType.NONE, text=text)
    dialog.set_title(title)
    # GTK names a message box after its type ("Error"); robots look for the title a user sees.
    dialog.get_accessible().set_name(title)
    ok = dialog.add_button("OK", Gtk.ResponseType.OK)
    set_id(ok, "error-ok")
    dialog.set_position(Gtk.WindowPosition.CENTER_ON_PARENT)

    def closed(box, _response):
        box.destroy()
        if on_closed is not None:
            on_closed()

    dialog.connect("response", closed)
    dialog.show_all()
    dialog.present()


class Store:
    """The registrations table in DIR/pas.db; every save is one committed transaction."""

    def __init__(self, directory):
        os.makedirs(directory, exist_ok=True)
        self.path = os.path.join(directory, "pas.db")
        self.connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        self.connection.execute("PRAGMA synchronous=FULL")
        self.connection.execute(SCHEMA)

    def save(self, registration):
        """Inserts the row and gives it its journal number; returns the journal number once committed."""
        c = self.connection
        c.execute("BEGIN IMMEDIATE")
        try:
            cursor = c.execute(
                "INSERT INTO registrations (referral_id, cpr, name, department, priority, received, note, acute,"
                " interpreter, journal_no, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)",
                (registration["referral_id"], registration["cpr"], registration["name"], registration["department"],
                 registration["priority"], registration["received"], registration["note"],
                 int(registration["acute"]), int(registration["interpreter"]),
                 datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")))
            journal_no = "J-%06d" % cursor.lastrowid
            c.execute("UPDATE registrations SET journal_no = ? WHERE id = ?", (journal_no, cursor.lastrowid))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return journal_no

    def search(self, text):
        if not text:
            return []
        return self.connection.execute(
            "SELECT referral_id, cpr, name, journal_no FROM registrations WHERE referral_id = ? OR cpr = ? ORDER BY id",
            (text, text)).fetchall()


class LoginWindow(Gtk.Window):
    def __init__(self, app):
        super().__init__(title=APP_TITLE + " – Log ind")
        self.app = app
        self.set_default_size(380, 190)
        self.set_resizable(False)
        self.connect("destroy", self.on_destroy)

        box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, spacing=0)
        banner = Gtk.Label(label="PAS Desktop 3.2 – Patientadministrativt System", xalign=0.0)
        banner.get_style_context().add_class("banner")
        box.pack_start(banner, False, False, 0)

        grid = Gtk.Grid(row_spacing=6, column_spacing=8, margin=12)
        self.user = Gtk.Entry(width_chars=24)
        self.password = Gtk.Entry(width_chars=24, visibility=False, invisible_char="•", activates_default=True)
        set_id(self.user, "username")
        set_id(self.password, "password")
        grid.attach(labelled("Brugernavn", self.user), 0, 0, 1, 1)
        grid.attach(self.user, 1, 0, 1, 1)
        grid.attach(labelled("Adgangskode", self.password), 0, 1, 1, 1)
        grid.attach(self.password, 1, 1, 1, 1)
        box.pack_start(grid, True, True, 0)

        buttons = Gtk.Box(orientation=Gtk.Orientation.HORIZONTAL, margin=8)
        login = Gtk.Button(label="Log ind", can_default=True)
        set_id(login, "login")
        login.connect("clicked", self.on_login)
        buttons.pack_end(login, False, False, 0)
        box.pack_start(buttons, False, False, 0)
        self.add(box)
        self.set_default(login)
        self.closed_by_login = False

    def on_login(self, _button):
        user, password = self.user.get_text(), self.password.get_text()
        if self.app.users.get(user) != password:
            self.password.set_text("")
            show_error(self, "Fejl", "Forkert brugernavn eller adgangskode", self.password.grab_focus)
            return
        self.closed_by_login = True
        self.app.open_main(user)
        self.destroy()

    def on_destroy(self, _window):
        if not self.closed_by_login:
            Gtk.main_quit()


class RegistrationDialog(Gtk.Dialog):
    def __init__(self, parent, app):
        super().__init__(title="Ny registrering", transient_for=parent, modal=True, destroy_with_parent=True)
        self.app = app
        self.set_default_size(460, 0)
        self.set_position(Gtk.WindowPosition.CENTER_ON_PARENT)

        grid = Gtk.Grid(row_spacing=6, column_spacing=8, margin=12)
        self.referral = Gtk.Entry(width_chars=28)
        self.cpr = Gtk.Entry(width_chars=28)
        self.name = Gtk.Entry(width_chars=28)
        self.department = Gtk.ComboBoxText()
        for department in DEPARTMENTS:
            self.department.append_text(department)
        self.priority = Gtk.ComboBoxText()
        for priority in PRIORITIES:
            self.priority.append_text(priority)
        self.priority.set_active(PRIORITIES.index("Normal"))
        self.received = Gtk.Entry(width_chars=12, placeholder_text="dd-mm-åååå")
        self.note = Gtk.Entry(width_chars=28)
        self.acute = Gtk.CheckButton(label="Akut")
        self.interpreter = Gtk.CheckButton(label="Tolk nødvendig")
        for widget, accessible_id in [(self.referral, "referral"), (self.cpr, "cpr"), (self.name, "name"),
                                      (self.department, "department"), (self.priority, "priority"),
                                      (self.received, "received"), (self.note, "note"), (self.acute, "acute"),
                                      (self.interpreter, "interpreter")]:
            set_id(widget, accessible_id)

        rows = [
            (labelled("Henvisnings-id", self.referral), self.referral),
            (labelled("CPR-nummer", self.cpr), self.cpr),
            (labelled("Navn", self.name), self.name),
            (labelled("Afdeling", self.department), self.department),
            (plain_label("Prioritet"), self.priority),
            (labelled("Modtaget", self.received), self.received),
            (plain_label("Bemærkning"), self.note),
        ]
        for row, (label, field) in enumerate(rows):
            grid.attach(label, 0, row, 1, 1)
            field.set_hexpand(True)
            grid.attach(field, 1, row, 1, 1)
        checks = Gtk.Box(orientation=Gtk.Orientation.HORIZONTAL, spacing=12)
        checks.pack_start(self.acute, False, False, 0)
        checks.pack_start(self.interpreter, False, False, 0)
        grid.attach(checks, 1, len(rows), 1, 1)
        self.get_content_area().pack_start(grid, True, True, 0)

        self.save_button = self.add_button("Gem", Gtk.ResponseType.OK)
        self.cancel_button = self.add_button("Annuller", Gtk.ResponseType.CANCEL)
        set_id(self.save_button, "save")
        set_id(self.cancel_button, "cancel")
        self.connect("response", self.on_response)
        self.saving = False
        self.show_all()

    def validate(self):
        """Returns (field widget, message) for the first invalid field, or (None, registration)."""
        referral, cpr, name = (w.get_text().strip() for w in (self.referral, self.cpr, self.name))
        received = self.received.get_text().strip()
        if not referral:
            return self.referral, 'Feltet "Henvisnings-id" skal udfyldes.'
        if not CPR_PATTERN.match(cpr):
            return self.cpr, 'Feltet "CPR-nummer" skal være 10 cifre (ddmmåå-xxxx).'
        if not name:
            return self.name, 'Feltet "Navn" skal udfyldes.'
        if self.department.get_active_text() is None:
            return self.department, 'Feltet "Afdeling" skal vælges.'
        if self.priority.get_active_text() is None:
            return self.priority, 'Feltet "Prioritet" skal vælges.'
        try:
            if not DATE_PATTERN.match(received):
                raise ValueError(received)
            date = datetime.datetime.strptime(received, "%d-%m-%Y").date()
        except ValueError:
            return self.received, 'Feltet "Modtaget" skal være en gyldig dato (dd-mm-åååå).'
        return None, {
            "referral_id": referral, "cpr": cpr, "name": name,
            "department": self.department.get_active_text(), "priority": self.priority.get_active_text(),
            "received": date.isoformat(), "note": self.note.get_text().strip(),
            "acute": self.acute.get_active(), "interpreter": self.interpreter.get_active(),
        }

    def on_response(self, _dialog, response):
        if self.saving:
            self.stop_emission_by_name("response")
            return
        if response != Gtk.ResponseType.OK:
            self.destroy()
            return
        field, result = self.validate()
        if field is not None:
            show_error(self, "Fejl", result, field.grab_focus)
            return
        journal_no = self.app.store.save(result)
        print("saved %s referral=%s" % (journal_no, result["referral_id"]), flush=True)
        if self.app.save_delay_ms > 0:
            # The row is committed; the app only acknowledges it later (a window for crash tests).
            self.saving = True
            self.save_button.set_sensitive(False)
            self.cancel_button.set_sensitive(False)
            GLib.timeout_add(self.app.save_delay_ms, self.finish, journal_no)
        else:
            self.finish(journal_no)

    def finish(self, journal_no):
        self.app.main.set_status("Registrering gemt: " + journal_no)
        self.destroy()
        return False


class MainWindow(Gtk.Window):
    def __init__(self, app, user):
        super().__init__(title=APP_TITLE + " – Patientadministration")
        self.app = app
        self.set_default_size(900, 600)
        self.connect("destroy", Gtk.main_quit)

        box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
        menubar = Gtk.MenuBar()
        for title, items in [("_Filer", [("_Afslut", lambda _i: self.destroy())]),
                             ("_Hjælp", [("_Om PAS Desktop", self.on_about)])]:
            menu = Gtk.Menu()
            for item_title, handler in items:
                item = Gtk.MenuItem.new_with_mnemonic(item_title)
                item.connect("activate", handler)
                menu.append(item)
            top = Gtk.MenuItem.new_with_mnemonic(title)
            top.set_submenu(menu)
            menubar.append(top)
        box.pack_start(menubar, False, False, 0)
        banner = Gtk.Label(label="Patientadministration – Henvisninger", xalign=0.0)
        banner.get_style_context().add_class("banner")
        box.pack_start(banner, False, False, 0)

        search_row = Gtk.Box(orientation=Gtk.Orientation.HORIZONTAL, spacing=8, margin=8)
        self.search = Gtk.Entry(width_chars=30)
        set_id(self.search, "search")
        self.search.connect("activate", self.on_search)
        search_button = Gtk.Button(label="Søg")
        set_id(search_button, "search-button")
        search_button.connect("clicked", self.on_search)
        search_row.pack_start(labelled("Søg henvisning", self.search), False, False, 0)
        search_row.pack_start(self.search, False, False, 0)
        search_row.pack_start(search_button, False, False, 0)
        new_button = Gtk.Button(label="Ny registrering")
        set_id(new_button, "new-registration")
        new_button.connect("clicked", self.on_new)
        search_row.pack_end(new_button, False, False, 0)
        box.pack_start(search_row, False, False, 0)

        self.results = Gtk.ListStore(str, str, str, str)
        view = Gtk.TreeView(model=self.results)
        view.get_accessible().set_name("Resultater")
        set_id(view, "results")
        for index, title in enumerate(["Henvisnings-id", "CPR-nummer", "Navn", "Journalnummer"]):
            column = Gtk.TreeViewColumn(title, Gtk.CellRendererText(), text=index)
            column.set_resizable(True)
            column.set_min_width(150)
            view.append_column(column)
        scroller = Gtk.ScrolledWindow(margin_start=8, margin_end=8)
        scroller.set_shadow_type(Gtk.ShadowType.IN)
        scroller.add(view)
        box.pack_start(scroller, True, True, 0)

        self.status = Gtk.Label(label="Logget ind som " + user, xalign=0.0)
        self.status.get_style_context().add_class("status")
        self.status.get_accessible().set_name("Status")
        set_id(self.status, "status")
        box.pack_start(self.status, False, False, 0)
        self.add(box)

    def set_status(self, text):
        self.status.set_text(text)

    def on_search(self, _widget):
        rows = self.app.store.search(self.search.get_text().strip())
        self.results.clear()
        for row in rows:
            self.results.append(list(row))
        self.set_status("%d registrering(er) fundet" % len(rows) if rows else "Ingen registreringer fundet")

    def on_new(self, _button):
        RegistrationDialog(self, self.app).present()

    def on_about(self, _item):
        dialog = Gtk.MessageDialog(transient_for=self, modal=True, message_type=Gtk.MessageType.INFO,
                                   buttons=Gtk.ButtonsType.NONE, text="PAS Desktop 3.2")
        dialog.set_title("Om PAS Desktop")
        dialog.get_accessible().set_name("Om PAS Desktop")
        dialog.add_button("Luk", Gtk.ResponseType.CLOSE)
        dialog.connect("response", lambda box, _response: box.destroy())
        dialog.show_all()


class App:
    def __init__(self, options):
        self.store = Store(options.data)
        self.users = dict(options.user or [("robot", "robot-password")])
        self.save_delay_ms = options.save_delay_ms
        self.main = None

    def open_main(self, user):
        self.main = MainWindow(self, user)
        self.main.show_all()
        self.main.present()


def drop_popup_warning(domain, level, message, _data):
    if "gdk_window_get_window_type" not in message:
        GLib.log_default_handler(domain, level, message)


def user_argument(text):
    name, separator, password = text.partition(":")
    if not separator or not name:
        raise argparse.ArgumentTypeError("--user must be NAME:PASSWORD, got %r" % text)
    return name, password


def main(argv):
    parser = argparse.ArgumentParser(description="PAS Desktop, a legacy patient-administration client (GTK 3).")
    parser.add_argument("--data", required=True, help="folder for pas.db (created if missing)")
    parser.add_argument("--user", action="append", type=user_argument, metavar="NAME:PASSWORD",
                        help="a user who may log in (repeatable; default robot:robot-password)")
    parser.add_argument("--save-delay-ms", type=int, default=0,
                        help="after the save commits, wait this long before closing the dialog (crash tests)")
    options = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        print("legacy_pas: DISPLAY is not set; start it inside a session: eval \"$(tools/desktop-session.sh start)\"",
              file=sys.stderr)
        return 1
    # Choosing a combo box item through the accessibility bus (menu item DoAction) without opening the popup makes
    # GTK 3 log a harmless Gdk-CRITICAL each time; keep the app's output to what matters.
    GLib.log_set_handler("Gdk", GLib.LogLevelFlags.LEVEL_CRITICAL, drop_popup_warning, None)
    provider = Gtk.CssProvider()
    provider.load_from_data(CSS)
    app = App(options)
    Gtk.StyleContext.add_provider_for_screen(Gdk.Screen.get_default(), provider, Gtk.STYLE_PROVIDER_PRIORITY_APPLICATION)
    login = LoginWindow(app)
    login.show_all()
    login.present()
    Gtk.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
