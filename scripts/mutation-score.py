#!/usr/bin/env python3
"""Scores of a Stryker.NET run, per file and in total, from its JSON report (docs/testing.md, "Mutation testing").

    python3 scripts/mutation-score.py StrykerOutput/application/reports/mutation-report.json [LATER.json ...]

Later reports, of runs over part of the same code (`-m` with a file or a text span) after tests were added, update the
status of the mutants they tested again (the same file, place, mutator and replacement); the product code must be the
same in all of them.

Score = (killed + timeout) / (killed + timeout + survived + no coverage); compile errors and ignored mutants are left
out, as Stryker does. A second score leaves out the `ConfigureAwait(false)` -> `true` mutants: they are equivalent here
(neither the Functions worker nor the command line has a synchronisation context to return to), and Stryker's own
`ignore-methods` cannot drop them alone (it also drops every mutant inside the awaited call). The surviving and
uncovered mutants are listed with their line, so each can be killed or explained.
"""
import json
import sys
from collections import Counter

DETECTED = {"Killed", "Timeout"}
COUNTED = DETECTED | {"Survived", "NoCoverage"}


def is_configure_await(mutant, lines):
    start = mutant["location"]["start"]
    line = lines[start["line"] - 1]
    return mutant["mutatorName"].startswith("Boolean") and line[: start["column"] - 1].endswith("ConfigureAwait(")


def score(counts):
    total = sum(counts[s] for s in COUNTED)
    return 100.0 * sum(counts[s] for s in DETECTED) / total if total else 100.0


def key(name, mutant):
    loc = mutant["location"]
    return (name, loc["start"]["line"], loc["start"]["column"], loc["end"]["line"], loc["end"]["column"], mutant["mutatorName"], mutant.get("replacement"))


def merged(paths):
    report = json.load(open(paths[0], encoding="utf-8"))
    for later_path in paths[1:]:
        later = json.load(open(later_path, encoding="utf-8"))
        retested = {key(name, m): m["status"] for name, f in later["files"].items() for m in f["mutants"] if m["status"] in COUNTED}
        for name, file in report["files"].items():
            # A file the later run did not mutate may come without its text.
            if name in later["files"] and later["files"][name]["mutants"] and later["files"][name]["source"] != file["source"]:
                sys.exit(f"{name} differs between {paths[0]} and {later_path}: the runs are not of the same code")
            for m in file["mutants"]:
                m["status"] = retested.get(key(name, m), m["status"])
    return report


def main(paths):
    report = merged(paths)
    total, total_eq = Counter(), Counter()
    survivors = []
    print(f"{'file':<28} {'score':>7} {'w/o CA':>7} {'killed':>6} {'surv':>5} {'t/o':>4} {'nocov':>5} {'CA':>3}")
    for name, file in sorted(report["files"].items()):
        lines = file["source"].split("\n")
        counts, counts_eq = Counter(), Counter()
        for m in file["mutants"]:
            counts[m["status"]] += 1
            total[m["status"]] += 1
            if m["status"] in COUNTED and is_configure_await(m, lines):
                counts_eq["ConfigureAwait"] += 1
                continue
            counts_eq[m["status"]] += 1
            total_eq[m["status"]] += 1
            if m["status"] in ("Survived", "NoCoverage"):
                line = m["location"]["start"]["line"]
                survivors.append((name.split("/")[-1], line, m["status"], m["mutatorName"], lines[line - 1].strip()[:110], m.get("replacement", "")[:60]))
        short = name.split("/")[-1]
        print(f"{short:<28} {score(counts):6.1f}% {score(counts_eq):6.1f}% {counts['Killed']:>6} {counts['Survived']:>5} {counts['Timeout']:>4} "
              f"{counts['NoCoverage']:>5} {counts_eq['ConfigureAwait']:>3}")
    print(f"{'TOTAL':<28} {score(total):6.1f}% {score(total_eq):6.1f}% {total['Killed']:>6} {total['Survived']:>5} {total['Timeout']:>4} {total['NoCoverage']:>5}")
    print()
    for s in survivors:
        print(f"{s[0]}:{s[1]} {s[2]} [{s[3]}] {s[4]}  =>  {s[5]}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["StrykerOutput/application/reports/mutation-report.json"])
