"""Read lianluo's open data back with standard parsers nobody here wrote, and check that the
values agree with the pages of the same build.

- data/popolo.json: every person, organization, area, post and membership validates with
  `jsonschema` (Draft3Validator) against the Popolo schemas in tests/data/popolo-schemas/,
  whose `$ref`s (http://www.popoloproject.com/schemas/<name>.json#) are mapped to the local
  files with a `referencing` registry; every *_id refers to an item of the file.
- data/{deputies,stations,areas,activities}.csv: Python's `csv`, UTF-8 with BOM, CRLF,
  fixed header, one row per page, names and dates as on the pages.
- deputies/<id>/contact.vcf: `vobject`; 75-octet lines with CRLF; name, congress, channels.
- feed.xml and every per-deputy / per-station / per-township feed: `feedparser` with
  `bozo == 0`, entry counts and `updated` from the activities.
- JSON-LD of the home, deputy, station and activity pages: JSON with the expected @types.
- data/index.html: every download with its size in bytes and its last-change date.

Usage: python3 tests/opendata_check.py OUTPUT_FOLDER
Prints `ok …` lines and exits 0, or prints the problems and exits 1.
Run by tests/opendata.rs; needs `pip install jsonschema vobject feedparser`.
"""

import csv
import datetime
import html.parser
import json
import pathlib
import sys

import feedparser
import jsonschema
import referencing
import referencing.jsonschema
import vobject

SCHEMAS = pathlib.Path(__file__).resolve().parent / "data" / "popolo-schemas"
COLUMNS = {
    "deputies": "id,name,name_native,level,role,congress,term,status,ended,ended_reason,seat_kind,seat,"
    "seat_name,covers,gender,ethnicity,occupation,group,stations,phone,mobile,fax,email,"
    "wechat,website,mailbox,other,url",
    "stations": "id,name,kind,area,area_name,serves,address,lat,lon,phone,accessibility,"
    "deputies,url,calendar",
    "areas": "id,name,kind,code,pinyin,parent,parent_name,ancestors,constituencies,stations,url",
    "activities": "id,date,kind,title,deputies,deputy_names,station,station_name,area,"
    "area_name,received,url",
}
PROBLEMS = []


def fail(msg):
    PROBLEMS.append(msg)


def ok(before, msg):
    """Print `ok msg` when no problem was found since `before` problems."""
    if len(PROBLEMS) == before:
        print(f"ok {msg}")


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


class Page(html.parser.HTMLParser):
    """The parts of a page the checks compare: h1, JSON-LD, alternate links, notices."""

    def __init__(self, path):
        super().__init__()
        self.h1, self.jsonld, self.alternates, self.hrefs = "", [], [], []
        self.notice, self.notice_text, self.times, self.rows = False, "", [], []
        self._in, self._buf = None, []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h1" or (tag == "script" and a.get("type") == "application/ld+json"):
            self._in, self._buf = tag, []
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates.append((a.get("type"), a.get("href")))
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "p" and "notice" in (a.get("class") or "").split():
            self.notice = True
            self._in, self._buf = "p", []
        if tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        if tag == "tr" and a.get("data-path"):
            self.rows.append({"path": a["data-path"]})
        if tag == "data" and self.rows:
            self.rows[-1]["bytes"] = int(a.get("value", "-1"))
        if tag == "time" and self.rows and "updated" not in self.rows[-1]:
            self.rows[-1]["updated"] = a.get("datetime")

    def handle_data(self, data):
        if self._in:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == self._in:
            text = "".join(self._buf)
            if tag == "h1" and not self.h1:
                self.h1 = text.strip()
            elif tag == "script":
                self.jsonld.append(json.loads(text))
            elif tag == "p":
                self.notice_text = text
            self._in = None


def pages(out, section):
    """{id: parsed page} of every `<section>/<id>/index.html` (not the paginated lists)."""
    found = {}
    for p in sorted((out / section).glob("*/index.html")):
        if p.parent.name != "page":
            found[p.parent.name] = Page(p)
    return found


def read_csv(out, name):
    raw = (out / "data" / f"{name}.csv").read_bytes()
    check(raw.startswith(b"\xef\xbb\xbf"), f"{name}.csv: no byte order mark")
    check(raw.count(b"\n") == raw.count(b"\r\n"), f"{name}.csv: a line does not end in CRLF")
    reader = csv.reader(raw.decode("utf-8-sig").splitlines())
    rows = list(reader)
    check(",".join(rows[0]) == COLUMNS[name], f"{name}.csv: header {rows[0]}")
    records = [dict(zip(rows[0], r)) for r in rows[1:]]
    for r in rows[1:]:
        check(len(r) == len(rows[0]), f"{name}.csv: row {r[:1]} has {len(r)} cells")
    ids = [r["id"] for r in records]
    check(len(ids) == len(set(ids)), f"{name}.csv: an id is on two rows")
    return records


