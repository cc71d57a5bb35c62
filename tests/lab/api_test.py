#!/usr/bin/env python3
"""The lab's JSON API over real HTTP: `mlsysim lab --port 0` on loopback, every route, the error
statuses (400/404/405/413) with the CLI's error object, /api/solve answers byte for byte equal to
`mlsysim solve --jsonl`, then a few hundred malformed requests after which the server still
answers.

Usage: api_test.py MLSYSIM_CLI"""
import json
import os
import random
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lab_server import Lab  # noqa: E402

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


def error_of(body):
    e = json.loads(body)["error"]
    assert set(e) <= {"code", "field", "message"} and "code" in e and "message" in e, e
    return e


def jsonl(cli, resolver, line):
    out = subprocess.run([cli, "solve", resolver, "--jsonl"], input=line + "\n",
                         capture_output=True, text=True, check=True)
    return out.stdout.encode()


def routes(lab, cli):
    s, ct, body = lab.request("GET", "/")
    check(s == 200 and ct.startswith("text/html") and b"<html" in body, "GET / serves the page")
    for path, kind in (("/app.js", "text/javascript"), ("/app.css", "text/css")):
        s, ct, body = lab.request("GET", path)
        check(s == 200 and ct.startswith(kind) and body, f"GET {path}")
    s, ct, body = lab.request("GET", "/api/zoo")
    zoo = json.loads(body)
    check(s == 200 and "Hardware.Cloud.H100" in zoo and "Models.Language.Llama3_8B" in zoo,
          "GET /api/zoo lists the registry")
    cli_zoo = subprocess.run([cli, "zoo", "--output", "json"], capture_output=True, check=True)
    check(body == cli_zoo.stdout, "GET /api/zoo is `zoo --output json`")
    s, ct, body = lab.request("GET", "/api/schema")
    names = [r["resolver"] for r in json.loads(body)]
    check(s == 200 and "ServingModel" in names and "DSE" in names, "GET /api/schema")
    s, ct, body = lab.request("GET", "/api/schema/ServingModel")
    cli_schema = subprocess.run([cli, "schema", "ServingModel"], capture_output=True, check=True)
    check(s == 200 and json.loads(body) == json.loads(cli_schema.stdout),
          "GET /api/schema/ServingModel is `schema ServingModel`")

    # /api/solve answers exactly what `solve --jsonl` writes, results and errors alike.
    cases = [
        ("ServingModel", '{"model": "Llama3_8B", "hardware": "H100", "seq_len": 2048, "batch_size": 4}', 200),
        ("ServingModel", '{"model": "Llama3_70B", "hardware": "H100", "seq_len": 2048}', 200),  # infeasible
        ("Engine", '{"model": "Llama3_8B", "hardware": "A100", "batch_size": 8, "precision": "fp8"}', 200),
        ("EconomicsModel", '{"fleet": "Research_256", "duration_days": 30, "grid": "Quebec"}', 200),
        ("ServingModel", '{"model": "Llama3_8B", "hardware": "H100", "seq_len": 0}', 400),
        ("ServingModel", '{"model": "Llama3_8B", "hardware": "H1000", "seq_len": 1}', 400),
        ("ServingModel", '{"model": "Llama3_8B", "hardware": "H100", "seq_len": 1, "colour": 1}', 400),
        ("ServingModel", '{"model": ', 400),
        ("Engine", '[1, 2]', 400),
    ]
    for resolver, line, status in cases:
        s, ct, body = lab.request("POST", f"/api/solve/{resolver}", line.encode())
        want = jsonl(cli, resolver, line)
        check(s == status and ct == "application/json", f"POST /api/solve/{resolver} {line}: {s}")
        check(body == want, f"/api/solve/{resolver} {line} equals solve --jsonl byte for byte\n"
                            f"  api:   {body[:200]!r}\n  jsonl: {want[:200]!r}")
        if status == 400:
            error_of(body)

    s, ct, body = lab.request("POST", "/api/plot/roofline",
                              json.dumps({"hardware": "H100", "workloads": ["Llama3_8B"]}).encode())
    check(s == 200 and ct.startswith("image/svg+xml") and b"<svg" in body, "POST /api/plot/roofline")
    s, ct, body = lab.request("POST", "/api/plot/roofline", b'{"hardware": "H1000"}')
    check(s == 400 and error_of(body)["field"] == "hardware", "plot: unknown device -> 400")


