#!/usr/bin/python3
"""A fake OpenAI-compatible Chat Completions server for tests and benchmarks.

Speaks HTTP/1.1 on loopback with chunked server-sent events, like the real API. Each request is
scripted by its model name: "fake" alone streams a normal answer; "fake:key=value,key=value"
picks a scenario and its parameters:

  scenario=normal      stream `tokens` pieces (default: a fixed answer with multibyte text)
  scenario=slow        stream `count` tokens at `rate` tokens per second
  scenario=status      answer HTTP `code` with an OpenAI-style error body of `error_code`,
                       `retry_after` (seconds) / `retry_after_ms` headers when given; with
                       `fail_first=N` only the first N requests of this `id` fail, then normal;
                       with `quote_key=1` the error message quotes the request's key, as
                       OpenAI's 401 body does (a server must never pass it on)
  scenario=stall       stream `after` tokens, then send nothing until the client goes away
  scenario=drop        stream `after` tokens, then reset the connection mid-stream
  scenario=malformed   stream `after` tokens, then an event whose data is not JSON
  scenario=error_event stream `after` tokens, then data: {"error": {...}} with `error_code`
  scenario=nodone      stream the answer and end the body without [DONE]
  scenario=auto        a plausible answer: the three analysis sections for an analysis prompt,
                       a short answer quoting the question for a chat prompt
  scenario=echo        stream the last user message back (without its directive)
  scenario=nonjson     HTTP `code` (default 200) with an HTML body
  scenario=plainjson   a non-streamed JSON completion
  scenario=redirect    307 to another URL
A `[[fake:key=value,...]]` directive in the last user message overrides the model name, so one
server can script many cases (e.g. a chat question "Why? [[fake:scenario=drop,after=3]]").
Common options: bytewise=1 (one byte per TCP write, including the chunked framing), crlf=1
(\r\n line endings), comments=1 (": keep-alive" comment lines between events), usage=0 (no usage
chunk even when asked), framing=close (no chunked encoding: the body ends with the connection),
delay_ms=N (before the first token), token_delay_ms=N (between tokens), id=X (groups requests for stats).

--certfile/--keyfile serve https instead of http.

GET /_stats?id=X returns {"requests": n, "disconnects": n, "last_authorization": "...",
"last_body": {...}, "gap_ms": n} for that id (gap_ms: between the last two requests' arrivals). Prints the listening port on stdout, then serves until killed.
"""

import argparse
import asyncio
import json
import os
import re
import socket
import ssl
import sys
import threading
import time
from urllib.parse import parse_qs, urlsplit

DEFAULT_TOKENS = ["## Qualification", " Assessment\n", "Strong match: ", "Python, ", "SQL", " and",
                  " café ", "résumé ", "naïve — ", "日本語", " ✓", " 🚀", " done."]

STATS = {}
LAST_ARRIVAL = {}  # id -> time.monotonic() of its latest request


def stats_for(key):
    return STATS.setdefault(key, {"requests": 0, "disconnects": 0, "last_authorization": "",
                                  "last_api_key": "", "last_body": None, "gap_ms": 0})


def parse_model(model):
    opts = {"scenario": "normal"}
    if model.startswith("fake:"):
        for part in model[5:].split(","):
            if "=" in part:
                k, v = part.split("=", 1)
                opts[k.strip()] = v.strip()
    return opts


DIRECTIVE = re.compile(r"\[\[(fake:[^\]\s]*)\]\]")


def parse_request(body):
    """The scenario of one request: the model name's, replaced by a `[[fake:...]]` directive in
    the last user message when there is one (so one server can script many end-to-end cases)."""
    opts = parse_model(str(body.get("model", "")))
    messages = body.get("messages") or []
    users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
    if users:
        found = DIRECTIVE.findall(str(users[-1].get("content", "")))
        if found:
            opts = parse_model(found[-1])
    return opts


class Conn:
    """One response on one connection, with the write options of the scenario."""

    def __init__(self, reader, writer, opts):
        self.reader = reader
        self.writer = writer
        self.bytewise = opts.get("bytewise") == "1"
        self.nl = "\r\n" if opts.get("crlf") == "1" else "\n"
        self.comments = opts.get("comments") == "1"
        # framing=close: no chunked encoding, the body ends when the connection closes.
        self.close_framed = opts.get("framing") == "close"

    async def raw(self, data):
        if self.bytewise:
            for i in range(len(data)):
                self.writer.write(data[i:i + 1])
                await self.writer.drain()
                await asyncio.sleep(0)  # let the loop send this byte before the next
        else:
            self.writer.write(data)
            await self.writer.drain()

    async def head(self, code, reason, headers):
        if self.close_framed:
            headers = [(k, v) for k, v in headers if k != "Transfer-Encoding"]
            headers.append(("Connection", "close"))
        lines = [f"HTTP/1.1 {code} {reason}"] + [f"{k}: {v}" for k, v in headers]
        await self.raw(("\r\n".join(lines) + "\r\n\r\n").encode())

    async def chunk(self, payload):
        if payload and self.close_framed:
            await self.raw(payload)
        elif payload:
            await self.raw(b"%x\r\n%s\r\n" % (len(payload), payload))

    async def event(self, data):
        text = ""
        if self.comments:
            text += ": keep-alive" + self.nl
        text += "data: " + data + self.nl + self.nl
        await self.chunk(text.encode())

    async def end(self):
        if not self.close_framed:
            await self.raw(b"0\r\n\r\n")


