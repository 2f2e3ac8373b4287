"""A small client of the CoopCycle API (no Odoo here: tier 1 tests it).

What the public sources show (coopcycle-web, coopcycle-php-sdk):
- a token by OAuth2 client credentials: ``POST /oauth2/token`` with HTTP Basic
  ``client_id:client_secret``, ``grant_type=client_credentials`` and a scope;
- ``POST /api/deliveries`` with a ``pickup`` and a ``dropoff`` (``address``, ``after`` /
  ``before``, ``comments``, ``telephone``, ``contactName``); the answer has the delivery's
  ``@id`` (``/api/deliveries/12``) and ``id``;
- ``POST /api/retail_prices/calculate`` with the same body: ``{"amount": 499, ...}`` in cents;
- webhooks ``{"data": {"object": "/api/deliveries/12", "event": "delivery.completed"}}``
  signed in ``X-CoopCycle-Signature``: base64 of the HMAC-SHA256 of the body with the secret.

What they do not show for certain (the tracking link's key, the scope name, how to find a
delivery again by the key the coop gave it) is a constant below: the one place to change.

Exactly once: each delivery carries the coop's key of its order in its ``metadata``
(``coop_order_key``); before creating a delivery, the coop asks for the store's deliveries with
that key (``find_delivery``), so that a delivery created by an attempt whose answer was lost (a
timeout, an error after creating) is found rather than created again. The answer is filtered
here too: a server that ignores the filter still gives the right delivery.
"""

import base64
import hashlib
import hmac
import json

import requests

TOKEN_PATH = "/oauth2/token"
DELIVERIES_PATH = "/api/deliveries"
PRICE_PATH = "/api/retail_prices/calculate"
SCOPE = "deliveries"
# The delivery's public tracking page in the answer of POST /api/deliveries.
TRACKING_KEYS = ("trackingUrl", "tracking_url")
# The key of its order that each delivery carries, and how the store's deliveries are searched.
KEY_FIELD = "coop_order_key"
LOOKUP_PARAMS = {"order[createdAt]": "desc", "itemsPerPage": 100}
SIGNATURE_HEADER = "X-CoopCycle-Signature"
TIMEOUT = 10  # seconds, for each call
# The webhook events that move an order, and the courier status each gives.
EVENT_STATES = {
    "delivery.picked": "picked",
    "delivery.completed": "delivered",
    "delivery.failed": "failed",
    "delivery.cancelled": "failed",
}


