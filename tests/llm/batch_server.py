"""A local OpenAI Files and Batch API on loopback, answering each request line as the stub does.

It implements what the public OpenAI reference describes and the batch route uses: `POST /v1/files`
(multipart upload, purpose "batch"), `GET /v1/files/{id}` and `/v1/files/{id}/content`, `POST
/v1/batches` and `GET /v1/batches/{id}`; and `POST /v1/chat/completions` like the stub, counted, so a
test can show that a run after collect made no real-time call. A batch is `validating` when created,
`in_progress` at the first retrieve, and `completed` (its output file written) at the next.
"""

from __future__ import annotations

import json
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .stub_server import StubServer


class _Server(ThreadingHTTPServer):
    daemon_threads = True


class BatchServer:
    def __init__(self, port: int = 0) -> None:
        self.stub = StubServer(0)  # its answer logic only; it is never started
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.uploads = 0
        self.creates = 0
        self.realtime = 0  # chat completions asked outside a batch
        self.batch_lines = 0
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", port), _handler_for(self))  # 0: any free port
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def start(self) -> BatchServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="batch-stub", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _new_file(self, name: str, purpose: str, data: bytes) -> dict[str, Any]:
        with self._lock:
            file_id = f"file-{len(self.files) + 1:06d}"
            record = {
                "id": file_id,
                "object": "file",
                "bytes": len(data),
                "created_at": 1_700_000_000,
                "filename": name,
                "purpose": purpose,
                "status": "processed",
            }
            self.files[file_id] = {**record, "data": data}
        return record

    def upload(self, content_type: str, body: bytes) -> tuple[int, dict[str, Any]]:
        message = BytesParser(policy=HTTP).parsebytes(f"content-type: {content_type}\r\n\r\n".encode() + body)
        fields: dict[str, tuple[str | None, bytes]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            fields[str(name)] = (part.get_filename(), payload if isinstance(payload, bytes) else b"")
        if "file" not in fields or fields.get("purpose", (None, b""))[1] != b"batch":
            return 400, _error("a file and purpose=batch are required")
        with self._lock:
            self.uploads += 1
        return 200, self._new_file(fields["file"][0] or "upload.jsonl", "batch", fields["file"][1])

    def create(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        file_id = body.get("input_file_id")
        if file_id not in self.files or body.get("endpoint") != "/v1/chat/completions":
            return 400, _error(f"no such input file or endpoint: {file_id}")
        with self._lock:
            self.creates += 1
            batch_id = f"batch_{len(self.batches) + 1:06d}"
            lines = [line for line in self.files[file_id]["data"].decode().splitlines() if line.strip()]
            batch = {
                "id": batch_id,
                "object": "batch",
                "endpoint": body["endpoint"],
                "errors": None,
                "input_file_id": file_id,
                "completion_window": body.get("completion_window", "24h"),
                "status": "validating",
                "output_file_id": None,
                "error_file_id": None,
                "created_at": 1_700_000_000,
                "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
                "metadata": body.get("metadata"),
            }
            self.batches[batch_id] = batch
        return 200, batch

    def retrieve(self, batch_id: str) -> tuple[int, dict[str, Any]]:
        batch = self.batches.get(batch_id)
        if batch is None:
            return 404, _error(f"no batch {batch_id}")
        if batch["status"] == "validating":
            batch["status"] = "in_progress"
        elif batch["status"] == "in_progress":
            self._run(batch)
        return 200, batch

    def _run(self, batch: dict[str, Any]) -> None:
        out, bad = [], []
        for n, raw in enumerate(self.files[batch["input_file_id"]]["data"].decode().splitlines()):
            if not raw.strip():
                continue
            line = json.loads(raw)
            with self._lock:
                self.batch_lines += 1
            status, _headers, payload = self.stub.respond(line["url"], {}, line["body"])
            result = {"id": f"batch_req_{n:06d}", "custom_id": line["custom_id"]}
            if status == 200:
                response = {"status_code": 200, "request_id": f"req_{n:06d}", "body": json.loads(payload)}
                out.append({**result, "response": response, "error": None})
            else:
                bad.append({**result, "response": None, "error": json.loads(payload).get("error")})
        dump = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in out).encode()
        batch["output_file_id"] = self._new_file("output.jsonl", "batch_output", dump)["id"]
        if bad:
            dump = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in bad).encode()
            batch["error_file_id"] = self._new_file("errors.jsonl", "batch_output", dump)["id"]
        batch["request_counts"] = {"total": len(out) + len(bad), "completed": len(out), "failed": len(bad)}
        batch["status"] = "completed"


def _error(message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": None}}


def _handler_for(server: BatchServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, payload: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _json(self, status: int, body: dict[str, Any]) -> None:
            self._send(status, json.dumps(body, ensure_ascii=False).encode())

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            raw = self.rfile.read(int(self.headers.get("content-length") or 0))
            path = self.path.split("?")[0]
            if path == "/v1/files":
                self._json(*server.upload(self.headers.get("content-type", ""), raw))
            elif path == "/v1/batches":
                self._json(*server.create(json.loads(raw or b"{}")))
            elif path == "/v1/chat/completions":
                with server._lock:
                    server.realtime += 1
                status, _headers, payload = server.stub.respond(path, {}, json.loads(raw or b"{}"))
                self._send(status, payload)
            else:
                self._json(404, _error(f"nothing at {path}"))

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            parts = self.path.split("?")[0].strip("/").split("/")
            if parts[:2] == ["v1", "batches"] and len(parts) == 3:
                self._json(*server.retrieve(parts[2]))
            elif parts[:2] == ["v1", "files"] and len(parts) in (3, 4) and parts[2] in server.files:
                record = server.files[parts[2]]
                if len(parts) == 4 and parts[3] == "content":
                    self._send(200, record["data"], "application/octet-stream")
                else:
                    self._json(200, {k: v for k, v in record.items() if k != "data"})
            else:
                self._json(404, _error(f"nothing at {self.path}"))

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
            pass

    return Handler
