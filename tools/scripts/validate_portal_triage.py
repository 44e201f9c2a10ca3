#!/usr/bin/env python3
"""Validate a labelled portal-triage JSONL set and print its counts.

Checks every line: the fields and their types, allowed category / urgency / style
values, red-flag ids against the table in the set's README.md, unique ids, no
duplicate or near-duplicate texts, urgency / red-flag consistency, and that every
message tagged with suicidality, overdose or self-harm is an emergency. It also
reports word 6-grams shared by several messages, so template stamping shows up.

Usage: python3 tools/scripts/validate_portal_triage.py [FILE.jsonl] [--markdown]
Exit status 1 when any check fails.
"""
import collections
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT = HERE.parent / "src/main/resources/inference/portal-triage/train.jsonl"

FIELDS = {"id": str, "text": str, "category": str, "urgency": str, "styles": list, "redFlags": list}
CATEGORIES = ["medication", "symptom", "appointment", "results", "billing", "forms", "other"]
URGENCIES = ["routine", "soon", "urgent", "emergency"]
STYLES = ["plain", "lowercase", "typos", "texting", "non-native", "very-short", "long-rambling", "understated",
          "buried-acute", "third-person", "caregiver", "hard-negative", "history-not-now", "negation",
          "other-person-past", "sarcasm-idiom", "deid-tokens", "formal", "all-caps"]
ALWAYS_EMERGENCY = {"suicidality", "overdose", "self-harm"}
MIN_PER_CATEGORY = 40
MIN_TOTAL = 400
MIN_DEV = 250
TOKEN = re.compile(r"\[(NAME|GEO|DATE|PHONE|MRN|EMAIL|ACCOUNT)(-[0-9a-f]{8})?\]")
SHINGLE = 6
PREFIX = "tr"
SHINGLE_REPORT = 3  # a 6-gram in this many messages or more is listed


def red_flag_ids(readme):
    """Red-flag ids are the backticked first cells of the README's red-flag table."""
    ids, in_table = set(), False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_table = line.lower().startswith("## red flags")
        elif in_table:
            m = re.match(r"\|\s*`([a-z0-9-]+)`\s*\|", line)
            if m:
                ids.add(m.group(1))
    return ids


def markdown_tables(grid, cat, urg, sty, flg, total):
    """The counts tables that README.md carries under ## Counts."""
    out = ["| category | " + " | ".join(URGENCIES) + " | total |", "|---|" + "---:|" * (len(URGENCIES) + 1)]
    out += [f"| {c} | " + " | ".join(str(grid[(c, u)]) for u in URGENCIES) + f" | {cat[c]} |" for c in CATEGORIES]
    out.append("| **total** | " + " | ".join(f"{urg[u]} ({100 * urg[u] / total:.0f}%)" for u in URGENCIES)
               + f" | {total} |")
    out += ["", "| style | messages |", "|---|---:|"] + [f"| {s} | {sty[s]} |" for s in STYLES]
    out += ["", "| red flag | messages |", "|---|---:|"]
    out += [f"| `{f}` | {c} |" for f, c in sorted(flg.items(), key=lambda x: (-x[1], x[0]))]
    return "\n".join(out) + "\n"


def normalise(text):
    return re.sub(r"[^a-z0-9 ]", "", re.sub(r"\s+", " ", text.lower())).strip()


