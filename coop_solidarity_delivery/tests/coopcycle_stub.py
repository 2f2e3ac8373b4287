"""A CoopCycle server on loopback: OAuth2 token, deliveries and price quotes.

Tests point a courier method at it: the real client and HTTP stack run, and nothing leaves the
machine. ``mode`` makes it fail as the real service can: ``down`` (503), ``slow`` (answers
after ``delay`` seconds), ``unservable`` (400 with API Platform's description), ``no_price``
(the quote route is unknown, 404), ``late`` (creates the delivery, then answers after
``delay`` seconds: after the client gave up), ``error_after_create`` (creates the delivery,
then answers 500). ``deliveries`` holds what was created, with its metadata; ``GET
/api/deliveries`` lists them (filtered by ``coop_order_key`` when given).
"""

import base64
import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


class CoopCycleStub:
    def __init__(self, client_id="coop-client", client_secret="coop-secret", port=0):
        self.credentials = f"{client_id}:{client_secret}"
        self.mode = "ok"
        self.delay = 1.0
        self.price = 750  # cents
        self.requests = []  # (path, parsed body)
        self.count = 0
        self.deliveries = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path, _sep, query = self.path.partition("?")
                params = dict(parse_qsl(query))
                stub.requests.append(("GET " + path, params))
                status, answer = stub.answer_get(path, self.headers, params)
                self.reply(status, answer)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                body = stub.parse(self.headers.get("Content-Type", ""), raw)
                stub.requests.append((self.path, body))
                status, answer = stub.answer(self.path, self.headers, body)
                self.reply(status, answer)

            def reply(self, status, answer):
                payload = json.dumps(answer).encode()
                # The client may have given up (a timeout test): nothing to answer then.
                with contextlib.suppress(OSError):
                    self.send_response(status)
                    self.send_header("Content-Type", "application/ld+json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.handle_error = lambda *args: None
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @staticmethod
    def parse(content_type, raw):
        if "json" in content_type:
            return json.loads(raw or b"{}")
        return dict(pair.split("=", 1) for pair in raw.decode().split("&") if "=" in pair)

    def paths(self):
        return [path for path, _body in self.requests]

    def answer(self, path, headers, body):
        if path == "/oauth2/token":
            basic = "Basic " + base64.b64encode(self.credentials.encode()).decode()
            if headers.get("Authorization") != basic:
                return 401, {"error": "invalid_client"}
            return 200, {"access_token": "stub-token", "token_type": "Bearer", "expires_in": 3600}
        if headers.get("Authorization") != "Bearer stub-token":
            return 401, {"error": "access_denied"}
        if self.mode == "down":
            return 503, {"error": "maintenance"}
        if self.mode == "slow":
            time.sleep(self.delay)
        if self.mode == "unservable":
            return 400, {"hydra:description": "The address is outside of the delivery zone"}
        if path == "/api/retail_prices/calculate":
            if self.mode == "no_price":
                return 404, {"hydra:description": "Not Found"}
            return 200, {"@type": "RetailPrice", "amount": self.price, "currency": "EUR"}
        if path == "/api/deliveries":
            self.count += 1
            number = self.count
            delivery = {
                "@id": f"/api/deliveries/{number}",
                "id": number,
                "trackingUrl": f"{self.url}/public/d/track{number}",
                "metadata": body.get("metadata") or {},
            }
            self.deliveries.append(delivery)
            if self.mode == "late":
                time.sleep(self.delay)
            if self.mode == "error_after_create":
                return 500, {"hydra:description": "Internal Server Error"}
            return 201, delivery
        return 404, {"hydra:description": "Not Found"}

    def answer_get(self, path, headers, params):
        if headers.get("Authorization") != "Bearer stub-token":
            return 401, {"error": "access_denied"}
        if self.mode == "down":
            return 503, {"error": "maintenance"}
        if path != "/api/deliveries":
            return 404, {"hydra:description": "Not Found"}
        key = params.get("coop_order_key")
        members = [
            delivery
            for delivery in self.deliveries
            if not key or delivery["metadata"].get("coop_order_key") == key
        ]
        return 200, {"hydra:member": members, "hydra:totalItems": len(members)}

    def created(self):
        """How many deliveries were created."""
        return len(self.deliveries)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
