#!/usr/bin/env python3
"""`mlsysim mcp` driven by a scripted Model Context Protocol client over stdio: initialize, the
initialized notification, list the tools, call ServingModel (the answer equals `solve --jsonl`),
call it with a bad input (isError with the CLI's error object), eval, dse, zoo, and the JSON-RPC
errors (-32700, -32600, -32601, -32602).

Usage: mcp_test.py MLSYSIM_CLI"""
import json
import subprocess
import sys

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


class Client:
    def __init__(self, cli):
        self.proc = subprocess.Popen([cli, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, bufsize=1)
        self.next_id = 0

    def send(self, obj_or_line):
        line = obj_or_line if isinstance(obj_or_line, str) else json.dumps(obj_or_line)
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def recv(self):
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("mcp closed stdout: " + self.proc.stderr.read())
        return json.loads(line)

    def call(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        answer = self.recv()
        check(answer.get("id") == self.next_id and answer.get("jsonrpc") == "2.0",
              f"{method}: the answer carries id {self.next_id}")
        return answer

    def close(self):
        self.proc.stdin.close()
        return self.proc.wait(timeout=10)


def jsonl(cli, resolver, inputs):
    out = subprocess.run([cli, "solve", resolver, "--jsonl"], input=json.dumps(inputs) + "\n",
                         capture_output=True, text=True, check=True)
    return out.stdout.rstrip("\n")


def main():
    cli = sys.argv[1]
    c = Client(cli)
    init = c.call("initialize", {"protocolVersion": "2024-11-05", "capabilities": {},
                                 "clientInfo": {"name": "mcp_test", "version": "1"}})["result"]
    check(init["protocolVersion"] == "2024-11-05", "initialize: protocol 2024-11-05")
    check("tools" in init["capabilities"], "initialize: the tools capability")
    check(init["serverInfo"]["name"] == "mlsysim", "initialize: serverInfo")
    c.send({"jsonrpc": "2.0", "method": "notifications/initialized"})  # no answer
    check(c.call("ping")["result"] == {}, "ping")

    tools = {t["name"]: t for t in c.call("tools/list")["result"]["tools"]}
    schema = json.loads(subprocess.run([cli, "schema"], capture_output=True, check=True).stdout)
    for r in schema:
        check(r["resolver"] in tools, f"tools/list has {r['resolver']}")
    for extra in ("eval", "dse", "zoo"):
        check(extra in tools, f"tools/list has {extra}")
    serving = tools["ServingModel"]["inputSchema"]
    full = json.loads(subprocess.run([cli, "schema", "ServingModel"], capture_output=True,
                                     check=True).stdout)
    check(sorted(serving["properties"]) == sorted(f["name"] for f in full["inputs"]),
          "ServingModel's inputSchema has the fields `schema ServingModel` lists")
    check(sorted(serving["required"]) == sorted(f["name"] for f in full["inputs"] if f["required"]),
          "ServingModel's inputSchema requires what `schema` marks required")
    check(serving["properties"]["seq_len"]["type"] == "integer" and
          serving["properties"]["seq_len"]["minimum"] == 1, "seq_len: integer, minimum 1")
    check(serving["properties"]["efficiency"]["exclusiveMinimum"] == 0, "efficiency: (0, 1]")

    args = {"model": "Llama3_8B", "hardware": "H100", "seq_len": 2048, "batch_size": 4}
    res = c.call("tools/call", {"name": "ServingModel", "arguments": args})["result"]
    check(res["isError"] is False, "ServingModel call succeeds")
    check(res["content"][0]["type"] == "text" and
          res["content"][0]["text"] == jsonl(cli, "ServingModel", args),
          "ServingModel answers the `solve --jsonl` line")

    bad = dict(args, batch_size=-3)
    res = c.call("tools/call", {"name": "ServingModel", "arguments": bad})["result"]
    err = json.loads(res["content"][0]["text"])["error"]
    check(res["isError"] is True and err["code"] == "input.out_of_range" and
          err["field"] == "batch_size", "a bad input is isError with the CLI's error object")
    check(res["content"][0]["text"] == jsonl(cli, "ServingModel", bad), "... the same as solve --jsonl")

    res = c.call("tools/call", {"name": "eval", "arguments": {"model": "Llama3_8B",
                                                              "hardware": "H100"}})["result"]
    check(not res["isError"] and "latency" in json.loads(res["content"][0]["text"])["outputs"],
          "eval")
    spec = ("space: {batch_size: [1, 8, 64]}\nobjective: minimize latency\n"
            "evaluator: {resolver: Engine, fixed: {model: Llama3_8B, hardware: H100}}\n")
    res = c.call("tools/call", {"name": "dse", "arguments": {"spec": spec}})["result"]
    check(not res["isError"] and
          json.loads(res["content"][0]["text"])["outputs"]["best_params"] == {"batch_size": 1},
          "dse from a YAML spec")
    res = c.call("tools/call", {"name": "zoo", "arguments": {"group": "hardware"}})["result"]
    check("Hardware.Cloud.H100" in json.loads(res["content"][0]["text"])["outputs"], "zoo")

    # JSON-RPC errors.
    c.send("{not json")
    check(c.recv()["error"]["code"] == -32700, "parse error -32700")
    c.send({"id": 99, "method": "ping"})
    check(c.recv()["error"]["code"] == -32600, "no jsonrpc member: -32600")
    check(c.call("no/such/method")["error"]["code"] == -32601, "unknown method -32601")
    check(c.call("tools/call", {"name": "NoSuchTool"})["error"]["code"] == -32602,
          "unknown tool -32602")
    check(c.call("tools/call", {"name": "ServingModel", "arguments": [1]})["error"]["code"] == -32602,
          "arguments not an object -32602")
    check(c.call("ping")["result"] == {}, "still answering")
    rc = c.close()
    check(rc == 0, f"exit 0 at end of input (got {rc})")
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print(f"ok: {len(tools)} tools")
    return 0


if __name__ == "__main__":
    sys.exit(main())