def chunk_json(content=None, finish=None, usage=False):
    body = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": "fake", "choices": [], "usage": None}
    if usage:
        body["usage"] = {"prompt_tokens": 42, "completion_tokens": 13, "total_tokens": 55}
    else:
        delta = {} if content is None else {"content": content}
        body["choices"] = [{"index": 0, "delta": delta, "finish_reason": finish}]
    return json.dumps(body, ensure_ascii=False)


def error_json(code, message="fake error"):
    etype = "insufficient_quota" if code == "insufficient_quota" else "server_error"
    return json.dumps({"error": {"message": message, "type": etype, "code": code}})


SSE_HEADERS = [("Content-Type", "text/event-stream"), ("Transfer-Encoding", "chunked"),
               ("Cache-Control", "no-cache"), ("x-request-id", "req_fake123")]


async def stream_tokens(conn, tokens, delay_s, start_delay_s, first_role=True):
    if start_delay_s:
        await asyncio.sleep(start_delay_s)
    if first_role:
        await conn.event(json.dumps({"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                                     "choices": [{"index": 0, "delta": {"role": "assistant",
                                                                        "content": ""},
                                                  "finish_reason": None}]}))
    for i, tok in enumerate(tokens):
        if i and delay_s:
            await asyncio.sleep(delay_s)
        await conn.event(chunk_json(tok))


async def stream_paced(conn, count, rate, start_delay_s):
    """Streams `count` tokens "tok<i> " on a fixed schedule of `rate` per second (no drift), with
    a prebuilt event per token so that hundreds of concurrent streams stay cheap."""
    loop = asyncio.get_running_loop()
    start = loop.time() + start_delay_s
    template = chunk_json("\x00")
    for i in range(count):
        wait = start + i / rate - loop.time()
        if wait > 0:
            await asyncio.sleep(wait)
        await conn.event(template.replace("\\u0000", "tok%d " % i))


def last_user_text(body):
    users = [m for m in (body or {}).get("messages") or []
             if isinstance(m, dict) and m.get("role") == "user"]
    return str(users[-1].get("content", "")) if users else ""


def split_words(text):
    """Pieces of a few characters each, like a model's tokens (whitespace kept)."""
    return re.findall(r"\S+\s*|\s+", text)


ANALYSIS = ("## Qualification Assessment\n\nYour background matches most of the core "
            "requirements of this role.\n\n## Missing Skills / Experience\n\n- Close the gaps the "
            "report lists as missing before applying.\n\n## Key Strengths\n\n- Your experience "
            "is directly relevant to the role.\n")


def auto_answer(body):
    """A plausible answer to whatever prompt arrives: the three analysis sections for an analysis
    prompt, a short coaching answer quoting the question otherwise."""
    system = " ".join(str(m.get("content", "")) for m in (body or {}).get("messages") or []
                      if isinstance(m, dict) and m.get("role") == "system")
    if "## Key Strengths" in system:
        return split_words(ANALYSIS)
    question = DIRECTIVE.sub("", last_user_text(body)).strip()
    return split_words("**From the AI coach.** You asked: \"%s\". Focus on the requirements "
                       "the report marks as missing, and give evidence with numbers." % question[:200])


