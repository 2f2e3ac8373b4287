"""The access matrix of the readme, walked as a user of each group through the ORM."""

import json

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open, mute_logger

from .common import GRAND_PLACE, DeliveryCase

README = "coop_solidarity_delivery/readme/DESCRIPTION.md"
GROUPS = {
    "Shop staff": "coop_member_shifts.group_coop_shop_staff",
    "Shift coordinator": "coop_member_shifts.group_coop_shift_coordinator",
    "Fee officer": "coop_member_shifts.group_coop_fee_officer",
    "Call centre": "coop_solidarity_delivery.group_coop_call_centre",
    "Delivery coordinator": "coop_solidarity_delivery.group_coop_delivery_coordinator",
    "Manager": "coop_member_shifts.group_coop_manager",
    "Portal": "base.group_portal",
    "Public": "base.group_public",
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


def read_matrix():
    """``{row: {group label: letters}}`` from the readme's table (the single source)."""
    with file_open(README) as readme:
        lines = [line.strip() for line in readme if line.startswith("| `")]
    header = list(GROUPS)
    matrix = {}
    for line in lines:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        row = cells[0].strip("`")
        matrix[row] = {
            group: "" if cell == "—" else cell
            for group, cell in zip(header, cells[1:], strict=True)
        }
    return matrix


@tagged("post_install", "-at_install")
class TestAccessMatrix(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.matrix = read_matrix()
        cls.users = {
            label: new_test_user(cls.env, login=f"coop_matrix_{index}", groups=group)
            for index, (label, group) in enumerate(GROUPS.items())
        }
        cls.beneficiary = cls.make_beneficiary(
            "Matrix Beneficiary", GRAND_PLACE, coop_beneficiary_reason="isolated"
        )
        request = cls.make_request(cls.beneficiary)
        recurrence = cls.env["coop.delivery.recurrence"].create(
            {
                "beneficiary_id": cls.beneficiary.id,
                "weekday_id": cls.every_day[:1].id,
                "access_notes": "Code 5",
            }
        )
        signup = cls.env["coop.volunteer.signup"]._coop_submit(
            {
                "name": "Matrix Volunteer",
                "email": "matrix.volunteer@example.com",
                "street": "Rue Haute 1",
                "zip": "1000",
                "city": "Bruxelles",
                "can_call": True,
                "contact_consent": True,
                "address_consent": True,
            }
        )
        courier = cls.env["delivery.carrier"].create(
            {
                "name": "Matrix courier",
                "delivery_type": "coopcycle",
                "product_id": cls.env.ref(
                    "coop_solidarity_delivery.product_solidarity_delivery"
                ).id,
                "coopcycle_client_secret": "matrix-secret",
            }
        )
        cls.records = {
            "delivery.carrier": courier,
            "res.partner": cls.beneficiary,
            "coop.delivery.request": request,
            "coop.delivery.recurrence": recurrence,
            "coop.volunteer.signup": signup,
        }
        cls.records["coop.standing.order"] = cls.make_standing_order(cls.beneficiary)
        cls.field_values = {
            "coop_is_beneficiary": True,
            "coop_beneficiary_reason": "temporary",
            "coop_beneficiary_note": "Until the end of March.",
            "coop_data_consent": True,
            "coop_data_consent_date": fields.Date.today(),
            "coop_eligibility_approved_by_id": cls.coordinator_user.id,
            "coop_eligibility_approved_date": fields.Datetime.now(),
            "access_notes": "Code 6",
            "coop_volunteer_withdrawn_date": fields.Date.today(),
            "coopcycle_client_id": "matrix-client",
            "coopcycle_client_secret": "matrix-secret-2",
            "coopcycle_webhook_secret": "matrix-hook",
            # Nobody writes the give-back history by hand: it is the give-back's.
            "give_back_ids": [
                fields.Command.create({"volunteer_id": cls.beneficiary.id, "reason": "ill"})
            ],
        }

    @classmethod
    def make_standing_order(cls, member):
        """A standing order of ``member`` on a weekly solidarity delivery slot."""
        rule = cls.env["coop.slot.rule"].create(
            {
                "carrier_id": cls.env.ref(
                    "coop_solidarity_delivery.carrier_solidarity_delivery"
                ).id,
                "warehouse_id": cls.env["stock.warehouse"].search([], limit=1).id,
                "weekday": "2",
            }
        )
        product = cls.env["product.product"].create({"name": "Matrix Basket", "sale_ok": True})
        return cls.env["coop.standing.order"].create(
            {
                "partner_id": member.id,
                "rule_id": rule.id,
                "line_ids": [fields.Command.create({"product_id": product.id, "quantity": 1})],
            }
        )

    def split(self, row):
        if row in self.env:  # a model whose name extends another's (the standing order line)
            return row, None
        for model_name in sorted(self.records, key=len, reverse=True):
            if row.startswith(model_name + "."):
                return model_name, row[len(model_name) + 1 :]
        return row, None

    def allowed(self, operation, call):
        try:
            with self.env.cr.savepoint():
                call()
        except AccessError:
            return False
        return True

    @mute_logger(
        "odoo.models", "odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule"
    )
    def test_the_readme_matrix_holds_for_every_group(self):
        for row, rights in self.matrix.items():
            model_name, field = self.split(row)
            for label, user in self.users.items():
                expected = rights[label]
                letters = "rwcu" if field is None else "rw"
                for letter in letters:
                    with self.subTest(row=row, group=label, operation=OPERATIONS[letter]):
                        got = self.check(model_name, field, user, letter)
                        self.assertEqual(got, letter in expected)

    def check(self, model_name, field, user, letter):
        model = self.env[model_name].with_user(user)
        if field is None:
            return self.allowed(letter, lambda: model.check_access(OPERATIONS[letter]))
        record = self.records[model_name].with_user(user)
        if letter == "r":
            return self.allowed(letter, lambda: record.read([field]))
        return self.allowed(letter, lambda: record.write({field: self.field_values[field]}))

    def test_the_matrix_lists_every_model_of_the_addon(self):
        model_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "coop_solidarity_delivery"), ("model", "=", "ir.model")])
            .mapped("res_id")
        )
        own = {
            name
            for name in self.env["ir.model"].browse(model_ids).mapped("model")
            if self.env[name]._original_module == "coop_solidarity_delivery"
        }
        self.assertIn("coop.delivery.request", own)
        self.assertLessEqual(own, set(self.matrix))

    def test_every_restricted_field_is_in_the_matrix(self):
        rows = set(self.matrix)
        for model_name in self.records:
            for name, field in self.env[model_name]._fields.items():
                if field.groups and "coop_solidarity_delivery" in field.groups:
                    self.assertIn(f"{model_name}.{name}", rows)


