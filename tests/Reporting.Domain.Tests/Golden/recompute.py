#!/usr/bin/env python3
"""Independent recomputation of the golden cases for the digital-mining fee assessment.

Written from the law summary (/work/shared/domain/regulation.md) and the engineering semantics in
README.md, NOT from the engine's source. Python 3.11, standard library only.

    python3 recompute.py --check   # recompute every case; exit 1 and print diffs if a stored `expected` differs
    python3 recompute.py --write   # (re)write the `expected` block of every case
    python3 recompute.py --show FILE   # print the recomputed expected block of one case

Money and energy are `decimal.Decimal` with a precision far above anything in the cases, so every sum and
product is exact; the only rounding is the one the semantics ask for (fee and displayed average price:
2 decimals, half away from zero). Exact comparisons (average >= 24, grid > quota, share < required) are
done on exact values, never on rounded ones.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, getcontext
from fractions import Fraction
from pathlib import Path

getcontext().prec = 200  # every sum/product of the case inputs is exact at this precision

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

SOURCES = ["grid", "import", "renewable", "own-generation", "off-grid"]
TWO_PLACES = Decimal("0.01")

# --------------------------------------------------------------------------------------------------
# Rules, by the calendar year of the quarter's start date (rules are looked up at the quarter start).
# --------------------------------------------------------------------------------------------------
UNVERIFIED = "unverified"


def fee_rules(year: int) -> dict:
    if year == 2022:
        return {"model": "flat", "rates": {s: Decimal(1) for s in SOURCES},
                "declaration": None, "payment": (1, 20)}
    if year == 2023:
        return {"model": "banded",
                "band_threshold": Decimal(24),        # quarterly average price >= 24 -> rate 1
                "band_rate_at_or_above": Decimal(1),  # below 24 -> no verified rate
                "fixed": {"renewable": Decimal(1), "own-generation": Decimal(10), "off-grid": Decimal(10)},
                "unmetered": Decimal(25),
                "top": Decimal(25),                   # top of the scale
                "declaration": (2, 15), "payment": (2, 25)}
    if year in (2024, 2025, 2026):  # 2026 flagged unverified in the rules, same values used
        return {"model": "flat",
                "rates": {"grid": Decimal(2), "import": Decimal(2), "own-generation": Decimal(2),
                          "renewable": Decimal(1), "off-grid": Decimal(1)},
                "declaration": (2, 15), "payment": (2, 25)}
    raise ValueError(f"no fee rules for {year}")


def required_sale_share(quarter_start: dt.date) -> Decimal | None:
    if quarter_start < dt.date(2024, 1, 1):
        return None
    if quarter_start < dt.date(2025, 1, 1):
        return Decimal("0.50")
    return Decimal("0.80")


QUOTA_REGIME_FROM = dt.date(2023, 7, 1)

# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def D(x) -> Decimal:
    if x is None:
        raise ValueError("number is null")
    if not isinstance(x, str):
        raise ValueError(f"numbers must be JSON strings, got {x!r}")
    return Decimal(x.strip())


def fmt(d: Decimal | None) -> str | None:
    """Plain decimal string without exponent or trailing zeros ("1000000", "1234.125")."""
    if d is None:
        return None
    if d == d.to_integral_value():
        return str(int(d))
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def fmt2(d: Decimal | None) -> str | None:
    return None if d is None else format(d.quantize(TWO_PLACES, rounding=ROUND_HALF_UP), "f")


def round2_exact(f: Fraction) -> Decimal:
    """Round an exact rational to 2 decimals, half away from zero."""
    sign = -1 if f < 0 else 1
    q = abs(f) * 100
    n = int(q)  # floor for non-negative
    if q - n >= Fraction(1, 2):
        n += 1
    return (Decimal(sign * n) / 100).quantize(TWO_PLACES)


def parse_quarter(q: str) -> tuple[int, int]:
    y, n = q.split("-Q")
    return int(y), int(n)


def quarter_months(q: str) -> list[str]:
    y, n = parse_quarter(q)
    return [f"{y:04d}-{m:02d}" for m in range(3 * n - 2, 3 * n + 1)]


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    y, m = (int(p) for p in month.split("-"))
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def due_date(q: str, rule: tuple[int, int] | None) -> str | None:
    if rule is None:
        return None
    months_after, day = rule
    y, n = parse_quarter(q)
    m = 3 * n + months_after
    y += (m - 1) // 12
    m = (m - 1) % 12 + 1
    return dt.date(y, m, day).isoformat()


def date(s: str | None) -> dt.date | None:
    return None if s is None else dt.date.fromisoformat(s)


def unmetered(row: dict) -> bool:
    m = row.get("meter")
    return m is None or str(m).strip() == ""


def violation(code, severity, period, subject=None, **figures) -> dict:
    return {"code": code, "severity": severity, "period": period, "subject": subject,
            "figures": {k: fmt(v) for k, v in figures.items()}}


# --------------------------------------------------------------------------------------------------
# Input sanity (case-authoring errors, not engine expectations)
# --------------------------------------------------------------------------------------------------


def bin_valid(b: str) -> bool:
    if len(b) != 12 or not b.isdigit():
        return False
    d = [int(c) for c in b]
    s = sum(d[i] * (i + 1) for i in range(11)) % 11
    if s == 10:
        w = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        s = sum(d[i] * w[i] for i in range(11)) % 11
        if s == 10:
            return False
    return s == d[11]


def lint(case: dict) -> list[str]:
    problems = []
    months = quarter_months(case["quarter"])
    for key in ("description", "quarter", "licence", "registry", "reports"):
        if key not in case:
            problems.append(f"missing {key}")
    reg = case["registry"]
    for lic in reg.get("licences", []):
        if not bin_valid(lic["bin"]):
            problems.append(f"registry BIN {lic['bin']} fails the check digit")
    for i, r in enumerate(case["reports"]):
        if r["period"] not in months:
            problems.append(f"report {i} period {r['period']} outside {case['quarter']}")
        if not bin_valid(r["bin"]):
            problems.append(f"report {i} BIN {r['bin']} fails the check digit")
        if r["kind"] == "consumption":
            for row in r["rows"]:
                if row["source"] not in SOURCES:
                    problems.append(f"report {i} unknown source {row['source']}")
                if row["source"] in ("grid", "import") and row.get("cost_kzt") is None:
                    problems.append(f"report {i} grid/import row without cost")
                D(row["kwh"])
        elif r["kind"] == "sales":
            for row in r.get("mined", []) + r.get("sold", []):
                D(row["quantity"])
                day = row.get("received") or row.get("trade_date")
                if day and day[:7] != r["period"]:
                    problems.append(f"report {i} date {day} outside its month {r['period']}")
        else:
            problems.append(f"report {i} unknown kind {r['kind']}")
    return problems


# --------------------------------------------------------------------------------------------------
# The computation
# --------------------------------------------------------------------------------------------------


def compute(case: dict) -> dict:
    quarter = case["quarter"]
    licence_no = case["licence"]
    reg = case["registry"]
    months = quarter_months(quarter)
    q_start = month_bounds(months[0])[0]
    rules = fee_rules(q_start.year)
    violations: list[dict] = []

    consumption = [r for r in case["reports"] if r["kind"] == "consumption"]
    sales = [r for r in case["reports"] if r["kind"] == "sales"]
    rows = [(r["period"], row) for r in consumption for row in r["rows"]]

    # ---- volumes ---------------------------------------------------------------------------------
    by_source = {s: Decimal(0) for s in SOURCES}
    for _, row in rows:
        by_source[row["source"]] += D(row["kwh"])
    kwh_total = sum(by_source.values(), Decimal(0))

    # ---- average price (grid + import, whole quarter, exact) -------------------------------------
    gi_kwh = Decimal(0)
    gi_cost = Decimal(0)
    for _, row in rows:
        if row["source"] in ("grid", "import"):
            gi_kwh += D(row["kwh"])
            gi_cost += D(row["cost_kzt"])
    avg_exact = None if gi_kwh == 0 else Fraction(gi_cost) / Fraction(gi_kwh)

    # ---- fee ---------------------------------------------------------------------------------------
    def row_rate(row) -> Decimal | str:
        src = row["source"]
        if rules["model"] == "flat":
            return rules["rates"][src]
        grounds: list[Decimal | str] = []
        if src in ("grid", "import"):
            if avg_exact is None:
                grounds.append(UNVERIFIED)
            elif gi_cost >= rules["band_threshold"] * gi_kwh:  # exact: average >= 24
                grounds.append(rules["band_rate_at_or_above"])
            else:
                grounds.append(UNVERIFIED)
        else:
            grounds.append(rules["fixed"][src])
        if unmetered(row):
            grounds.append(rules["unmetered"])
        known = [g for g in grounds if g != UNVERIFIED]
        if rules["top"] in known:
            return rules["top"]
        if UNVERIFIED in grounds:
            return UNVERIFIED
        return max(known)

    fee = Decimal(0)
    fee_unverified = False
    for _, row in rows:
        kwh = D(row["kwh"])
        rate = row_rate(row)
        if rate == UNVERIFIED:
            if kwh > 0:
                fee_unverified = True
            continue
        fee += kwh * rate
    fee_status = "rate-unverified" if fee_unverified else "assessed"
    fee_kzt = None if fee_unverified else fmt2(fee)

    # ---- quota -------------------------------------------------------------------------------------
    regime_months = [m for m in months if month_bounds(m)[0] >= QUOTA_REGIME_FROM]
    quota_violation = False
    for m in regime_months:
        grid = sum((D(row["kwh"]) for p, row in rows if p == m and row["source"] == "grid"), Decimal(0))
        if grid <= 0:
            continue
        quota_rows = [q for q in reg.get("quotas", []) if q["licence"] == licence_no and q["month"] == m]
        if not quota_rows:
            violations.append(violation("no-quota", "error", m, None, grid_kwh=grid))
            quota_violation = True
            continue
        quota = sum((D(q["kwh"]) for q in quota_rows), Decimal(0))
        if grid > quota:
            violations.append(violation("quota-exceeded", "error", m, None,
                                        grid_kwh=grid, quota_kwh=quota, excess_kwh=grid - quota))
            quota_violation = True
    quota_status = "not-applicable" if not regime_months else ("violated" if quota_violation else "compliant")

    # ---- mandatory sale ----------------------------------------------------------------------------
    required = required_sale_share(q_start)
    if required is None:
        sale_status = "not-applicable"
    else:
        aifc = set()
        for ex in reg.get("exchanges", []):
            aifc.add(ex["code"].strip().casefold())
            aifc.add(ex["name"].strip().casefold())
        mined: dict[str, Decimal] = defaultdict(Decimal)
        sold_aifc: dict[str, Decimal] = defaultdict(Decimal)
        # Other exchanges per month; names that differ only in letter case are one exchange ("Binance",
        # "binance"), named as first written that month.
        non_aifc: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        spelling: dict[tuple[str, str], str] = {}
        for r in sales:
            for row in r.get("mined", []):
                mined[row["asset"].strip().upper()] += D(row["quantity"])
            for row in r.get("sold", []):
                ex = row["exchange"].strip()
                if ex.casefold() in aifc:
                    sold_aifc[row["asset"].strip().upper()] += D(row["quantity"])
                else:
                    key = (r["period"], ex.casefold())
                    spelling.setdefault(key, ex)
                    non_aifc[key] += D(row["quantity"])
        below = False
        any_mined = False
        for asset in sorted(mined):
            qty = mined[asset]
            if qty <= 0:
                continue
            any_mined = True
            sold = sold_aifc.get(asset, Decimal(0))
            if sold < required * qty:  # exact: share < required
                below = True
                violations.append(violation("sale-share-below-minimum", "error", quarter, asset,
                                            mined=qty, sold_aifc=sold, required_share=required,
                                            shortfall=required * qty - sold))
        for key, qty in sorted(non_aifc.items()):
            violations.append(violation("sale-exchange-not-aifc", "warning", key[0], spelling[key], quantity=qty))
        sale_status = "nothing-mined" if not any_mined else ("below-minimum" if below else "compliant")

    # ---- licence, per report -----------------------------------------------------------------------
    lic = next((l for l in reg.get("licences", []) if l["number"] == licence_no), None)
    for r in case["reports"]:
        m = r["period"]
        first, last = month_bounds(m)
        if lic is None:
            violations.append(violation("licence-unknown", "error", m))
            continue
        in_term = date(lic["valid_from"]) <= last and date(lic["valid_to"]) >= first
        status = lic["status"]
        since = date(lic.get("status_since"))
        status_ok = status == "active" or (
            status in ("suspended", "revoked") and since is not None and since > first)
        if not (in_term and status_ok):
            violations.append(violation("licence-inactive", "error", m))
        if r["bin"].strip() != lic["bin"].strip():
            violations.append(violation("bin-mismatch", "error", m, r["bin"].strip()))

    # ---- plausibility ------------------------------------------------------------------------------
    equipment = [e for e in reg.get("equipment", []) if e["licence"] == licence_no]
    if equipment:
        watts = sum((D(e["rated_power_w"]) * int(e["units"]) for e in equipment), Decimal(0))
        for m in sorted({r["period"] for r in consumption}):
            first, last = month_bounds(m)
            hours = last.day * 24
            capacity = watts * hours / 1000
            consumed = sum((D(row["kwh"]) for p, row in rows if p == m), Decimal(0))
            if consumed > capacity:
                violations.append(violation("consumption-implausible", "warning", m, None,
                                            consumed_kwh=consumed, capacity_kwh=capacity))

    violations.sort(key=lambda v: (v["code"], v["period"], v["subject"] or ""))
    return {
        "kwh_total": fmt(kwh_total),
        "kwh_by_source": {s: fmt(by_source[s]) for s in SOURCES},
        "average_price_kzt": None if avg_exact is None else format(round2_exact(avg_exact), "f"),
        "fee_status": fee_status,
        "fee_kzt": fee_kzt,
        "declaration_due": due_date(quarter, rules["declaration"]),
        "payment_due": due_date(quarter, rules["payment"]),
        "quota_status": quota_status,
        "required_sale_share": fmt2(required),
        "sale_status": sale_status,
        "violations": violations,
    }


# --------------------------------------------------------------------------------------------------
# Comparison (mirrors what the xunit runner compares)
# --------------------------------------------------------------------------------------------------


def num_eq(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except Exception:
        return str(a) == str(b)


NUMERIC = {"kwh_total", "average_price_kzt", "fee_kzt", "required_sale_share"}
TEXT = {"fee_status", "declaration_due", "payment_due", "quota_status", "sale_status"}


def diff(stored: dict, fresh: dict) -> list[str]:
    out = []
    for k in NUMERIC:
        if not num_eq(stored.get(k), fresh[k]):
            out.append(f"{k}: stored {stored.get(k)!r}, recomputed {fresh[k]!r}")
    for k in TEXT:
        if stored.get(k) != fresh[k]:
            out.append(f"{k}: stored {stored.get(k)!r}, recomputed {fresh[k]!r}")
    sb = stored.get("kwh_by_source") or {}
    for s in SOURCES:
        if not num_eq(sb.get(s), fresh["kwh_by_source"][s]):
            out.append(f"kwh_by_source.{s}: stored {sb.get(s)!r}, recomputed {fresh['kwh_by_source'][s]!r}")

    def key(v):
        return (v["code"], v["severity"], v["period"], v["subject"])

    left = list(stored.get("violations") or [])
    for fv in fresh["violations"]:
        match = next((sv for sv in left if key(sv) == key(fv)
                      and set(sv.get("figures", {})) == set(fv["figures"])
                      and all(num_eq(sv["figures"][f], fv["figures"][f]) for f in fv["figures"])), None)
        if match is None:
            out.append(f"violation missing or different in stored: {json.dumps(fv)}")
        else:
            left.remove(match)
    for sv in left:
        out.append(f"violation stored but not recomputed: {json.dumps(sv)}")
    return out


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[1] == "--show":
        case = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        print(json.dumps(compute(case), indent=2, ensure_ascii=False))
        return 0
    if len(argv) != 2 or argv[1] not in ("--check", "--write"):
        print(__doc__)
        return 2
    mode = argv[1]
    files = sorted(CASES.glob("*.json"))
    failed = 0
    for f in files:
        case = json.loads(f.read_text(encoding="utf-8"))
        problems = lint(case)
        if problems:
            failed += 1
            print(f"INPUT {f.name}:")
            for p in problems:
                print(f"    {p}")
            continue
        fresh = compute(case)
        if mode == "--write":
            case["expected"] = fresh
            f.write_text(json.dumps(case, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            continue
        d = diff(case.get("expected") or {}, fresh)
        if d:
            failed += 1
            print(f"DIFF {f.name}:")
            for line in d:
                print(f"    {line}")
    verb = "written" if mode == "--write" else "checked"
    print(f"{len(files)} cases {verb}, {failed} with differences or input problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
