import json
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .fee_common import FeeCase


@tagged("post_install", "-at_install")
class TestMemberDataExport(FeeCase):
    """A member's export holds their own data, every section, and no one else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task = cls.env["coop.task.type"].create({"name": "Cashier"})
        WorkEntry = cls.env["coop.work.entry"]
        cls.entry = WorkEntry.create(
            {"partner_id": cls.paula.id, "hours": 3, "name": "Shelving", "kind": "task"}
        )
        WorkEntry.create({"partner_id": cls.oscar.id, "hours": 5, "name": "Oscar's work"})
        start = fields.Datetime.now().replace(microsecond=0, second=0) + timedelta(days=2)
        shift = cls.env["coop.shift"].create(
            {
                "task_type_id": cls.task.id,
                "start": start,
                "end": start + timedelta(hours=3),
                "seats": 3,
            }
        )
        cls.registration = cls.env["coop.shift.registration"].create(
            {"shift_id": shift.id, "partner_id": cls.paula.id}
        )

    def export(self, partner):
        return json.loads(partner._coop_data_export_json())

    def test_the_export_holds_the_profile(self):
        data = self.export(self.paula)
        self.assertEqual(data["profile"]["name"], "Paula Portal")
        self.assertEqual(data["profile"]["email"], "paula@example.com")

    def test_the_export_holds_the_volunteer_ledger(self):
        work = self.export(self.paula)["volunteer_work"]
        self.assertEqual([(line["name"], line["hours"]) for line in work], [("Shelving", 3.0)])

    def test_the_export_holds_the_shift_registrations(self):
        registrations = self.export(self.paula)["shift_registrations"]
        self.assertEqual(len(registrations), 1)
        self.assertEqual(registrations[0]["state"], "registered")

    def test_the_export_holds_the_income_declarations(self):
        self.declare(self.paula, 1234)
        self.declare(self.oscar, 4321)
        declarations = self.export(self.paula)["income_declarations"]
        self.assertEqual([d["income"] for d in declarations], [1234.0])

    def test_the_export_holds_the_erasure_requests(self):
        self.env["coop.erasure.request"].create({"partner_id": self.paula.id})
        self.assertEqual(len(self.export(self.paula)["erasure_requests"]), 1)