@tagged("post_install", "-at_install")
class TestAccessMatrixJsonRpc(HttpCase):
    """A sample of the matrix over HTTP: what the web client's JSON-RPC gets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env, login="coop_rpc_staff", groups="coop_member_shifts.group_coop_shop_staff"
        )
        cls.env["res.partner"].create(
            {
                "name": "Rpc Beneficiary",
                "coop_data_consent": True,
                "coop_is_beneficiary": True,
                "coop_beneficiary_note": "Recovering from a hip operation.",
            }
        )

    def call_kw(self, model, method, args, kwargs):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    @mute_logger("odoo.http", "odoo.models")
    def test_staff_searching_beneficiaries_over_json_rpc_gets_an_error(self):
        self.authenticate("coop_rpc_staff", "coop_rpc_staff")
        answer = self.call_kw(
            "res.partner",
            "search_read",
            [[("coop_is_beneficiary", "=", True)]],
            {"fields": ["name", "street", "phone"]},
        )
        self.assertNotIn("result", answer)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertNotIn("Rpc Beneficiary", json.dumps(answer))

    @mute_logger("odoo.http", "odoo.models")
    def test_staff_reading_the_note_over_json_rpc_gets_an_error(self):
        self.authenticate("coop_rpc_staff", "coop_rpc_staff")
        answer = self.call_kw(
            "res.partner",
            "search_read",
            [[("name", "=", "Rpc Beneficiary")]],
            {"fields": ["name", "coop_beneficiary_note"]},
        )
        self.assertNotIn("result", answer)
        self.assertNotIn("hip operation", json.dumps(answer))
