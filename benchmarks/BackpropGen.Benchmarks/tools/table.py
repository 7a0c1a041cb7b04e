#!/usr/bin/env python3
"""Builds the README tables (medians, ratios of medians, allocations) from BenchmarkDotNet's CSV reports.

usage: python3 tools/table.py [BenchmarkDotNet.Artifacts/results]
"""
import csv
import glob
import os
import sys

UNITS = {"ns": 1.0, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}


def nanoseconds(text):
    number, unit = text.replace(",", "").split()
    return float(number) * UNITS[unit]


def load(directory):
    rows = {}
    for path in glob.glob(os.path.join(directory, "*-report.csv")):
        suite = os.path.basename(path).split("-report")[0].split(".")[-1]
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["Median"] in ("NA", ""):
                    continue
                rows[(suite, row["Method"])] = (nanoseconds(row["Median"]), row["Allocated"])
    return rows


def show(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:,.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:,.2f} μs"
    return f"{ns:,.1f} ns"


def allocated(*cells):
    values = {("0 B" if c in ("-", "0 B") else c) for c in cells}
    return ", ".join(sorted(values))


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "BenchmarkDotNet.Artifacts", "results")
    rows = load(directory)
    print("| Network | Method | Type | Idiomatic | Generated | Best-effort | Generated / idiomatic | Generated / best-effort | Generated float / double | Allocated |")
    print("|---|---|---|--:|--:|--:|--:|--:|--:|---|")
    for suite, name in (("WorkedExampleBenchmarks", "2-2-2"), ("DigitsBenchmarks", "64-32-10"), ("MnistBenchmarks", "784-128-10")):
        for method in ("Forward", "Backward", "TrainStep"):
            generated = {}
            for kind in ("Double", "Float"):
                key = lambda impl: (suite, f"{method}_{kind}_{impl}")
                if key("Generated") not in rows:
                    continue
                idiomatic, g, best = rows[key("Idiomatic")], rows[key("Generated")], rows[key("BestEffort")]
                generated[kind] = g[0]
                ratio = f"{generated['Float'] / generated['Double']:.2f}" if kind == "Float" and "Double" in generated else ""
                print(f"| {name} | {method} | {kind.lower()} | {show(idiomatic[0])} | {show(g[0])} | {show(best[0])} | "
                      f"{g[0] / idiomatic[0]:.2f} | {g[0] / best[0]:.2f} | {ratio} | {allocated(idiomatic[1], g[1], best[1])} |")
                if key("GeneratedUnrolled") in rows:
                    u = rows[key("GeneratedUnrolled")]
                    print(f"| {name} | {method} | {kind.lower()}, forced `unrolled` | | {show(u[0])} | | "
                          f"{u[0] / idiomatic[0]:.2f} | {u[0] / best[0]:.2f} | | {allocated(u[1])} |")
    print()
    print("| Network | Type | Idiomatic Forward | Trainable Forward | Frozen Predict | Predict / Forward | Predict / idiomatic | Allocated |")
    print("|---|---|--:|--:|--:|--:|--:|---|")
    for net, name in (("Worked", "2-2-2"), ("Digits", "64-32-10")):
        for kind in ("Double", "Float"):
            key = lambda impl: ("FrozenBenchmarks", f"{net}_{kind}_{impl}")
            if key("FrozenPredict") not in rows:
                continue
            i, t, p = rows[key("IdiomaticForward")], rows[key("TrainableForward")], rows[key("FrozenPredict")]
            print(f"| {name} | {kind.lower()} | {show(i[0])} | {show(t[0])} | {show(p[0])} | {p[0] / t[0]:.2f} | {p[0] / i[0]:.2f} | {allocated(i[1], t[1], p[1])} |")

    print()
    print("| double | Idiomatic | Split | Loops (auto) | Unrolled (forced) | Best-effort | Split / idiomatic | Split / loops | Allocated |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|---|")
    for method in ("Forward", "Backward", "TrainStep"):
        key = lambda impl: ("LayoutBenchmarks", f"{method}_{impl}")
        if key("Split") not in rows:
            continue
        i, s, l, u, b = (rows[key(k)] for k in ("Idiomatic", "Split", "Loops", "Unrolled", "BestEffort"))
        print(f"| 16-32-10 {method} | {show(i[0])} | {show(s[0])} | {show(l[0])} | {show(u[0])} | {show(b[0])} | {s[0] / i[0]:.2f} | {s[0] / l[0]:.2f} | {allocated(i[1], s[1], l[1], u[1], b[1])} |")
    for method in ("Forward", "TrainStep"):
        key = lambda impl: ("LayoutBenchmarks", f"Narrow{method}_{impl}")
        if key("Split") not in rows:
            continue
        i, s, l = (rows[key(k)] for k in ("Idiomatic", "Split", "Loops"))
        print(f"| 4-64-3 {method} | {show(i[0])} | {show(s[0])} | {show(l[0])} | | | {s[0] / i[0]:.2f} | {s[0] / l[0]:.2f} | {allocated(i[1], s[1], l[1])} |")
    print()
    print("| Kernel (double) | Generated | TensorPrimitives | TensorPrimitives / generated |")
    print("|---|--:|--:|--:|")
    for kernel, generated, reference in (("Dot, 784 elements", "Dot784_Generated", "Dot784_TensorPrimitives"),
                                         ("AddScaled / MultiplyAdd, 784 elements", "AddScaled784_Generated", "AddScaled784_TensorPrimitives"),
                                         ("tanh of 128 neurons (Math.Tanh per neuron / TensorPrimitives.Tanh)", "Tanh128_GeneratedScalar", "Tanh128_TensorPrimitives")):
        if ("KernelBenchmarks", generated) in rows:
            g, r = rows[("KernelBenchmarks", generated)], rows[("KernelBenchmarks", reference)]
            print(f"| {kernel} | {show(g[0])} | {show(r[0])} | {r[0] / g[0]:.2f} |")


if __name__ == "__main__":
    main()
