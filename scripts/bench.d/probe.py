#!/usr/bin/env python3
"""Single-request probes of scripts/bench.

  probe.py check GATEWAY_PORT BODY STREAM_BODY COMPLETION STREAM
      verifies that Conduit answers the benchmark's requests with the real translation of the
      mock's answers: a 200 Anthropic message with the completion's text, and a 200 Anthropic
      event stream with the stream's text in order, ending in message_stop. Exits 1 otherwise.
  probe.py latency DIRECT_PORT GATEWAY_PORT BODY STREAM_BODY SECONDS
      unloaded latency: one request at a time on keep-alive connections, direct and via Conduit
      alternating, for SECONDS. Prints RESULT lines with p50/p99 of the whole response and of the
      time to the first byte of the response head, in microseconds.
"""
import http.client
import json
import sys
import time

HEADERS = {"Content-Type": "application/json", "anthropic-version": "2023-06-01", "x-api-key": "sk-bench"}
DIRECT = {"stream": "/stream/v1/chat/completions", "whole": "/v1/chat/completions"}


def post(connection, path, body):
    connection.request("POST", path, body, HEADERS)
    response = connection.getresponse()
    return response.status, response.read().decode()


def check(port, body, stream_body, completion, stream):
    expected = json.loads(completion)["choices"][0]["message"]["content"]
    pieces = []
    for line in stream.splitlines():
        if line.startswith("data: {"):
            for choice in json.loads(line[6:]).get("choices", []):
                pieces.append(choice.get("delta", {}).get("content") or "")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    status, text = post(connection, "/v1/messages", body)
    answer = json.loads(text) if status == 200 else {}
    got = "".join(b.get("text", "") for b in answer.get("content", []) if b.get("type") == "text")
    if status != 200 or answer.get("type") != "message" or got != expected or answer.get("stop_reason") != "end_turn":
        sys.exit("whole answer via Conduit is not the translated mock answer: %d %s" % (status, text[:300]))
    status, text = post(connection, "/v1/messages", stream_body)
    events, deltas = [], []
    for block in text.split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in lines:
            events.append(lines["event"])
            data = json.loads(lines["data"])
            if data.get("type") == "content_block_delta" and data["delta"].get("type") == "text_delta":
                deltas.append(data["delta"]["text"])
    if status != 200 or events[:1] != ["message_start"] or events[-1:] != ["message_stop"] \
            or "".join(deltas) != "".join(pieces):
        sys.exit("stream via Conduit is not the translated mock stream: %d %s" % (status, text[:300]))
    print("check: whole answer and stream via Conduit are the translated mock answers (%d text deltas)" % len(deltas))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def latency(direct_port, gateway_port, body, stream_body, seconds):
    targets = {
        "direct": http.client.HTTPConnection("127.0.0.1", direct_port, timeout=10),
        "conduit": http.client.HTTPConnection("127.0.0.1", gateway_port, timeout=10),
    }
    samples = {(t, k): ([], []) for t in targets for k in DIRECT}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for kind, payload in (("whole", body), ("stream", stream_body)):
            for target, connection in targets.items():
                path = DIRECT[kind] if target == "direct" else "/v1/messages"
                started = time.perf_counter_ns()
                connection.request("POST", path, payload, HEADERS)
                response = connection.getresponse()
                first = time.perf_counter_ns()
                response.read()
                done = time.perf_counter_ns()
                if response.status != 200:
                    sys.exit("%s %s answered %d" % (target, kind, response.status))
                samples[(target, kind)][0].append((done - started) // 1000)
                samples[(target, kind)][1].append((first - started) // 1000)
    for (target, kind), (whole, head) in samples.items():
        print("RESULT target=%s kind=%s n=%d p50_us=%d p99_us=%d head_p50_us=%d head_p99_us=%d" % (
            target, kind, len(whole), percentile(whole, 50), percentile(whole, 99),
            percentile(head, 50), percentile(head, 99)))


def main():
    read = lambda name: open(name, "rb").read()
    if sys.argv[1] == "check":
        check(int(sys.argv[2]), read(sys.argv[3]), read(sys.argv[4]), read(sys.argv[5]).decode(),
              read(sys.argv[6]).decode())
    else:
        latency(int(sys.argv[2]), int(sys.argv[3]), read(sys.argv[4]), read(sys.argv[5]), float(sys.argv[6]))


main()
