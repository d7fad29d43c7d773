"""Plain HTTP to a real Nextcloud, for setting up a test's state and checking the server's state
afterwards, independently of Passerelle: provisioning (members, groups, quotas), app passwords,
WebDAV files, CalDAV calendars and CardDAV address books, sharing, Login Flow v2 in the
server's own web pages.

Nothing here knows Passerelle; the tests compare what the CLI says with what these calls see.
"""

from __future__ import annotations

import hashlib
import http.cookiejar
import html
import random
import re
import secrets
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlparse

import requests

OCS = {"OCS-APIRequest": "true", "Accept": "application/json"}
NS = {
    "d": "DAV:",
    "oc": "http://owncloud.org/ns",
    "nc": "http://nextcloud.org/ns",
    "cal": "urn:ietf:params:xml:ns:caldav",
    "card": "urn:ietf:params:xml:ns:carddav",
    "cs": "http://calendarserver.org/ns/",
    "x1": "http://apple.com/ns/ical/",
}
TIMEOUT = 60


class ServerError(AssertionError):
    """The server refused a set-up or check request (shown in the test's failure line)."""


def _check(r: requests.Response, what: str, ok=(200, 201, 204, 207)) -> requests.Response:
    if r.status_code not in ok:
        raise ServerError(f"{what}: HTTP {r.status_code} {r.text[:300]!r}")
    return r


def _retrying(send, attempts: int = 6) -> requests.Response:
    """Sends a set-up or check request again when the server had a passing problem (5xx, e.g.
    a database lock wait on a busy server): the suite tests Passerelle, not the server's load."""
    for attempt in range(attempts):
        r = send()
        if r.status_code < 500 or attempt == attempts - 1:
            return r
        time.sleep(1 + attempt)  # back-off before a retry, not synchronisation
    return r


def seg(name: str) -> str:
    """One path segment, percent-encoded (`#`, `%`, `?`, spaces, accents…)."""
    return quote(name, safe="")


def dav_path(path: str) -> str:
    """`/a b/c#d` → `/a%20b/c%23d` (each segment encoded, slashes kept)."""
    return "/".join(seg(p) for p in path.split("/"))


@dataclass
class Member:
    """A throwaway member of the test space."""

    user_id: str
    password: str
    display_name: str
    app_password: str | None = None
    server: "Server | None" = field(default=None, repr=False)

    @property
    def auth(self) -> tuple[str, str]:
        assert self.app_password, f"{self.user_id} has no app password (created without signing in)"
        return (self.user_id, self.app_password)

    def dav(self) -> "Dav":
        return Dav(self.server, self.user_id, self.auth)