def registry():
    resources = []
    for f in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(f.read_text(encoding="utf-8"))
        res = referencing.Resource.from_contents(
            schema, default_specification=referencing.jsonschema.DRAFT3
        )
        resources.append((schema["id"], res))
        resources.append((schema["id"].rstrip("#"), res))
    return referencing.Registry().with_resources(resources)


def check_popolo(out, site):
    before = len(PROBLEMS)
    doc = json.loads((out / "data" / "popolo.json").read_text(encoding="utf-8"))
    reg = registry()
    kinds = {"persons": "person", "organizations": "organization", "areas": "area",
             "posts": "post", "memberships": "membership"}
    n = 0
    for key, name in kinds.items():
        schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
        v = jsonschema.Draft3Validator(
            schema, registry=reg, format_checker=jsonschema.Draft3Validator.FORMAT_CHECKER
        )
        for item in doc[key]:
            for e in v.iter_errors(item):
                fail(f"popolo {key} {item.get('id')}: {e.message} at {list(e.absolute_path)}")
            n += 1
    ids = {i["id"] for key in kinds for i in doc[key]}
    check(len(ids) == n, "popolo: an id is used twice")
    for key in kinds:
        for item in doc[key]:
            for ref in ("person_id", "organization_id", "post_id", "area_id", "parent_id",
                        "on_behalf_of_id"):
                if item.get(ref) is not None:
                    check(item[ref] in ids, f"popolo {item['id']}: {ref} {item[ref]} not found")
            for c in item.get("covers", []):
                check(c in ids, f"popolo {item['id']}: covers {c} not found")
    orgs = doc["organizations"]
    count = lambda prefix, items: sum(1 for i in items if i["id"].startswith(prefix))
    check(len(doc["persons"]) == len(site["deputies"]), "popolo: persons != deputy pages")
    check(count("stations/", orgs) == len(site["stations"]), "popolo: stations != pages")
    check(count("handlers/", orgs) == len(site["handlers"]), "popolo: handlers != pages")
    check(count("units/", orgs) == len(site["units"]), "popolo: units != pages")
    check(count("areas/", doc["areas"]) == len(site["areas"]), "popolo: areas != pages")
    congresses = [o for o in orgs if o["classification"] == "legislature"]
    check(congresses, "popolo: no congress")
    seats = {}
    for mem in doc["memberships"]:
        if mem["organization_id"].startswith("congresses/"):
            check(mem["person_id"] not in seats, f"popolo: {mem['person_id']} sits twice")
            seats[mem["person_id"]] = mem
    for p in doc["persons"]:
        dep = p["id"].split("/", 1)[1]
        page = site["deputies"].get(dep)
        if not check(page is not None, f"popolo: {p['id']} has no page"):
            continue
        check(p["name"] == page.h1, f"popolo: {p['id']} is named {p['name']}, page {page.h1}")
        mem = seats.get(p["id"])
        if check(mem is not None, f"popolo: {p['id']} has no seat") and mem.get("end_date"):
            # The page shows the end date in the notice that the deputy no longer serves.
            y, m, d = (int(x) for x in mem["end_date"].split("-"))
            check(page.notice and f"{y}年{m}月{d}日" in page.notice_text,
                  f"popolo: {p['id']} ended {mem['end_date']}, the page does not say so")
    ok(before, f"popolo: {len(doc['persons'])} persons, {len(orgs)} organizations "
       f"({len(congresses)} congresses), {len(doc['areas'])} areas, {len(doc['posts'])} "
       f"posts, {len(doc['memberships'])} memberships valid")
    return doc, seats


def check_csvs(out, site):
    before = len(PROBLEMS)
    data = {name: read_csv(out, name) for name in COLUMNS}
    for name, section in (("deputies", "deputies"), ("stations", "stations"),
                          ("areas", "areas"), ("activities", "activities")):
        rows = data[name]
        check(len(rows) == len(site[section]), f"{name}.csv: {len(rows)} rows, "
              f"{len(site[section])} pages")
        for r in rows:
            page = site[section].get(r["id"])
            if not check(page is not None, f"{name}.csv: {r['id']} has no page"):
                continue
            title = r["title"] if name == "activities" else r["name"]
            check(title == page.h1, f"{name}.csv: {r['id']} is {title}, page says {page.h1}")
            if name == "activities":
                check(r["date"] in page.times, f"activities.csv: {r['id']} date {r['date']}")
            if name == "deputies":
                check((r["status"] == "ended") == page.notice, f"deputies.csv: {r['id']} status")
    ok(before, "csv: " + ", ".join(f"{len(v)} {k}" for k, v in data.items()))
    return data


