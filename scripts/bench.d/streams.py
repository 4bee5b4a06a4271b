#!/usr/bin/env python3
"""The concurrent-stream test of scripts/bench, in two processes.

  streams.py upstream PORT CHUNKS INTERVAL_MS
      an OpenAI-compatible mock that answers every POST with a stream of CHUNKS content chunks,
      one every INTERVAL_MS, then a finish chunk, a usage chunk and [DONE] (HTTP/1.1 keep-alive,
      chunked). Prints "ready" once it listens on 127.0.0.1:PORT.
  streams.py clients URL BODY_FILE STREAMS CHUNKS TIMEOUT_S [openai]
      opens STREAMS connections at once, POSTs BODY_FILE on each and reads the stream to its end:
      Anthropic's (via Conduit), or with "openai" the mock's own (direct, the baseline). Prints one
      RESULT line: streams completed, failed, the longest gap between two reads, the longest gap
      once every stream had its first byte (after the start burst) and the slowest stream. A
      stream that is not a 200 with CHUNKS text deltas and its end (message_stop, or [DONE])
      counts as failed.
"""
import asyncio
import json
import sys
import time


async def upstream(port, chunks, interval):
    def chunk(obj):
        data = b"data: " + json.dumps(obj, separators=(",", ":")).encode() + b"\n\n"
        return b"%x\r\n%s\r\n" % (len(data), data)

    base = {"id": "chatcmpl-drip", "object": "chat.completion.chunk", "created": 1764000000, "model": "drip"}

    async def serve(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length, close = 0, False
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                    close = close or line.lower() == b"connection: close"
                await reader.readexactly(length)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                             b"Transfer-Encoding: chunked\r\n\r\n")
                writer.write(chunk({**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                                          "finish_reason": None}]}))
                for i in range(chunks):
                    await asyncio.sleep(interval)
                    writer.write(chunk({**base, "choices": [{"index": 0, "delta": {"content": "word%d " % i},
                                                              "finish_reason": None}]}))
                    await writer.drain()
                writer.write(chunk({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}))
                writer.write(chunk({**base, "choices": [],
                                    "usage": {"prompt_tokens": 10, "completion_tokens": chunks, "total_tokens": 10 + chunks}}))
                writer.write(b"e\r\ndata: [DONE]\n\n\r\n0\r\n\r\n")
                await writer.drain()
                if close:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=4096)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


async def clients(url, body, streams, chunks, timeout, openai):
    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
    path = "/" + url.split("//", 1)[1].split("/", 1)[1]
    request = (b"POST %s HTTP/1.1\r\nHost: %s:%s\r\nContent-Type: application/json\r\n"
               b"anthropic-version: 2023-06-01\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
               % (path.encode(), host.encode(), port.encode(), len(body))) + body
    gaps, durations, failures = [], [], []
    reads = []  # per completed stream: the times of its reads

    async def one(index):
        started = time.monotonic()
        try:
            reader, writer = await asyncio.open_connection(host, int(port))
            writer.write(request)
            await writer.drain()
            received = bytearray()
            times = []
            while True:
                piece = await reader.read(65536)
                if not piece:
                    break
                times.append(time.monotonic())
                received += piece
            writer.close()
            text = received.decode("utf-8", "replace")
            deltas = text.count('"content":"word' if openai else '"type":"text_delta"')
            end = "data: [DONE]" if openai else "event: message_stop"
            if not text.startswith("HTTP/1.1 200") or end not in text or deltas < chunks:
                failures.append("stream %d: %s" % (index, text[:200].replace("\r\n", " | ")))
            else:
                gaps.append(max((b - a for a, b in zip(times, times[1:])), default=0.0))
                reads.append(times)
                durations.append(time.monotonic() - started)
        except Exception as e:  # noqa: BLE001 - every failure is reported, none stops the test
            failures.append("stream %d: %r" % (index, e))

    try:
        await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(streams))), timeout)
    except asyncio.TimeoutError:
        pass
    completed = len(durations)
    # a pause while thousands of streams are still being opened is the start burst, not a stall
    all_started = max((times[0] for times in reads), default=0.0)
    steady_gaps = [b - a for times in reads for a, b in zip(times, times[1:]) if a >= all_started]
    print("RESULT completed=%d failed=%d stalled=%d max_gap_ms=%d steady_gap_ms=%d slowest_s=%.2f" % (
        completed, len(failures), streams - completed - len(failures),
        max(gaps, default=0) * 1000, max(steady_gaps, default=0) * 1000, max(durations, default=0)))
    for failure in failures[:3]:
        print("  " + failure)


def main():
    if sys.argv[1] == "upstream":
        asyncio.run(upstream(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]) / 1000))
    else:
        body = open(sys.argv[3], "rb").read()
        asyncio.run(clients(sys.argv[2], body, int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]),
                            sys.argv[7:] == ["openai"]))


main()
