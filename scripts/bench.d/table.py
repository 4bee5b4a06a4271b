#!/usr/bin/env python3
"""Prints scripts/bench's results file as the Markdown tables of docs/PERFORMANCE.md."""
import statistics
import sys
import time

CHUNKS = 19  # content chunks in openai-stream.sse

rows = []
for line in open(sys.argv[1]):
    tag, *fields = line.split()
    rows.append((tag, dict(f.split("=", 1) for f in fields)))


def of(tag, **match):
    return [r for t, r in rows if t == tag and all(r.get(k) == v for k, v in match.items())]


def median(values):
    return statistics.median(values) if values else 0


def ms(us):
    return "%.2f ms" % (us / 1000)


machine = of("MACHINE")[0]
print("Conduit benchmark, %s UTC; %s CPUs (%s), Linux %s" % (
    time.strftime("%Y-%m-%d %H:%M", time.gmtime()), machine["cpus"], machine["model"].replace("_", " "),
    machine["kernel"]))
rounds = of("ROUND", target="direct", kind="whole")
print("wrk -t2 closed loop, %d round(s) of %.0f s per line, direct, via Conduit and via the bare proxy alternating;"
      " medians of the rounds;" % (len(rounds), int(rounds[0]["duration_us"]) / 1e6 if rounds else 0))
print("gateway CPU = utime+stime of the Conduit (or bare proxy) process (/proc) over the requests it served.")
print("The bare proxy is Jetty's server and client as the worker uses them, passing bodies through untouched.\n")
print("| load | req/s | p50 | p90 | p99 | errors | of direct | added p50 | gateway CPU/request |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
LABELS = {"direct": "direct to mock", "conduit": "via Conduit", "bare": "via the bare proxy"}
direct = {}
cpu_ms = {}
for kind in ("whole", "stream"):
    for target in ("direct", "conduit", "bare"):
        runs = of("ROUND", target=target, kind=kind)
        if not runs:
            continue
        rate = median([int(r["requests"]) / (int(r["duration_us"]) / 1e6) for r in runs])
        p50 = median([int(r["p50_us"]) for r in runs])
        errors = sum(int(r["errors"]) + int(r["non2xx"]) for r in runs)
        requests = sum(int(r["requests"]) for r in runs)
        if target == "direct":
            direct[kind] = (rate, p50)
            share, added, cpu = "100%", "", ""
        else:
            share = "%.1f%%" % (100 * rate / direct[kind][0]) if direct[kind][0] else "-"
            added = ms(p50 - direct[kind][1])
            ticks = sum(int(r["cpu_ticks"]) for r in runs)
            cpu_ms[(target, kind)] = ticks * 1000 / int(runs[0]["clk_tck"]) / max(1, requests)
            cpu = "%.3f ms" % cpu_ms[(target, kind)]
        print("| %s, %s, c=32 | %.0f | %s | %s | %s | %d of %d | %s | %s | %s |" % (
            LABELS[target], "whole" if kind == "whole" else "stream",
            rate, ms(p50), ms(median([int(r["p90_us"]) for r in runs])), ms(median([int(r["p99_us"]) for r in runs])),
            errors, requests, share, added, cpu))
for r in of("LOAD128"):
    requests = int(r["requests"])
    print("| via Conduit, whole, c=128 | %.0f | %s | %s | %s | %d of %d | %s | | %.3f ms |" % (
        requests / (int(r["duration_us"]) / 1e6), ms(int(r["p50_us"])), ms(int(r["p90_us"])), ms(int(r["p99_us"])),
        int(r["errors"]) + int(r["non2xx"]), requests,
        "%.1f%%" % (100 * requests / (int(r["duration_us"]) / 1e6) / direct["whole"][0]) if direct.get("whole") else "-",
        int(r["cpu_ticks"]) * 1000 / int(r["clk_tck"]) / max(1, requests)))
if ("bare", "whole") in cpu_ms and ("conduit", "whole") in cpu_ms:
    conduit, bare = cpu_ms[("conduit", "whole")], cpu_ms[("bare", "whole")]
    print("\nCPU per whole answer: Conduit %.3f ms, the bare proxy %.3f ms (%.2f×): +%.3f ms for Conduit's own work"
          " and what its lower rate costs the stack." % (conduit, bare, conduit / bare if bare else 0, conduit - bare))

latency = {(r["target"], r["kind"]): r for r in of("LATENCY")}
if latency:
    print("\nUnloaded: one request at a time on a keep-alive connection (Python client), direct and via Conduit alternating.\n")
    print("| what | direct p50 / p99 | via Conduit p50 / p99 | added p50 / p99 |")
    print("|---|---:|---:|---:|")
    for label, kind, key in (("whole answer", "whole", ""), ("stream, first byte", "stream", "head_"),
                             ("stream, whole (%d chunks)" % CHUNKS, "stream", "")):
        d, c = latency[("direct", kind)], latency[("conduit", kind)]
        print("| %s | %s / %s | %s / %s | %s / %s |" % (
            label, ms(int(d[key + "p50_us"])), ms(int(d[key + "p99_us"])), ms(int(c[key + "p50_us"])),
            ms(int(c[key + "p99_us"])), ms(int(c[key + "p50_us"]) - int(d[key + "p50_us"])),
            ms(int(c[key + "p99_us"]) - int(d[key + "p99_us"]))))
    d, c = latency[("direct", "stream")], latency[("conduit", "stream")]
    per_chunk = ((int(c["p50_us"]) - int(d["p50_us"])) - (int(c["head_p50_us"]) - int(d["head_p50_us"]))) / CHUNKS
    print("\nadded per chunk after the first byte (p50, whole minus first byte, over %d chunks): %.0f µs" % (CHUNKS, per_chunk))

print("\n| start and memory | value |")
print("|---|---:|")
starts = [int(r["ms"]) for r in of("START")]
if starts:
    print("| launch to first 200 of /health, median of %d (min–max) | %d ms (%d–%d) |" % (
        len(starts), median(starts), min(starts), max(starts)))
for r in of("IDLE"):
    print("| idle RSS, 1 s after the first 200 | %.0f MiB |" % (int(r["rss_kib"]) / 1024))
for r in of("PEAK128"):
    print("| peak RSS (VmHWM) after the c=128 round | %.0f MiB |" % (int(r["rss_kib"]) / 1024))
for r, s in zip(of("STREAMSRSS"), of("STREAMS")):
    print("| %s concurrent streams via Conduit (%s chunks, one per %s ms): completed / failed / stalled | %s / %s / %s |" % (
        r["streams"], r["chunks"], r["interval_ms"], s["completed"], s["failed"], s["stalled"]))
    print("| … longest pause between two reads of one stream; the same once all had started; slowest stream "
          "| %s ms; %s ms; %s s |" % (s["max_gap_ms"], s["steady_gap_ms"], s["slowest_s"]))
    for d in of("STREAMSDIRECT"):
        print("| … the same client direct to the mock (baseline): completed / failed / stalled; longest pause; "
              "once all had started; slowest | %s / %s / %s; %s ms; %s ms; %s s |" % (
                  d["completed"], d["failed"], d["stalled"], d["max_gap_ms"], d["steady_gap_ms"], d["slowest_s"]))
    print("| … peak RSS during the stream test | %.0f MiB |" % (int(r["peak_kib"]) / 1024))
for r in of("IMAGE"):
    print("| runtime image on disk (of it the AOT cache) | %.0f MiB (%.0f MiB) |" % (
        int(r["kib"]) / 1024, int(r["aot_kib"]) / 1024))