class Server:
    """A Nextcloud reached with an administrator's app password."""

    def __init__(self, url: str, admin_user: str, admin_app_password: str):
        self.url = url.rstrip("/")
        self.admin = (admin_user, admin_app_password)
        self.http = requests.Session()
        # No cookies: a session cookie would make later requests act as whoever signed in first.
        self.http.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        self.http.headers["User-Agent"] = "passerelle-real-nextcloud-tests"
        self._status = None
        self._caps = None

    # --- server facts -------------------------------------------------------------------
    def status(self) -> dict:
        if self._status is None:
            self._status = _check(self.http.get(f"{self.url}/status.php", timeout=TIMEOUT), "status.php").json()
        return self._status

    @property
    def version(self) -> str:
        return self.status()["versionstring"]

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    def capabilities(self) -> dict:
        if self._caps is None:
            self._caps = self.ocs("GET", "/ocs/v2.php/cloud/capabilities")["capabilities"]
        return self._caps

    def enabled_apps(self) -> set[str]:
        return set(self.ocs("GET", "/ocs/v2.php/cloud/apps", params={"filter": "enabled"})["apps"])

    # --- OCS ----------------------------------------------------------------------------
    def ocs_raw(self, method: str, path: str, auth=None, **kw) -> requests.Response:
        params = {"format": "json", **kw.pop("params", {})}
        return _retrying(lambda: self.http.request(method, self.url + path, auth=auth or self.admin,
                                                   headers=OCS, params=params, timeout=TIMEOUT, **kw))

    def ocs(self, method: str, path: str, auth=None, **kw):
        r = self.ocs_raw(method, path, auth=auth, **kw)
        try:
            meta = r.json()["ocs"]["meta"]
        except ValueError:
            raise ServerError(f"{method} {path}: HTTP {r.status_code}, not OCS: {r.text[:200]!r}")
        if r.status_code >= 400 or meta["statuscode"] not in (100, 200):
            raise ServerError(f"{method} {path}: HTTP {r.status_code} OCS {meta['statuscode']} {meta.get('message')!r}")
        return r.json()["ocs"]["data"]

    # --- members and groups (provisioning API, as the admin) -----------------------------
    def create_user(self, user_id: str, display_name: str, password: str | None = None,
                    groups: tuple[str, ...] = (), quota: str | None = None) -> Member:
        password = password or strong_password()
        data = {"userid": user_id, "password": password, "displayName": display_name}
        if groups:
            data["groups[]"] = list(groups)
        for attempt in range(6):
            try:
                self.ocs("POST", "/ocs/v2.php/cloud/users", data=data)
                break
            except ServerError as e:
                # OCS 101 "Bad request" is how Nextcloud reports an exception while creating
                # (e.g. a database lock on a busy server): remove what may exist and try again.
                if "OCS 101" not in str(e) or attempt == 5:
                    raise
                self.delete_user(user_id)
                time.sleep(1 + attempt)  # back-off before a retry, not synchronisation
        if quota is not None:
            self.set_quota(user_id, quota)
        return Member(user_id, password, display_name, server=self)

    def user(self, user_id: str) -> dict | None:
        r = self.ocs_raw("GET", f"/ocs/v2.php/cloud/users/{seg(user_id)}")
        if r.status_code == 404 or r.json()["ocs"]["meta"]["statuscode"] in (404, 998):
            return None
        return self.ocs("GET", f"/ocs/v2.php/cloud/users/{seg(user_id)}")

    def delete_user(self, user_id: str) -> bool:
        r = self.ocs_raw("DELETE", f"/ocs/v2.php/cloud/users/{seg(user_id)}")
        return r.status_code == 200 and r.json()["ocs"]["meta"]["statuscode"] in (100, 200)

    def disable_user(self, user_id: str) -> None:
        self.ocs("PUT", f"/ocs/v2.php/cloud/users/{seg(user_id)}/disable")

    def set_quota(self, user_id: str, quota: str) -> None:
        self.ocs("PUT", f"/ocs/v2.php/cloud/users/{seg(user_id)}", data={"key": "quota", "value": quota})

    def search_users(self, prefix: str) -> list[str]:
        ids = self.ocs("GET", "/ocs/v2.php/cloud/users", params={"search": prefix, "limit": 500})["users"]
        return [u for u in ids if u.startswith(prefix)]

    def create_group(self, group_id: str) -> None:
        self.ocs("POST", "/ocs/v2.php/cloud/groups", data={"groupid": group_id})

    def delete_group(self, group_id: str) -> None:
        self.ocs_raw("DELETE", f"/ocs/v2.php/cloud/groups/{seg(group_id)}")

    def search_groups(self, prefix: str) -> list[str]:
        ids = self.ocs("GET", "/ocs/v2.php/cloud/groups", params={"search": prefix, "limit": 500})["groups"]
        return [g for g in ids if g.startswith(prefix)]

    def make_subadmin(self, user_id: str, group_id: str) -> None:
        self.ocs("POST", f"/ocs/v2.php/cloud/users/{seg(user_id)}/subadmins", data={"groupid": group_id})

    def app_config(self, app: str, key: str) -> str:
        return self.ocs("GET", f"/ocs/v2.php/apps/provisioning_api/api/v1/config/apps/{app}/{key}")["data"]

    def set_app_config(self, app: str, key: str, value: str | None) -> None:
        path = f"/ocs/v2.php/apps/provisioning_api/api/v1/config/apps/{app}/{key}"
        if value is None:
            self.ocs("DELETE", path)
        else:
            self.ocs("POST", path, data={"value": value})

    # --- signing in ---------------------------------------------------------------------
    def app_password(self, login: str, password: str) -> str:
        """An app password from the login password (this is the member's first sign-in)."""
        return self.ocs("GET", "/ocs/v2.php/core/getapppassword", auth=(login, password))["apppassword"]

    def sign_in_status(self, login: str, secret: str) -> int:
        """HTTP status of an authenticated request with this login and secret."""
        return self.ocs_raw("GET", "/ocs/v2.php/cloud/user", auth=(login, secret)).status_code

    def login_flow_approve(self, login_url: str, login: str, password: str) -> None:
        """Approves a Login Flow v2 as a person would in a browser: opens the login URL, signs in
        with the server's own login form, then presses “Grant access”."""
        web = requests.Session()
        web.headers.update({"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) passerelle-tests",
                            "Accept": "text/html,application/xhtml+xml"})
        page = _check(_retrying(lambda: web.get(login_url, timeout=TIMEOUT)), "login flow landing page")
        picker = re.search(r'<form[^>]*id="login-form"[^>]*action="([^"]+)"', page.text)
        assert picker, f"no “Log in” form on the login flow page {page.url}"
        page = _check(_retrying(lambda: web.get(html.unescape(picker.group(1)), timeout=TIMEOUT)),
                      "login flow: log in")
        if "/login/v2/grant" not in urlparse(page.url).path:
            token = re.search(r'data-requesttoken="([^"]+)"', page.text)
            assert token, f"no request token on the login page {page.url}"
            redirect = re.search(r"redirect_url=([^&]+)", page.url)
            # A browser sends Origin with a form POST; Nextcloud 32 refuses a login without it.
            form_data = {"user": login, "password": password, "requesttoken": token.group(1),
                         "redirect_url": unquote(redirect.group(1)) if redirect else "",
                         "timezone": "UTC", "timezone_offset": "0"}
            page = _check(_retrying(lambda: web.post(f"{self.url}/index.php/login", timeout=TIMEOUT,
                                                     headers={"Origin": self.url}, data=form_data)), "login form")
        form = re.search(r'<form[^>]*method="POST"[^>]*action="([^"]*login/v2/grant[^"]*)"[^>]*>(.*?)</form>',
                         page.text, re.S | re.I)
        assert form, f"no “Grant access” form after signing in (at {page.url}): wrong password?"
        fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form.group(2)))
        done = _check(_retrying(lambda: web.post(html.unescape(form.group(1)), data=fields, timeout=TIMEOUT,
                                                 headers={"Origin": self.url})), "grant access")
        assert "grant" in done.url, f"unexpected page after granting access: {done.url}"