class CoopCycleError(Exception):
    """A call that failed. ``kind``: ``credentials`` (401/403), ``unavailable`` (5xx or no
    connection), ``timeout``, ``refused`` (another 4xx: an address not served, a bad window);
    ``detail``: what the service said, if anything."""

    def __init__(self, kind, detail=""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


class CoopCycleClient:
    def __init__(self, base_url, client_id, client_secret, timeout=None, session=None):
        self.base_url = (base_url or "").rstrip("/")
        self.client_id = client_id or ""
        self.client_secret = client_secret or ""
        self.timeout = timeout or TIMEOUT
        self.session = session or requests.Session()
        self._token = None

    def token(self):
        """An access token (asked once per client)."""
        if self._token is None:
            credentials = f"{self.client_id}:{self.client_secret}".encode()
            answer = self._call(
                "POST",
                TOKEN_PATH,
                headers={"Authorization": "Basic " + base64.b64encode(credentials).decode()},
                data={"grant_type": "client_credentials", "scope": SCOPE},
            )
            if not answer.get("access_token"):
                raise CoopCycleError("credentials", "no access token in the answer")
            self._token = answer["access_token"]
        return self._token

    def create_delivery(self, payload, key=None):
        """``{"ref": "/api/deliveries/12", "id": "12", "tracking_url": url or ""}``; ``key``
        (the coop's key of the order) is kept in the delivery's metadata."""
        if key:
            payload = {**payload, "metadata": {**payload.get("metadata", {}), KEY_FIELD: key}}
        return _delivery(self._api("POST", DELIVERIES_PATH, payload))

    def find_delivery(self, key):
        """The delivery carrying ``key`` (as ``create_delivery`` gives it), or None."""
        answer = self._api("GET", DELIVERIES_PATH, params={**LOOKUP_PARAMS, KEY_FIELD: key})
        members = answer.get("hydra:member") or answer.get("member") or []
        for member in members if isinstance(members, list) else []:
            metadata = isinstance(member, dict) and member.get("metadata")
            if isinstance(metadata, dict) and metadata.get(KEY_FIELD) == key:
                return _delivery(member)
        return None

    def quote(self, payload):
        """The price of a delivery in currency units, or None when the answer has none."""
        amount = self._api("POST", PRICE_PATH, payload).get("amount")
        if isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount < 0:
            return None
        return amount / 100.0

    def _api(self, method, path, payload=None, params=None):
        headers = {
            "Authorization": f"Bearer {self.token()}",
            "Accept": "application/ld+json",
        }
        kwargs = {"params": params} if params else {}
        if payload is not None:
            headers["Content-Type"] = "application/ld+json"
            kwargs["data"] = json.dumps(payload)
        return self._call(method, path, headers=headers, **kwargs)

    def _call(self, method, path, **kwargs):
        if not self.base_url.startswith(("http://", "https://")):
            raise CoopCycleError("unavailable", "no instance URL")
        try:
            response = self.session.request(
                method, self.base_url + path, timeout=self.timeout, **kwargs
            )
        except requests.Timeout as error:
            raise CoopCycleError("timeout", str(error)) from error
        except requests.RequestException as error:
            raise CoopCycleError("unavailable", str(error)) from error
        if response.status_code in (401, 403):
            raise CoopCycleError("credentials", _detail(response))
        if response.status_code >= 500:
            raise CoopCycleError("unavailable", f"HTTP {response.status_code}")
        if response.status_code >= 400:
            raise CoopCycleError("refused", _detail(response))
        try:
            answer = response.json()
        except ValueError as error:
            raise CoopCycleError("unavailable", "an answer that is not JSON") from error
        if not isinstance(answer, dict):
            raise CoopCycleError("unavailable", "an unexpected answer")
        return answer


def _delivery(answer):
    """``{"ref", "id", "tracking_url"}`` of a delivery as CoopCycle gives it."""
    ref = answer.get("@id") or (answer.get("id") and f"{DELIVERIES_PATH}/{answer['id']}")
    if not ref:
        raise CoopCycleError("unavailable", "no delivery id in the answer")
    tracking = next((answer[key] for key in TRACKING_KEYS if answer.get(key)), "")
    return {
        "ref": ref,
        "id": str(answer.get("id") or ref.rsplit("/", 1)[-1]),
        "tracking_url": tracking,
    }


def _detail(response):
    """What a 4xx answer says (API Platform's ``hydra:description``, OAuth's ``error``)."""
    try:
        answer = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    if not isinstance(answer, dict):
        return f"HTTP {response.status_code}"
    for key in ("hydra:description", "detail", "error_description", "message", "error"):
        if isinstance(answer.get(key), str) and answer[key]:
            return answer[key][:500]
    return f"HTTP {response.status_code}"


def window(start, end):
    """``{"after": ..., "before": ...}`` from two naive UTC datetimes."""
    return {"after": start.isoformat() + "Z", "before": end.isoformat() + "Z"}


def sign(body, secret):
    """The signature CoopCycle sends with ``body`` (bytes)."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def signature_ok(body, signature, secret):
    """Whether ``signature`` is the one of ``body``, compared in constant time."""
    if not secret or not signature:
        return False
    return hmac.compare_digest(sign(body, secret).encode(), signature.strip().encode())


def parse_event(body):
    """``(delivery ref, event name)`` of a webhook body; ValueError when it is not one."""
    try:
        data = json.loads(body)["data"]
        ref, event = data["object"], data["event"]
    except (ValueError, TypeError, KeyError) as error:
        raise ValueError("not a CoopCycle webhook") from error
    if not isinstance(ref, str) or not isinstance(event, str) or not ref or len(ref) > 200:
        raise ValueError("not a CoopCycle webhook")
    return ref, event[:64]