def check_vcards(out, site, doc, seats):
    before = len(PROBLEMS)
    persons = {p["id"].split("/", 1)[1]: p for p in doc["persons"]}
    orgs = {o["id"]: o["name"] for o in doc["organizations"]}
    n = 0
    for dep, page in site["deputies"].items():
        path = out / "deputies" / dep / "contact.vcf"
        linked = "contact.vcf" in page.hrefs
        check(linked == path.exists(), f"{dep}: contact.vcf link {linked}, file {path.exists()}")
        check(path.exists() == (not page.notice), f"{dep}: a card only while serving")
        if not path.exists():
            continue
        raw = path.read_bytes()
        check(raw.count(b"\n") == raw.count(b"\r\n"), f"{dep}.vcf: a line without CRLF")
        for line in raw.split(b"\r\n"):
            check(len(line) <= 75, f"{dep}.vcf: a line of {len(line)} octets")
        card = vobject.readOne(raw.decode("utf-8"))
        check(card.version.value == "4.0", f"{dep}.vcf: version {card.version.value}")
        check(card.fn.value == page.h1, f"{dep}.vcf: FN {card.fn.value}")
        n_ = card.n.value
        check(n_.family + n_.given == page.h1, f"{dep}.vcf: N {n_.family}|{n_.given}")
        mem = seats[f"deputies/{dep}"]
        check(card.org.value == [orgs[mem["organization_id"]]], f"{dep}.vcf: ORG {card.org.value}")
        check(card.title.value == mem["role"], f"{dep}.vcf: TITLE {card.title.value}")
        tels = [t.value for t in card.contents.get("tel", [])]
        emails = [e.value for e in card.contents.get("email", [])]
        for c in persons[dep]["contact_details"]:
            if c.get("type") in ("voice", "cell", "fax"):
                check(c["value"] in tels, f"{dep}.vcf: no TEL {c['value']}")
            if c.get("type") == "email":
                check(c["value"] in emails, f"{dep}.vcf: no EMAIL {c['value']}")
        for t in card.contents.get("tel", []):
            check(t.params.get("TYPE"), f"{dep}.vcf: TEL {t.value} without TYPE")
        n += 1
    check(n > 0, "no contact card at all")
    ok(before, f"vcard: {n} cards")


def check_feeds(out, site, data, as_of):
    before = len(PROBLEMS)
    acts = {r["id"]: r for r in data["activities"]}
    towns = {r["id"] for r in data["areas"] if r["kind"] == "township"}
    area_town = {}
    for r in data["areas"]:
        chain = [r["id"]] + r["ancestors"].split(";")[::-1]
        area_town[r["id"]] = next((a for a in chain if a in towns), None)
    station_area = {r["id"]: r["area"] for r in data["stations"]}
    want = {"feed.xml": list(acts)}
    for a in acts.values():
        for d in filter(None, a["deputies"].split(";")):
            want.setdefault(f"deputies/{d}/feed.xml", []).append(a["id"])
        if a["station"]:
            want.setdefault(f"stations/{a['station']}/feed.xml", []).append(a["id"])
        ts = {area_town.get(a["area"]), area_town.get(station_area.get(a["station"]))}
        for t in ts - {None}:
            want.setdefault(f"areas/{t}/feed.xml", []).append(a["id"])
    # A deputy's feed exists only when the deputy has activities.
    files = ["feed.xml"] + [f"deputies/{d}/feed.xml" for d in site["deputies"]
                            if f"deputies/{d}/feed.xml" in want]
    for d in site["deputies"]:
        rel = f"deputies/{d}/feed.xml"
        check((out / rel).exists() == (rel in want), f"{rel}: exists {(out / rel).exists()}, "
              f"activities {rel in want}")
    files += [f"stations/{s}/feed.xml" for s in site["stations"]]
    files += [f"areas/{t}/feed.xml" for t in sorted(towns)]
    entries = 0
    for rel in files:
        parsed = feedparser.parse((out / rel).read_bytes())
        if not check(parsed.bozo == 0, f"{rel}: not well-formed ({parsed.get('bozo_exception')})"):
            continue
        check(parsed.version == "atom10", f"{rel}: version {parsed.version}")
        f = parsed.feed
        for key in ("id", "title", "updated"):
            check(f.get(key), f"{rel}: no {key}")
        check(f.get("author"), f"{rel}: no author")
        check(any(l.get("rel") == "self" for l in f.get("links", [])), f"{rel}: no rel=self")
        ids = want.get(rel, [])
        check(len(parsed.entries) == min(50, len(ids)), f"{rel}: {len(parsed.entries)} entries, "
              f"{len(ids)} activities")
        dates = [acts[i]["date"] for i in ids]
        newest = max(dates) if dates else as_of
        check(f.updated[:10] == newest, f"{rel}: updated {f.updated}, newest {newest}")
        for e in parsed.entries:
            check(e.get("id") and e.get("link") and e.get("updated"), f"{rel}: entry incomplete")
        entries += len(parsed.entries)
    for section in ("deputies", "stations"):
        for key, page in site[section].items():
            if section == "deputies" and f"deputies/{key}/feed.xml" not in want:
                check("feed.xml" not in page.hrefs and
                      ("application/atom+xml", "feed.xml") not in page.alternates,
                      f"deputies/{key}: links a feed it does not have")
                continue
            check(("application/atom+xml", "feed.xml") in page.alternates,
                  f"{section}/{key}: no alternate link to its feed")
            check("feed.xml" in page.hrefs, f"{section}/{key}: no visible feed link")
    for t in towns:
        check(("application/atom+xml", "feed.xml") in site["areas"][t].alternates,
              f"areas/{t}: no alternate link to its feed")
    ok(before, f"atom: {len(files)} feeds, {entries} entries, bozo 0")


