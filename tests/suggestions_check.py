"""Read a built site's suggestion open data with Python's standard csv and json modules
and check that the two files agree.

Usage: python3 tests/suggestions_check.py SITE_FOLDER
Prints `ok N records` and exits 0, or prints the problems and exits 1.
Run by tests/suggestions_data.rs.
"""

import csv
import io
import json
import pathlib
import sys


def main(site):
    problems = []
    data = json.loads((site / "data/suggestions.json").read_text(encoding="utf-8"))
    records = data["records"]
    raw = (site / "data/suggestions.csv").read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problems.append("suggestions.csv does not start with a UTF-8 byte order mark")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    head, body = rows[0], rows[1:]
    if records and head != list(records[0].keys()):
        problems.append(f"columns differ: {head} vs {list(records[0].keys())}")
    if len(body) != len(records):
        problems.append(f"{len(body)} CSV rows but {len(records)} JSON records")
    for row, rec in zip(body, records):
        for col, cell in zip(head, row):
            value = rec[col]
            if value is None:
                want = ""
            elif isinstance(value, bool):
                want = "true" if value else "false"
            elif isinstance(value, list):
                want = ";".join(value)
            else:
                want = str(value)
            if cell != want:
                problems.append(f"{rec['id']} {col}: CSV {cell!r}, JSON {want!r}")
    stats = json.loads((site / "data/suggestion-stats.json").read_text(encoding="utf-8"))
    for group in ("overall", "years", "handlers", "categories", "areas"):
        if group not in stats:
            problems.append(f"suggestion-stats.json has no `{group}`")
    if stats["overall"]["received"] != len(records):
        problems.append("overall.received is not the number of records")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"ok {len(records)} records")
    return 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))
