"""Parse every .ics file under a folder with the `icalendar` package (an independent
RFC 5545 reader) and check what lianluo promises of each event.

Usage: python3 tests/ics_check.py FOLDER
Prints `ok N events` (N over all files) and exits 0, or prints the problems and exits 1.
Run by tests/schedules_ics.rs; needs `pip install icalendar`.
"""

import datetime
import pathlib
import sys

import icalendar


def check(path, problems):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    if cal.name != "VCALENDAR":
        problems.append(f"{path}: not a VCALENDAR")
        return 0
    if str(cal.get("VERSION")) != "2.0":
        problems.append(f"{path}: VERSION is not 2.0")
    tzids = {str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")}
    uids = set()
    events = cal.walk("VEVENT")
    for ev in events:
        uid = str(ev.get("UID", ""))
        where = f"{path}: {uid or 'event without UID'}"
        if not uid or "@" not in uid:
            problems.append(f"{where}: UID missing or without @host")
        if uid in uids:
            problems.append(f"{where}: UID used twice")
        uids.add(uid)
        for key in ("DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            if ev.get(key) is None:
                problems.append(f"{where}: no {key}")
        start, end = ev.decoded("DTSTART", None), ev.decoded("DTEND", None)
        if not isinstance(start, datetime.datetime) or start.tzinfo is None:
            problems.append(f"{where}: DTSTART is not a zoned date-time")
        elif not isinstance(end, datetime.datetime) or not start < end:
            problems.append(f"{where}: DTEND is not after DTSTART")
        tzid = ev["DTSTART"].params.get("TZID") if ev.get("DTSTART") is not None else None
        if tzid is not None and tzid not in tzids:
            problems.append(f"{where}: TZID {tzid} has no VTIMEZONE")
        stamp = ev.decoded("DTSTAMP", None)
        if not isinstance(stamp, datetime.datetime) or stamp.utcoffset() != datetime.timedelta(0):
            problems.append(f"{where}: DTSTAMP is not UTC")
    return len(events)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    files = sorted(root.rglob("*.ics"))
    if not files:
        print(f"no .ics files under {root}", file=sys.stderr)
        return 1
    problems = []
    total = 0
    for f in files:
        try:
            total += check(f, problems)
        except Exception as e:  # a parse error is a finding, not a crash
            problems.append(f"{f}: cannot parse: {e}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok {total} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
