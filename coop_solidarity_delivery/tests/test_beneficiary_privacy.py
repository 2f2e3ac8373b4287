from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import GRAND_PLACE, DeliveryCase

RESTRICTED = ("coop_beneficiary_reason", "coop_beneficiary_note", "coop_data_consent")


@tagged("post_install", "-at_install")
class TestBeneficiaryPrivacy(DeliveryCase):
    """Why a member is a beneficiary is read and written by delivery coordinators only,
    whatever the path through the ORM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call_centre_user = new_test_user(
            cls.env,
            login="coop_privacy_call",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )
        cls.shift_coordinator_user = new_test_user(
            cls.env,
            login="coop_privacy_shifts",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.fee_officer_user = new_test_user(
            cls.env, login="coop_privacy_fees", groups="coop_member_shifts.group_coop_fee_officer"
        )
        cls.beneficiary = cls.make_beneficiary(
            "Hélène Privée",
            GRAND_PLACE,
            coop_beneficiary_reason="vulnerable",
            coop_beneficiary_note="Recovering from a hip operation.",
        )
        cls.request = cls.make_request(cls.beneficiary)
        cls.member = cls.env["res.partner"].create({"name": "Marcel Roux"})

    def other_staff(self):
        return self.staff_user | self.shift_coordinator_user | self.fee_officer_user

    def test_other_staff_cannot_search_beneficiaries(self):
        for user in self.other_staff():
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["res.partner"].with_user(user).search_read(
                    [("coop_is_beneficiary", "=", True)], ["name", "street", "phone"]
                )

    def test_other_staff_cannot_read_the_reason(self):
        for user in self.other_staff():
            for field in (*RESTRICTED, "coop_is_beneficiary"):
                with self.subTest(user=user.login, field=field), self.assertRaises(AccessError):
                    self.beneficiary.with_user(user).read([field])

    def test_other_staff_cannot_group_or_order_by_eligibility(self):
        partners = self.env["res.partner"].with_user(self.staff_user)
        with self.assertRaises(AccessError):
            partners.read_group([], ["name"], ["coop_beneficiary_reason"])
        with self.assertRaises(AccessError):
            partners.search([], order="coop_is_beneficiary desc")

    def test_other_staff_cannot_export_the_reason(self):
        exporter = new_test_user(
            self.env,
            login="coop_privacy_export",
            groups="coop_member_shifts.group_coop_shop_staff,base.group_allow_export",
        )
        with self.assertRaises(AccessError):
            self.beneficiary.with_user(exporter).export_data(["coop_beneficiary_note"])

    def test_other_staff_cannot_read_delivery_requests(self):
        for user in self.other_staff():
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.request.with_user(user).read(["beneficiary_id"])

    def test_other_staff_still_read_the_contact(self):
        partner = self.beneficiary.with_user(self.staff_user)
        self.assertEqual(partner.read(["name"])[0]["name"], "Hélène Privée")

    def test_call_centre_reads_eligibility_but_not_the_reason(self):
        partner = self.beneficiary.with_user(self.call_centre_user)
        self.assertTrue(partner.coop_is_beneficiary)
        for field in RESTRICTED:
            with self.subTest(field=field), self.assertRaises(AccessError):
                partner.read([field])

    def test_call_centre_cannot_read_access_notes(self):
        with self.assertRaises(AccessError):
            self.request.with_user(self.call_centre_user).read(["access_notes"])
        with self.assertRaises(AccessError):
            self.env["coop.delivery.request"].with_user(self.call_centre_user).search(
                [("access_notes", "ilike", "Code")]
            )

    def test_call_centre_cannot_create_a_request_with_access_notes(self):
        with self.assertRaises(AccessError):
            self.env["coop.delivery.request"].with_user(self.call_centre_user).create(
                {
                    "beneficiary_id": self.beneficiary.id,
                    "delivery_date": self.request.delivery_date,
                    "access_notes": "Code 1",
                }
            )

    def test_call_centre_cannot_create_a_recurrence_with_access_notes(self):
        with self.assertRaises(AccessError):
            self.env["coop.delivery.recurrence"].with_user(self.call_centre_user).create(
                {
                    "beneficiary_id": self.beneficiary.id,
                    "weekday_id": self.every_day[:1].id,
                    "access_notes": "Code 1",
                }
            )

    def test_coordinator_reads_and_writes_the_reason(self):
        partner = self.beneficiary.with_user(self.coordinator_user)
        self.assertEqual(partner.coop_beneficiary_reason, "vulnerable")
        partner.coop_beneficiary_note = "Walks with a cane."
        self.assertEqual(self.beneficiary.coop_beneficiary_note, "Walks with a cane.")
        self.assertEqual(
            self.request.with_user(self.coordinator_user).access_notes, "Code 1234, 3rd floor"
        )

    def test_call_list_works_for_the_call_centre_without_restricted_fields(self):
        partners = self.env["res.partner"].with_user(self.call_centre_user)
        action = partners.action_coop_open_call_list()
        self.assertEqual(action["domain"][0][:2], ("id", "in"))
        self.assertEqual(len(action["domain"]), 1)
        found = partners.search_read(action["domain"], ["name", "phone"])
        self.assertIn(self.beneficiary.id, [row["id"] for row in found])

    def test_other_staff_cannot_open_the_call_list(self):
        for user in self.other_staff():
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["res.partner"].with_user(user).action_coop_open_call_list()

    # === Eligibility approved only by a delivery coordinator (point 2) ===#

    def test_call_centre_cannot_make_a_member_eligible(self):
        with self.assertRaises(AccessError):
            self.member.with_user(self.call_centre_user).write({"coop_is_beneficiary": True})
        self.assertFalse(self.member.coop_is_beneficiary)

    def test_call_centre_cannot_create_an_eligible_member(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.call_centre_user).create(
                {"name": "Forged", "coop_is_beneficiary": True}
            )

    def test_staff_cannot_create_a_member_with_a_reason(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.staff_user).create(
                {"name": "Forged", "coop_beneficiary_reason": "vulnerable"}
            )

    def test_call_centre_cannot_withdraw_eligibility(self):
        with self.assertRaises(AccessError):
            self.beneficiary.with_user(self.call_centre_user).write({"coop_is_beneficiary": False})

    def test_call_centre_cannot_run_the_approval(self):
        self.member.coop_data_consent = True
        with self.assertRaises(AccessError):
            self.member.with_user(self.call_centre_user).action_coop_approve_eligibility()
        self.assertFalse(self.member.coop_is_beneficiary)

    def test_approval_records_who_and_when_on_the_server(self):
        self.member.coop_data_consent = True
        self.member.with_user(self.coordinator_user).action_coop_approve_eligibility()
        self.assertEqual(self.member.coop_eligibility_approved_by_id, self.coordinator_user)
        self.assertTrue(self.member.coop_eligibility_approved_date)

    def test_nobody_writes_who_approved_from_the_client(self):
        self.member.coop_data_consent = True
        for values in (
            {"coop_eligibility_approved_by_id": self.manager_user.id},
            {"coop_eligibility_approved_date": "2020-01-01 00:00:00"},
            {"coop_is_beneficiary": True, "coop_eligibility_approved_by_id": self.manager_user.id},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                self.member.with_user(self.coordinator_user).write(values)
        self.assertFalse(self.member.coop_eligibility_approved_by_id)

    def test_a_copy_of_a_beneficiary_is_not_eligible(self):
        copy = self.beneficiary.with_user(self.call_centre_user).copy()
        self.assertFalse(copy.sudo().coop_is_beneficiary)
        self.assertFalse(copy.sudo().coop_beneficiary_note)

    # === Server paths that read the eligibility for a lesser user ===#

    def test_solidarity_carrier_is_matched_for_a_salesperson(self):
        carrier = self.env["delivery.carrier"].search([("coop_solidarity", "=", True)], limit=1)
        for partner in (self.beneficiary, self.member):
            order = self.env["sale.order"].create(
                {"partner_id": partner.id, "user_id": self.staff_user.id}
            )
            with self.subTest(partner=partner.name):
                self.assertEqual(
                    carrier.with_user(self.staff_user)._match(
                        partner, order.with_user(self.staff_user)
                    ),
                    carrier._match(partner, order),
                )
        self.assertFalse(carrier._match(self.member, order))

    def test_contact_views_still_open_for_other_staff_and_the_call_centre(self):
        for user in self.other_staff() | self.call_centre_user:
            with self.subTest(user=user.login):
                views = (
                    self.env["res.partner"]
                    .with_user(user)
                    .get_views([(False, "form"), (False, "list"), (False, "search")])
                )
                self.assertNotIn("coop_beneficiary_note", views["models"]["res.partner"]["fields"])
