"""The CoopCycle client (coop_solidarity_delivery/tools/coopcycle_client.py), with a fake
HTTP session: how each answer of the service becomes a result or a kind of failure."""

import base64
import hashlib
import hmac
import importlib.util
import json
from datetime import datetime

import pytest
import requests

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "coopcycle_client", ROOT / "coop_solidarity_delivery" / "tools" / "coopcycle_client.py"
)
client_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(client_module)
CoopCycleError = client_module.CoopCycleError


class FakeResponse:
    def __init__(self, status, body):
        self.status_code = status
        self.body = body

    def json(self):
        if isinstance(self.body, str):
            raise json.JSONDecodeError("not JSON", self.body, 0)
        return self.body


class FakeSession:
    """Answers the token route, then ``answers`` in turn (or raises what is given)."""

    def __init__(self, *answers, token=None):
        self.answers = list(answers)
        self.token = token or FakeResponse(200, {"access_token": "t"})
        self.calls = []

    def request(self, method, url, timeout=None, **kwargs):
        self.calls.append((method, url, timeout, kwargs))
        answer = self.token if url.endswith("/oauth2/token") else self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def client(session):
    return client_module.CoopCycleClient("https://acme.example/", "id", "secret", session=session)


def test_a_delivery_gives_its_ref_id_and_tracking_link():
    answer = FakeResponse(201, {"@id": "/api/deliveries/7", "id": 7, "trackingUrl": "https://t/7"})
    session = FakeSession(answer)
    delivery = client(session).create_delivery({"pickup": {}, "dropoff": {}})
    assert delivery == {"ref": "/api/deliveries/7", "id": "7", "tracking_url": "https://t/7"}
    _method, url, _timeout, kwargs = session.calls[0]
    assert url == "https://acme.example/oauth2/token"
    assert kwargs["data"] == {"grant_type": "client_credentials", "scope": "deliveries"}
    assert kwargs["headers"]["Authorization"] == "Basic aWQ6c2VjcmV0"
    assert session.calls[1][3]["headers"]["Authorization"] == "Bearer t"
    assert all(call[2] == client_module.TIMEOUT for call in session.calls)


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        (FakeResponse(401, {"error": "invalid_client"}), "credentials"),
        (FakeResponse(403, {}), "credentials"),
        (FakeResponse(503, "<html>down</html>"), "unavailable"),
        (FakeResponse(200, "<html>a proxy page</html>"), "unavailable"),
        (FakeResponse(201, {}), "unavailable"),
        (FakeResponse(400, {"hydra:description": "Out of zone"}), "refused"),
        (requests.Timeout("slow"), "timeout"),
        (requests.ConnectionError("refused"), "unavailable"),
    ],
)
def test_each_failure_has_its_kind(answer, kind):
    with pytest.raises(CoopCycleError) as raised:
        client(FakeSession(answer)).create_delivery({})
    assert raised.value.kind == kind


def test_a_refusal_says_what_the_service_said():
    answer = FakeResponse(400, {"hydra:description": "Out of zone"})
    with pytest.raises(CoopCycleError) as raised:
        client(FakeSession(answer)).create_delivery({})
    assert raised.value.detail == "Out of zone"


def test_wrong_credentials_fail_at_the_token():
    session = FakeSession(token=FakeResponse(401, {"error": "invalid_client"}))
    with pytest.raises(CoopCycleError) as raised:
        client(session).token()
    assert raised.value.kind == "credentials"


def test_no_url_is_no_call():
    session = FakeSession()
    with pytest.raises(CoopCycleError):
        client_module.CoopCycleClient("", "id", "secret", session=session).token()
    assert not session.calls


@pytest.mark.parametrize(("amount", "price"), [(499, 4.99), (0, 0.0), (None, None), ("5", None)])
def test_a_quote_is_in_cents_or_none(amount, price):
    session = FakeSession(FakeResponse(200, {"amount": amount}))
    assert client(session).quote({}) == price


def test_a_signature_is_checked_like_coopcycle_signs():
    # coopcycle-web signs the JSON body: base64 of the raw HMAC-SHA256 digest (not hex).
    body = json.dumps({"data": {"object": "/api/deliveries/1", "event": "delivery.picked"}})
    digest = hmac.new(b"123456", body.encode(), hashlib.sha256).digest()
    signature = base64.b64encode(digest).decode()
    assert client_module.sign(body.encode(), "123456") == signature
    assert client_module.signature_ok(body.encode(), signature, "123456")
    assert not client_module.signature_ok(body.encode(), signature, "654321")
    assert not client_module.signature_ok(body.encode(), "", "123456")
    assert not client_module.signature_ok(body.encode(), signature, "")


@pytest.mark.parametrize(
    "body",
    [b"", b"null", b"[]", b'{"data": []}', b'{"data": {"object": 1, "event": "x"}}', b"\xff"],
)
def test_a_body_that_is_no_event_is_refused(body):
    with pytest.raises(ValueError):
        client_module.parse_event(body)


def test_an_event_gives_its_delivery_and_name():
    body = b'{"data": {"object": "/api/deliveries/3", "event": "delivery.completed"}}'
    assert client_module.parse_event(body) == ("/api/deliveries/3", "delivery.completed")


def test_a_window_is_in_utc():
    start, end = datetime(2026, 12, 2, 9, 0), datetime(2026, 12, 2, 11, 0)
    assert client_module.window(start, end) == {
        "after": "2026-12-02T09:00:00Z",
        "before": "2026-12-02T11:00:00Z",
    }