def http_errors(lab):
    s, _, body = lab.request("GET", "/no/such/path")
    check(s == 404 and error_of(body)["code"] == "http.not_found", "unknown path -> 404")
    s, _, body = lab.request("POST", "/api/solve/ServingModle", b"{}")
    e = error_of(body)
    check(s == 404 and e["code"] == "input.unknown_entry" and "ServingModel" in e["message"],
          "unknown resolver -> 404 with did-you-mean")
    for method, path in (("GET", "/api/solve/ServingModel"), ("DELETE", "/api/zoo"),
                         ("PUT", "/"), ("GET", "/api/plot/roofline")):
        s, _, body = lab.request(method, path)
        check(s == 405 and error_of(body)["code"] == "http.method_not_allowed",
              f"{method} {path} -> 405")
    big = b"{" + b" " * (1 << 20) + b"}"
    s, _, body = lab.request("POST", "/api/solve/ServingModel", big)
    check(s == 413 and error_of(body)["code"] == "http.too_large", f"body over 1 MiB -> 413 ({s})")
    ok = b'{"model": "Llama3_8B", "hardware": "H100", "seq_len": 2048' + b" " * ((1 << 20) - 80) + b"}"
    s, _, _ = lab.request("POST", "/api/solve/ServingModel", ok)
    check(s == 200, f"a body just under 1 MiB is read ({s})")


def raw(lab, data, timeout=3):
    """Sends bytes on a fresh socket; returns what comes back (possibly nothing)."""
    with socket.create_connection(("127.0.0.1", lab.port), timeout=timeout) as so:
        try:
            so.sendall(data)
            so.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                c = so.recv(65536)
                if not c:
                    break
                chunks.append(c)
            return b"".join(chunks)
        except (ConnectionResetError, BrokenPipeError, socket.timeout):
            return b""


def malformed(lab):
    rng = random.Random(12)
    sent = 0
    resolvers = ["ServingModel", "Engine", "DSE", "DistributedModel", "EconomicsModel"]
    # Random bytes as whole requests.
    for _ in range(100):
        raw(lab, bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 400))))
        sent += 1
    # Bad JSON and odd values through a well-formed request.
    bodies = [b"", b"{", b"}", b"null", b"[]", b'"x"', b"1e999", b'{"model": 1}',
              b'{"model": {"workload": {}}}', b'{"hardware": [[[[[[[[]]]]]]]]}',
              b'{"seq_len": -1, "model": "Llama3_8B", "hardware": "H100"}',
              b'{"seq_len": 1e300, "model": "Llama3_8B", "hardware": "H100"}',
              b'{"batch_size": "NaN", "model": "Llama3_8B", "hardware": "H100", "seq_len": 1}',
              b"\xff\xfe\x00", b'{"a": "\\ud800"}', b"[" * 5000 + b"]" * 5000,
              b'{"space": {"batch_size": []}, "objective": "minimize: latency"}']
    for _ in range(150):
        body = rng.choice(bodies)
        if rng.random() < 0.3:
            body = bytes(b ^ rng.getrandbits(8) if rng.random() < 0.05 else b for b in body)
        s, _, resp = lab.request("POST", f"/api/solve/{rng.choice(resolvers)}", body)
        check(s in (200, 400), f"malformed body {body[:40]!r} -> {s}")
        if s == 400:
            error_of(resp)
        sent += 1
    # Huge headers, long paths, wrong methods, a lying Content-Length.
    for _ in range(20):
        raw(lab, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n")
        raw(lab, b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        raw(lab, b"POST /api/solve/Engine HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n{}")
        raw(lab, b"BREW /api/zoo HTTP/1.1\r\nHost: x\r\n\r\n")
        raw(lab, b"POST /api/solve/Engine HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        sent += 5
    for method in ("PATCH", "OPTIONS", "DELETE", "PUT"):
        s, _, body = lab.request(method, "/api/solve/Engine", b"{}")
        check(s == 405, f"{method} /api/solve/Engine -> 405 ({s})")
        sent += 1
    check(lab.alive(), "the server survives the malformed requests")
    s, _, body = lab.request("POST", "/api/solve/ServingModel",
                             b'{"model": "Llama3_8B", "hardware": "H100", "seq_len": 2048}')
    check(s == 200 and b"ttft" in body, "and still answers afterwards")
    print(f"{sent} malformed requests sent; the server still answers")


def host_warning(cli):
    lab = Lab(cli, "--host", "0.0.0.0")
    try:
        check(any("warning" in l for l in lab.stderr_lines), "--host 0.0.0.0 warns")
    finally:
        lab.stop()
    lab = Lab(cli)
    try:
        check(not any("warning" in l for l in lab.stderr_lines), "loopback does not warn")
        check(lab.stderr_lines[-1].startswith("mlsysim lab: http://127.0.0.1:"), "binds to loopback")
    finally:
        rc = lab.stop()
        check(rc == 0, f"SIGTERM stops the lab with exit 0 (got {rc})")


def bad_ports(cli, busy):
    for port in ("70000", "-1", str(busy)):
        r = subprocess.run([cli, "lab", "--port", port], capture_output=True, text=True, timeout=20)
        check(r.returncode == 1 and "error: port" in r.stderr,
              f"lab --port {port}: exit 1 naming the port (got {r.returncode}: {r.stderr.strip()})")


def main():
    cli = sys.argv[1]
    lab = Lab(cli)
    try:
        routes(lab, cli)
        http_errors(lab)
        malformed(lab)
        bad_ports(cli, lab.port)
    finally:
        lab.stop()
    host_warning(cli)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