def strong_password() -> str:
    return "Pt-" + secrets.token_urlsafe(18) + "-9a"


# --- WebDAV, CalDAV, CardDAV as one member -----------------------------------------------------

@dataclass
class Entry:
    path: str  # relative to the files root, starts with /
    is_dir: bool
    size: int
    etag: str
    fileid: str | None
    locked: bool = False


class Dav:
    def __init__(self, server: Server, user_id: str, auth: tuple[str, str]):
        self.server, self.user, self.auth = server, user_id, auth
        self.http = requests.Session()
        self.http.auth = auth
        self.http.headers["User-Agent"] = "passerelle-real-nextcloud-tests"
        self.files_root = f"{server.url}/remote.php/dav/files/{seg(user_id)}"
        self.cal_home = f"{server.url}/remote.php/dav/calendars/{seg(user_id)}"
        self.card_home = f"{server.url}/remote.php/dav/addressbooks/users/{seg(user_id)}"

    def req(self, method, url, what, ok=(200, 201, 204, 207), **kw):
        timeout = kw.pop("timeout", TIMEOUT)
        if isinstance(kw.get("data"), PatternFile):  # a stream is sent once
            return _check(self.http.request(method, url, timeout=timeout, **kw), what, ok)
        return _check(_retrying(lambda: self.http.request(method, url, timeout=timeout, **kw)), what, ok)

    # files
    def url(self, path: str) -> str:
        return self.files_root + dav_path(path)

    def mkcol(self, path: str) -> None:
        self.req("MKCOL", self.url(path), f"MKCOL {path}", ok=(201, 405))

    def makedirs(self, path: str) -> None:
        parts = [p for p in path.split("/") if p]
        for i in range(1, len(parts) + 1):
            self.mkcol("/" + "/".join(parts[:i]))

    def put(self, path: str, data, headers=None) -> None:
        self.req("PUT", self.url(path), f"PUT {path}", ok=(201, 204), data=data, headers=headers or {},
                 timeout=1800)

    def get_sha1(self, path: str) -> tuple[str, int]:
        h, n = hashlib.sha1(), 0
        with self.http.get(self.url(path), stream=True, timeout=1800) as r:
            _check(r, f"GET {path}")
            for chunk in r.iter_content(1 << 20):
                h.update(chunk)
                n += len(chunk)
        return h.hexdigest(), n

    def move(self, src: str, dst: str) -> None:
        self.req("MOVE", self.url(src), f"MOVE {src}", ok=(201, 204),
                 headers={"Destination": self.url(dst), "Overwrite": "F"})

    def delete(self, path: str) -> None:
        self.req("DELETE", self.url(path), f"DELETE {path}", ok=(204, 404))

    def exists(self, path: str) -> bool:
        r = self.http.request("PROPFIND", self.url(path), headers={"Depth": "0"}, timeout=TIMEOUT)
        return r.status_code == 207

    def list(self, path: str) -> list[Entry]:
        body = ('<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" '
                'xmlns:nc="http://nextcloud.org/ns"><d:prop><d:resourcetype/><d:getcontentlength/>'
                '<d:getetag/><oc:fileid/><oc:size/><nc:lock/></d:prop></d:propfind>')
        r = self.req("PROPFIND", self.url(path), f"PROPFIND {path}", ok=(207,),
                     headers={"Depth": "1", "Content-Type": "application/xml"}, data=body.encode())
        root_path = urlparse(self.files_root).path
        out = []
        for resp in ET.fromstring(r.content).findall("d:response", NS):
            href = unquote(resp.findtext("d:href", namespaces=NS))
            rel = href[len(root_path):].rstrip("/") or "/"
            if rel.rstrip("/") == path.rstrip("/") or (rel == "/" and path in ("", "/")):
                continue
            prop = resp.find("d:propstat/d:prop", NS)
            is_dir = prop.find("d:resourcetype/d:collection", NS) is not None
            size = prop.findtext("d:getcontentlength", namespaces=NS) or prop.findtext("oc:size", namespaces=NS) or "0"
            out.append(Entry(rel, is_dir, int(size), prop.findtext("d:getetag", default="", namespaces=NS),
                             prop.findtext("oc:fileid", namespaces=NS),
                             (prop.findtext("nc:lock", namespaces=NS) or "").strip() == "1"))
        return out

    def walk(self, path: str) -> dict[str, Entry]:
        """Every file and folder below `path`, by path relative to it (`/a/b.txt`)."""
        out, todo = {}, [path.rstrip("/")]
        while todo:
            cur = todo.pop()
            for e in self.list(cur or "/"):
                out[e.path[len(path.rstrip("/")):]] = e
                if e.is_dir:
                    todo.append(e.path)
        return out

    def lock(self, path: str) -> int:
        """WebDAV LOCK (as another client would); returns the HTTP status."""
        body = ('<?xml version="1.0"?><d:lockinfo xmlns:d="DAV:"><d:lockscope><d:exclusive/></d:lockscope>'
                '<d:locktype><d:write/></d:locktype><d:owner>passerelle-tests</d:owner></d:lockinfo>')
        r = self.http.request("LOCK", self.url(path), data=body.encode(), timeout=TIMEOUT,
                              headers={"Content-Type": "application/xml", "Timeout": "Second-3600"})
        return r.status_code

    # calendars
    def make_calendar(self, uri: str, name: str, color: str = "#0082c9") -> None:
        body = ('<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" '
                f'xmlns:x1="http://apple.com/ns/ical/"><d:set><d:prop><d:displayname>{html.escape(name)}</d:displayname>'
                f'<x1:calendar-color>{color}</x1:calendar-color><c:supported-calendar-component-set>'
                '<c:comp name="VEVENT"/><c:comp name="VTODO"/></c:supported-calendar-component-set>'
                '</d:prop></d:set></c:mkcalendar>')
        self.req("MKCALENDAR", f"{self.cal_home}/{seg(uri)}/", f"MKCALENDAR {uri}", ok=(201,),
                 data=body.encode(), headers={"Content-Type": "application/xml"})

    def put_event(self, cal: str, uid: str | None = None, summary: str = "Réunion", days_ahead: int = 3,
                  attendee: str | None = None) -> str:
        uid = uid or f"{uuid.uuid4()}@passerelle-tests"
        start = time.gmtime(time.time() + days_ahead * 86400)
        day = time.strftime("%Y%m%d", start)
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Passerelle tests//EN", "BEGIN:VEVENT",
                 f"UID:{uid}", f"DTSTAMP:{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}",
                 f"DTSTART:{day}T100000Z", f"DTEND:{day}T110000Z", f"SUMMARY:{summary}"]
        if attendee:
            lines += [f"ORGANIZER;CN=Orga:mailto:orga-{uid[:8]}@example.org",
                      f"ATTENDEE;CN=Invitée;PARTSTAT=NEEDS-ACTION;SCHEDULE-AGENT=CLIENT:mailto:{attendee}"]
        lines += ["END:VEVENT", "END:VCALENDAR", ""]
        self.req("PUT", f"{self.cal_home}/{seg(cal)}/{seg(uid)}.ics", f"PUT event {uid}", ok=(201, 204),
                 data="\r\n".join(lines).encode(), headers={"Content-Type": "text/calendar; charset=utf-8"})
        return uid

    def calendars(self) -> list[dict]:
        """The calendars in the member's home: uri, display name, owner principal, components."""
        body = ('<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" '
                'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:displayname/><d:resourcetype/>'
                '<oc:owner-principal/><c:supported-calendar-component-set/></d:prop></d:propfind>')
        r = self.req("PROPFIND", self.cal_home + "/", "PROPFIND calendars", ok=(207,),
                     headers={"Depth": "1", "Content-Type": "application/xml"}, data=body.encode())
        out = []
        for resp in ET.fromstring(r.content).findall("d:response", NS):
            prop = resp.find("d:propstat/d:prop", NS)
            if prop is None or prop.find("d:resourcetype/cal:calendar", NS) is None:
                continue
            href = unquote(resp.findtext("d:href", namespaces=NS)).rstrip("/")
            out.append({"uri": href.rsplit("/", 1)[1], "name": prop.findtext("d:displayname", namespaces=NS),
                        "owner": prop.findtext("oc:owner-principal", namespaces=NS)})
        return out

    def calendar_uids(self, cal: str) -> set[str]:
        body = ('<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">'
                '<d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter>'
                '</c:calendar-query>')
        return self._uids(f"{self.cal_home}/{seg(cal)}/", body, "cal:calendar-data")

    def share_calendar(self, cal: str, with_user: str) -> None:
        self._share(f"{self.cal_home}/{seg(cal)}/", with_user)

    # address books
    def make_addressbook(self, uri: str, name: str) -> None:
        body = ('<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">'
                '<d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>'
                f'<d:displayname>{html.escape(name)}</d:displayname></d:prop></d:set></d:mkcol>')
        self.req("MKCOL", f"{self.card_home}/{seg(uri)}/", f"MKCOL address book {uri}", ok=(201,),
                 data=body.encode(), headers={"Content-Type": "application/xml"})

    def put_card(self, book: str, full_name: str, uid: str | None = None, bday: str | None = None) -> str:
        uid = uid or f"{uuid.uuid4()}"
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}", f"FN:{full_name}",
                 f"N:{full_name.split()[-1]};{full_name.split()[0]};;;", "EMAIL;TYPE=HOME:x@example.org"]
        if bday:
            lines.append(f"BDAY:{bday}")
        lines += ["END:VCARD", ""]
        self.req("PUT", f"{self.card_home}/{seg(book)}/{seg(uid)}.vcf", f"PUT contact {uid}", ok=(201, 204),
                 data="\r\n".join(lines).encode(), headers={"Content-Type": "text/vcard; charset=utf-8"})
        return uid

    def addressbooks(self) -> list[dict]:
        body = ('<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">'
                '<d:prop><d:displayname/><d:resourcetype/></d:prop></d:propfind>')
        r = self.req("PROPFIND", self.card_home + "/", "PROPFIND address books", ok=(207,),
                     headers={"Depth": "1", "Content-Type": "application/xml"}, data=body.encode())
        out = []
        for resp in ET.fromstring(r.content).findall("d:response", NS):
            prop = resp.find("d:propstat/d:prop", NS)
            if prop is None or prop.find("d:resourcetype/card:addressbook", NS) is None:
                continue
            href = unquote(resp.findtext("d:href", namespaces=NS)).rstrip("/")
            out.append({"uri": href.rsplit("/", 1)[1], "name": prop.findtext("d:displayname", namespaces=NS)})
        return out

    def card_uids(self, book: str) -> set[str]:
        body = ('<?xml version="1.0"?><card:addressbook-query xmlns:d="DAV:" '
                'xmlns:card="urn:ietf:params:xml:ns:carddav"><d:prop><card:address-data/></d:prop>'
                '</card:addressbook-query>')
        return self._uids(f"{self.card_home}/{seg(book)}/", body, "card:address-data")

    def share_addressbook(self, book: str, with_user: str) -> None:
        self._share(f"{self.card_home}/{seg(book)}/", with_user)

    def _share(self, url: str, with_user: str) -> None:
        body = ('<?xml version="1.0"?><o:share xmlns:d="DAV:" xmlns:o="http://owncloud.org/ns"><o:set>'
                f'<d:href>principal:principals/users/{html.escape(with_user)}</d:href><o:read-write/>'
                '</o:set></o:share>')
        self.req("POST", url, f"share {url} with {with_user}", ok=(200, 204),
                 data=body.encode(), headers={"Content-Type": "application/xml"})

    def _uids(self, url: str, body: str, data_prop: str) -> set[str]:
        r = self.req("REPORT", url, f"REPORT {url}", ok=(207,), data=body.encode(),
                     headers={"Depth": "1", "Content-Type": "application/xml"})
        uids = set()
        for resp in ET.fromstring(r.content).findall("d:response", NS):
            data = resp.findtext(f"d:propstat/d:prop/{data_prop}", namespaces=NS) or ""
            m = re.search(r"^UID:(.+?)\r?$", data, re.M)
            if m:
                uids.add(m.group(1).strip())
        return uids

    # sharing (OCS)
    def share_link(self, path: str, password: str | None = None, expire: str | None = None) -> None:
        data = {"path": path, "shareType": 3}
        if password:
            data["password"] = password
        if expire:
            data["expireDate"] = expire
        self.server.ocs("POST", "/ocs/v2.php/apps/files_sharing/api/v1/shares", auth=self.auth, data=data)


class PatternFile:
    """A file body of `size` pseudo-random bytes (seeded), streamed with a Content-Length and
    never held in memory whole; `sha1` is known once it was read (or from `digest()`)."""

    CHUNK = 1 << 20

    def __init__(self, size: int, seed: int):
        self.size, self.seed = size, seed

    def __len__(self):
        return self.size

    def __iter__(self):
        rnd, left = random.Random(self.seed), self.size
        while left > 0:
            n = min(self.CHUNK, left)
            yield rnd.randbytes(n)
            left -= n

    def digest(self) -> str:
        h = hashlib.sha1()
        for chunk in self:
            h.update(chunk)
        return h.hexdigest()