def main(argv):
    markdown = "--markdown" in argv
    args = [a for a in argv if not a.startswith("--")]
    path = pathlib.Path(args[0]) if args else DEFAULT
    flags_allowed = red_flag_ids(path.parent / "README.md")
    global PREFIX
    # dev.jsonl: dv-0001..; dev2.jsonl (second, independently written development set): d2-0001..; train: tr-0001..
    PREFIX = {"dev": "dv", "dev2": "d2", "dev3": "d3", "dev4": "d4", "dev5": "d5", "dev6": "d6"}.get(path.stem, "tr")
    errors, rows = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"line {n}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: not JSON ({e.msg})")
            continue
        if set(row) != set(FIELDS):
            errors.append(f"line {n}: fields {sorted(row)} != {sorted(FIELDS)}")
            continue
        for field, kind in FIELDS.items():
            if not isinstance(row[field], kind):
                errors.append(f"line {n}: {field} is not {kind.__name__}")
        rid = row["id"]
        if not re.fullmatch(PREFIX + r"-\d{4}", rid):
            errors.append(f"{rid}: id must look like {PREFIX}-0001")
        if len(row["text"].strip()) < 3:
            errors.append(f"{rid}: empty text")
        if row["category"] not in CATEGORIES:
            errors.append(f"{rid}: category {row['category']!r}")
        if row["urgency"] not in URGENCIES:
            errors.append(f"{rid}: urgency {row['urgency']!r}")
        if not row["styles"]:
            errors.append(f"{rid}: no style")
        for s in row["styles"]:
            if s not in STYLES:
                errors.append(f"{rid}: style {s!r}")
        if len(set(row["styles"])) != len(row["styles"]) or len(set(row["redFlags"])) != len(row["redFlags"]):
            errors.append(f"{rid}: repeated style or red flag")
        for f in row["redFlags"]:
            if f not in flags_allowed:
                errors.append(f"{rid}: red flag {f!r} is not in README.md")
        acute = row["urgency"] in ("urgent", "emergency")
        if acute and not row["redFlags"]:
            errors.append(f"{rid}: {row['urgency']} without a red flag")
        if not acute and row["redFlags"]:
            errors.append(f"{rid}: {row['urgency']} with red flags {row['redFlags']}")
        if ALWAYS_EMERGENCY & set(row["redFlags"]) and row["urgency"] != "emergency":
            errors.append(f"{rid}: suicidality/overdose/self-harm must be emergency")
        if "deid-tokens" in row["styles"] and not TOKEN.search(row["text"]):
            errors.append(f"{rid}: tagged deid-tokens but holds no token")
        if "hard-negative" in row["styles"] and acute:
            errors.append(f"{rid}: a hard negative is routine or soon by definition")
        rows.append(row)

    ids = collections.Counter(r["id"] for r in rows)
    errors += [f"{i}: id used {c} times" for i, c in ids.items() if c > 1]
    expected = [f"{PREFIX}-{i:04d}" for i in range(1, len(rows) + 1)]
    if [r["id"] for r in rows] != expected:
        errors.append(f"ids are not {PREFIX}-0001.. in file order")
    texts = collections.defaultdict(list)
    for r in rows:
        texts[normalise(r["text"])].append(r["id"])
    errors += [f"duplicate text: {v}" for v in texts.values() if len(v) > 1]

    shingles = collections.defaultdict(set)
    for r in rows:
        words = normalise(TOKEN.sub("TOKEN", r["text"])).split()
        for i in range(len(words) - SHINGLE + 1):
            shingles[" ".join(words[i:i + SHINGLE])].add(r["id"])
    shared = sorted(((len(v), k) for k, v in shingles.items() if len(v) >= SHINGLE_REPORT), reverse=True)

    cat = collections.Counter(r["category"] for r in rows)
    urg = collections.Counter(r["urgency"] for r in rows)
    grid = collections.Counter((r["category"], r["urgency"]) for r in rows)
    sty = collections.Counter(s for r in rows for s in r["styles"])
    flg = collections.Counter(f for r in rows for f in r["redFlags"])
    # size and coverage minimums are the training set's; the development set (dev.jsonl) is smaller by design
    if PREFIX == "tr":
        if len(rows) < MIN_TOTAL:
            errors.append(f"only {len(rows)} messages, want >= {MIN_TOTAL}")
        errors += [f"category {c}: {cat[c]} messages, want >= {MIN_PER_CATEGORY}"
                   for c in CATEGORIES if cat[c] < MIN_PER_CATEGORY]
        unused = sorted(flags_allowed - set(flg))
        if unused:
            errors.append(f"red flags in README.md used by no message: {unused}")
    elif PREFIX == "dv" and len(rows) < MIN_DEV:
        errors.append(f"only {len(rows)} messages, want >= {MIN_DEV}")

    total = len(rows)
    tables = markdown_tables(grid, cat, urg, sty, flg, total)
    readme = path.parent / {"dv": "DEV.md", "d2": "DEV2.md", "d3": "DEV3.md", "d4": "DEV4.md", "d5": "DEV5.md", "d6": "DEV6.md"}.get(PREFIX, "README.md")
    if tables not in readme.read_text(encoding="utf-8"):
        errors.append(f"{readme.name} counts are stale: paste the output of --markdown under ## Counts")
    if markdown:
        print(tables, end="")
    else:
        print(f"{total} messages in {path}")
        print("category x urgency:")
        print(f"  {'':12}" + "".join(f"{u:>10}" for u in URGENCIES) + f"{'total':>8}")
        for c in CATEGORIES:
            print(f"  {c:12}" + "".join(f"{grid[(c, u)]:>10}" for u in URGENCIES) + f"{cat[c]:>8}")
        print(f"  {'share':12}" + "".join(f"{100 * urg[u] / total:>9.1f}%" for u in URGENCIES))
        print("styles: " + ", ".join(f"{s} {sty[s]}" for s in STYLES))
        print("red flags: " + ", ".join(f"{f} {c}" for f, c in sorted(flg.items(), key=lambda x: (-x[1], x[0]))))
        print(f"word {SHINGLE}-grams shared by >= {SHINGLE_REPORT} messages: {len(shared)}")
        for c, k in shared[:15]:
            print(f"  {c}x  {k}")
    for e in errors:
        print("ERROR " + e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