def types(node):
    t = node.get("@type")
    return t if isinstance(t, list) else [t]


def check_jsonld(out, site, seats, data):
    before = len(PROBLEMS)
    home = Page(out / "index.html")
    check(any("GovernmentOrganization" in types(j) for j in home.jsonld), "home: no organization")
    n = len(home.jsonld)
    for dep, page in site["deputies"].items():
        ld = [j for j in page.jsonld if "Person" in types(j)]
        if not check(len(ld) == 1, f"deputies/{dep}: {len(ld)} Person blocks"):
            continue
        p = ld[0]
        check(p.get("name") == page.h1, f"deputies/{dep}: JSON-LD name {p.get('name')}")
        role = p.get("memberOf", {})
        check("Role" in types(role), f"deputies/{dep}: memberOf is not a Role")
        check(role.get("roleName") == seats[f"deputies/{dep}"]["role"], f"deputies/{dep}: roleName")
        check("GovernmentOrganization" in types(role.get("memberOf", {})),
              f"deputies/{dep}: the Role is not of a GovernmentOrganization")
        n += 1
    dates = {r["id"]: r["date"] for r in data["activities"]}
    for act, page in site["activities"].items():
        ev = [j for j in page.jsonld if {"Event", "Report"} & set(types(j))]
        if check(len(ev) == 1, f"activities/{act}: {len(ev)} Event blocks"):
            check(ev[0].get("startDate", ev[0].get("datePublished")) == dates.get(act),
                  f"activities/{act}: JSON-LD date")
            check(ev[0].get("name") == page.h1, f"activities/{act}: JSON-LD name")
        n += 1
    for st, page in site["stations"].items():
        check(any("GovernmentOffice" in types(j) for j in page.jsonld), f"stations/{st}: no office")
        n += 1
    ok(before, f"json-ld: {n} pages")


def check_data_page(out, doc, data, as_of):
    before = len(PROBLEMS)
    page = Page(out / "data" / "index.html")
    rows = {r["path"]: r for r in page.rows}
    expected = ["data/popolo.json", "data/deputies.csv", "data/stations.csv", "data/areas.csv",
                "data/activities.csv", "data/suggestions.json", "data/suggestions.csv",
                "data/suggestion-stats.json", "feed.xml", "calendar.ics"]
    for path in expected:
        r = rows.get(path)
        if not check(r is not None, f"data page: {path} not listed"):
            continue
        size = (out / path).stat().st_size
        check(r.get("bytes") == size, f"data page: {path} is {size} bytes, page says {r}")
        check(r.get("updated") and r["updated"] <= as_of, f"data page: {path} date {r}")
    newest = max((a["date"] for a in data["activities"] if a["date"] <= as_of), default=as_of)
    check(rows.get("data/activities.csv", {}).get("updated") == newest, "data page: activity date")
    check(rows.get("data/deputies.csv", {}).get("updated") == as_of, "data page: deputies date")
    lic = doc["meta"].get("license")
    text = (out / "data" / "index.html").read_text(encoding="utf-8")
    check(not lic or lic in text, "data page: no licence line")
    check("data/index.html" in (out / "index.html").read_text(encoding="utf-8"),
          "home: the footer does not link the data page")
    ok(before, f"data page: {len(rows)} downloads with sizes and dates")


def main(out):
    site = {s: pages(out, s) for s in
            ("deputies", "stations", "areas", "activities", "handlers", "units")}
    doc, seats = check_popolo(out, site)
    as_of = doc["meta"]["as_of"]
    datetime.date.fromisoformat(as_of)
    data = check_csvs(out, site)
    check_vcards(out, site, doc, seats)
    check_feeds(out, site, data, as_of)
    check_jsonld(out, site, seats, data)
    check_data_page(out, doc, data, as_of)
    if PROBLEMS:
        print(f"{len(PROBLEMS)} problems:")
        for p in PROBLEMS[:200]:
            print("  " + p)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(pathlib.Path(sys.argv[1])))
