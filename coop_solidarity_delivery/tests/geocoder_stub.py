"""A geocoding server on loopback that answers like the BAN and Nominatim APIs.

Tests point the coop's geocoder at it: the real geopy client and HTTP stack run, and nothing
leaves the machine.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class GeocoderStub:
    """Knows a few addresses; counts the queries it receives."""

    def __init__(self, addresses):
        self.addresses = addresses  # {substring of the query: (latitude, longitude)}
        self.queries = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlsplit(self.path)
                query = parse_qs(url.query).get("q", [""])[0]
                stub.queries.append(query)
                point = next((point for key, point in stub.addresses.items() if key in query), None)
                nominatim = "format" in parse_qs(url.query)
                body = (
                    stub.nominatim_body(query, point) if nominatim else stub.ban_body(query, point)
                )
                payload = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @staticmethod
    def ban_body(query, point):
        features = []
        if point:
            geometry = {"type": "Point", "coordinates": [point[1], point[0]]}
            features.append({"geometry": geometry, "properties": {"label": query}})
        return {"type": "FeatureCollection", "features": features}

    @staticmethod
    def nominatim_body(query, point):
        if not point:
            return []
        return [{"lat": str(point[0]), "lon": str(point[1]), "display_name": query}]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
