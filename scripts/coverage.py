#!/usr/bin/env python3
"""Line coverage of the product's code (src/ and functions/) from the Cobertura files the test run wrote.

Every test project writes its own file; a line counts as covered if any test project ran it. Test projects, test
support and third-party assemblies are left out. Code that runs in another process (the Functions worker started
by Reporting.Functions.Tests, the command line in demo.sh) is not seen by the collector.

    python3 scripts/coverage.py DIR        # DIR: the test run's --results-directory
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

EXCLUDED_SUFFIXES = (".Tests", ".TestSupport", ".WorkerHost", ".Benchmarks")


def product(package: str) -> bool:
    # The command line's assembly is named "reporting" (the tool's name).
    return (package == "reporting" or package.startswith("Reporting.")) and not package.endswith(EXCLUDED_SUFFIXES)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    files = glob.glob(os.path.join(sys.argv[1], "**", "*.cobertura.xml"), recursive=True)
    if not files:
        print(f"coverage: no Cobertura files under {sys.argv[1]}", file=sys.stderr)
        return 1
    lines = {}  # (package, file, line) -> covered
    for path in files:
        for package in ET.parse(path).getroot().iter("package"):
            name = package.get("name", "")
            if not product(name):
                continue
            for cls in package.iter("class"):
                filename = cls.get("filename", "")
                for line in cls.iter("line"):
                    key = (name, filename, line.get("number"))
                    lines[key] = lines.get(key, False) or int(line.get("hits", "0")) > 0
    by_package = {}
    for (package, _, _), covered in lines.items():
        total, hit = by_package.get(package, (0, 0))
        by_package[package] = (total + 1, hit + (1 if covered else 0))
    print(f"Line coverage of the product's code ({len(files)} coverage file(s)):")
    for package, (total, hit) in sorted(by_package.items()):
        print(f"  {package:<32} {hit:>6} / {total:<6} {100.0 * hit / total:5.1f} %")
    total = sum(t for t, _ in by_package.values())
    hit = sum(h for _, h in by_package.values())
    print(f"  {'all':<32} {hit:>6} / {total:<6} {100.0 * hit / total:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
