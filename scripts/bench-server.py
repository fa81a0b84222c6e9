#!/usr/bin/env python3
"""Re-check time of `doclint server` on a 1 MB document after an edit.

Starts the server (release build by default), opens a 1 MiB document made
of the seed documents in corpus/, then makes edits one at a time, each an
incremental `didChange` that adds a line with a double space, and times
from sending the change to receiving the document's new diagnostics. The
debounce is set to 0 ms, so the figure is the server's own work: applying
the change, checking the whole document, deciding the corpus, converting
positions and writing the notification. Prints the median and the worst.

    python3 scripts/bench-server.py [--bin target/release/doclint] [--edits 30]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def send(proc, message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(proc):
    length = None
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))


def wait_diagnostics(proc, uri, version):
    while True:
        message = receive(proc)
        params = message.get("params") or {}
        if (message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri and params.get("version") == version):
            return params["diagnostics"]


def cpu_ms(pid):
    """CPU time (user + system, all threads) of a process so far, in ms:
    on a shared machine wall time also counts the waits for a core."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, "target/release/doclint"))
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--size", type=int, default=1 << 20)
    args = parser.parse_args()

    seeds = sorted(os.path.join(ROOT, "corpus", f) for f in os.listdir(os.path.join(ROOT, "corpus")))
    seed_text = "".join(open(f, encoding="utf-8").read() + "\n" for f in seeds)
    text = (seed_text * (args.size // len(seed_text) + 1))[: args.size]
    text = text[: text.rfind("\n") + 1]
    workspace = tempfile.mkdtemp(prefix="doclint-bench-")
    path = os.path.join(workspace, "big.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    uri = "file://" + path
    proc = subprocess.Popen([args.bin, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=workspace)
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": "file://" + workspace, "capabilities": {},
        "initializationOptions": {"debounceMs": 0}}})
    while receive(proc).get("id") != 1:
        pass
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    started = time.perf_counter()
    send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    found = wait_diagnostics(proc, uri, 1)
    opened = time.perf_counter() - started
    lines = text.count("\n")
    times = []
    cpu = []
    for edit in range(args.edits):
        version = edit + 2
        line = (edit * 7919) % lines
        change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
                  "text": "An  added line.\n"}
        started = time.perf_counter()
        cpu_started = cpu_ms(proc.pid)
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        wait_diagnostics(proc, uri, version)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append(cpu_ms(proc.pid) - cpu_started)
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    while receive(proc).get("id") != 2:
        pass
    send(proc, {"jsonrpc": "2.0", "method": "exit", "params": None})
    proc.wait(timeout=30)
    print(f"document: {len(text.encode())} bytes, {lines} lines, {len(found)} findings; "
          f"first check {opened * 1000:.0f} ms")
    print(f"re-check after an edit ({args.edits} edits): median {statistics.median(times):.1f} ms, "
          f"min {min(times):.1f} ms, max {max(times):.1f} ms (wall clock)")
    print(f"server CPU time per re-check: median {statistics.median(cpu):.0f} ms, "
          f"min {min(cpu):.0f} ms, max {max(cpu):.0f} ms (clock ticks of {1000 / os.sysconf('SC_CLK_TCK'):.0f} ms)")


if __name__ == "__main__":
    sys.exit(main())