async def respond(conn, method, path, headers, body, opts):
    key = opts.get("id", "default")
    st = stats_for(key)
    st["requests"] += 1
    now = time.monotonic()
    if key in LAST_ARRIVAL:
        st["gap_ms"] = int((now - LAST_ARRIVAL[key]) * 1000)
    LAST_ARRIVAL[key] = now
    st["last_authorization"] = headers.get("authorization", "")
    st["last_api_key"] = headers.get("api-key", "")
    st["last_body"] = body
    scenario = opts["scenario"]
    include_usage = bool((body or {}).get("stream_options", {}).get("include_usage")) and \
        opts.get("usage") != "0"
    delay0 = int(opts.get("delay_ms", "0")) / 1000.0

    if scenario == "status":
        fail_first = int(opts.get("fail_first", "1000000"))
        if st["requests"] <= fail_first:
            code = int(opts.get("code", "500"))
            hdrs = [("Content-Type", "application/json"), ("Connection", "close")]
            if "retry_after" in opts:
                hdrs.append(("Retry-After", opts["retry_after"]))
            if "retry_after_ms" in opts:
                hdrs.append(("retry-after-ms", opts["retry_after_ms"]))
            message = "fake error"
            if opts.get("quote_key") == "1":
                key = headers.get("authorization", "").removeprefix("Bearer ") or \
                    headers.get("api-key", "")
                message = "Incorrect API key provided: %s." % key
            payload = error_json(opts.get("error_code", "server_error"), message).encode()
            hdrs.append(("Content-Length", str(len(payload))))
            await conn.head(code, "Error", hdrs)
            await conn.raw(payload)
            return
        scenario = "normal"
    if scenario == "redirect":
        await conn.head(307, "Temporary Redirect", [("Location", "http://127.0.0.1:9/v1/chat/completions"),
                                                    ("Content-Length", "0"), ("Connection", "close")])
        return
    if scenario == "nonjson":
        payload = b"<html><body>Bad gateway</body></html>"
        await conn.head(int(opts.get("code", "200")), "OK",
                        [("Content-Type", "text/html"), ("Content-Length", str(len(payload))),
                         ("Connection", "close")])
        await conn.raw(payload)
        return
    if scenario == "plainjson":
        payload = json.dumps({"id": "x", "object": "chat.completion",
                              "choices": [{"index": 0, "message": {"role": "assistant",
                                                                   "content": "plain answer"},
                                           "finish_reason": "stop"}],
                              "usage": {"prompt_tokens": 5, "completion_tokens": 2}}).encode()
        await conn.head(200, "OK", [("Content-Type", "application/json"),
                                    ("Content-Length", str(len(payload))), ("Connection", "close")])
        await conn.raw(payload)
        return

    await conn.head(200, "OK", SSE_HEADERS)
    if scenario == "slow":
        count = int(opts.get("count", "20"))
        rate = float(opts.get("rate", "100"))
        await stream_paced(conn, count, rate, delay0)
    elif scenario in ("stall", "drop", "malformed", "error_event"):
        after = int(opts.get("after", "2"))
        await stream_tokens(conn, DEFAULT_TOKENS[:after], 0, delay0)
        if scenario == "stall":
            await asyncio.sleep(3600)
        elif scenario == "drop":
            sock = conn.writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            conn.writer.transport.abort()
            return
        elif scenario == "malformed":
            await conn.event('{"choices": [ {"delta": {"content": "x"')
            await asyncio.sleep(3600)
        else:
            await conn.event(error_json(opts.get("error_code", "server_error")))
            await asyncio.sleep(3600)
        return
    else:
        if scenario == "auto":
            tokens = auto_answer(body)
        elif scenario == "echo":
            tokens = split_words(DIRECTIVE.sub("", last_user_text(body)).strip() or "(empty)")
        else:
            tokens = opts["tokens"].split("|") if "tokens" in opts else DEFAULT_TOKENS
        await stream_tokens(conn, tokens, int(opts.get("token_delay_ms", "0")) / 1000.0, delay0)
    await conn.event(chunk_json(None, finish="stop"))
    if include_usage:
        await conn.event(chunk_json(usage=True))
    if scenario != "nodone":
        await conn.event("[DONE]")
    await conn.end()


async def read_request(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    length = int(headers.get("content-length", "0"))
    raw = await reader.readexactly(length) if length else b""
    return method, target, headers, raw


async def handle(reader, writer):
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    key = None
    try:
        method, target, headers, raw = await read_request(reader)
        url = urlsplit(target)
        if url.path == "/_stats":
            key = parse_qs(url.query).get("id", ["default"])[0]
            payload = json.dumps(stats_for(key)).encode()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d"
                         b"\r\nConnection: close\r\n\r\n%s" % (len(payload), payload))
            await writer.drain()
            return
        try:
            body = json.loads(raw.decode("utf-8")) if raw else {}
        except ValueError:
            body = {}
        opts = parse_request(body)
        key = opts.get("id", "default")
        conn = Conn(reader, writer, opts)
        # The client closing its side (cancel) ends the response at once, like a real upstream
        # that stops generating when the consumer goes away.
        responder = asyncio.ensure_future(respond(conn, method, url.path, headers, body, opts))
        watcher = asyncio.ensure_future(reader.read(1))
        done, _ = await asyncio.wait({responder, watcher}, return_when=asyncio.FIRST_COMPLETED)
        if watcher in done and not responder.done():
            stats_for(key)["disconnects"] += 1
            responder.cancel()
        else:
            watcher.cancel()
        try:
            await responder
        except (asyncio.CancelledError, ConnectionError):
            pass
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        if key is not None:
            stats_for(key)["disconnects"] += 1
    finally:
        try:
            writer.close()
        except Exception:  # noqa: BLE001 - closing a reset socket
            pass


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--certfile", help="serve https with this certificate chain (PEM)")
    parser.add_argument("--keyfile", help="the certificate's private key (PEM)")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="exit when stdin reaches end of file (the parent went away)")
    args = parser.parse_args()
    if args.exit_with_parent:
        def watch_stdin():
            while sys.stdin.buffer.read(4096):
                pass
            os._exit(0)
        threading.Thread(target=watch_stdin, daemon=True).start()
    tls = None
    if args.certfile:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.certfile, args.keyfile)
    server = await asyncio.start_server(handle, args.host, args.port, backlog=2048, ssl=tls)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
