from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GRAND_PLACE, DeliveryCase


@tagged("post_install", "-at_install")
class TestDeliveryPortal(HttpCase, DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = cls.make_portal_beneficiary("coop_portal_member", GRAND_PLACE)
        cls.member = cls.member_user.partner_id
        cls.other_user = new_test_user(
            cls.env,
            login="coop_portal_other",
            password="coop_portal_other",
            groups="base.group_portal",
        )

    def test_eligible_member_asks_for_a_delivery_on_the_portal(self):
        self.start_tour(
            "/my", "coop_solidarity_delivery_portal_request", login="coop_portal_member"
        )
        request = self.env["coop.delivery.request"].search(
            [("beneficiary_id", "=", self.member.id)]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(request.channel, "website")
        self.assertEqual(request.shopping_list, "Soupe, pain, yaourts")
        self.assertEqual(request.sudo().access_notes, "Code 4512")

    def test_member_sees_only_their_own_requests(self):
        mine = self.make_request(self.member, shopping_list="Mine")
        theirs = self.make_request(self.make_beneficiary("Someone Else", GRAND_PLACE))
        self.authenticate("coop_portal_member", "coop_portal_member")
        html = self.url_open("/my/deliveries").text
        self.assertIn(mine.name, html)
        self.assertNotIn(theirs.name, html)

    def test_on_a_phone_each_request_is_a_card_with_the_volunteer_s_first_name(self):
        volunteer = self.make_volunteer("Marc Lefebvre-Dupont", GRAND_PLACE)
        mine = self.make_request(self.member, shopping_list="Mine")
        mine.sudo().deliverer_id = volunteer
        self.authenticate("coop_portal_member", "coop_portal_member")
        html = self.url_open("/my/deliveries").text
        cards = html.split("o_coop_delivery_cards")[1].split("</ul>")[0]
        self.assertIn(mine.name, cards)
        self.assertIn("Marc", cards)
        self.assertNotIn("Lefebvre", html)

    def test_a_past_date_is_refused_and_the_form_keeps_what_was_typed(self):
        self.authenticate("coop_portal_member", "coop_portal_member")
        page = self.url_open("/my/deliveries/new").text
        csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
        yesterday = fields.Date.today() - timedelta(days=1)
        response = self.url_open(
            "/my/deliveries/new",
            data={
                "csrf_token": csrf,
                "delivery_date": str(yesterday),
                "shopping_list": "Lentilles",
            },
        )
        self.assertIn("alert-danger", response.text)
        self.assertIn("Lentilles", response.text)
        self.assertFalse(
            self.env["coop.delivery.request"].search([("beneficiary_id", "=", self.member.id)])
        )

    def _post_request(self, **data):
        self.authenticate("coop_portal_member", "coop_portal_member")
        page = self.url_open("/my/deliveries/new").text
        csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
        return self.url_open("/my/deliveries/new", data={"csrf_token": csrf, **data})

    def _delivery_slot(self, capacity=2):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        return self.env["coop.slot"].create(
            {
                "carrier_id": self.env.ref(
                    "coop_solidarity_delivery.carrier_solidarity_delivery"
                ).id,
                "warehouse_id": self.env["stock.warehouse"].search([], limit=1).id,
                "start": start,
                "end": start + timedelta(hours=2),
                "cutoff": start - timedelta(hours=12),
                "capacity": capacity,
            }
        )

    def test_the_member_chooses_a_delivery_slot(self):
        slot = self._delivery_slot()
        self.authenticate("coop_portal_member", "coop_portal_member")
        self.assertIn(f'value="{slot.id}"', self.url_open("/my/deliveries/new").text)
        self._post_request(slot_id=str(slot.id), delivery_date="", shopping_list="Riz")
        request = self.env["coop.delivery.request"].search(
            [("beneficiary_id", "=", self.member.id)]
        )
        self.assertEqual(request.slot_id, slot)
        self.assertEqual(request.delivery_date, slot._local_start().date())
        self.assertIn(
            slot._label_for(self.member),
            self.url_open("/my/deliveries").text,
        )

    def test_a_full_slot_is_refused_and_the_form_keeps_what_was_typed(self):
        slot = self._delivery_slot(capacity=1)
        self.make_request(self.make_beneficiary("Voisine", GRAND_PLACE), slot_id=slot.id)
        response = self._post_request(slot_id=str(slot.id), shopping_list="Lentilles")
        self.assertIn("full", response.text)
        self.assertIn("Lentilles", response.text)
        self.assertFalse(
            self.env["coop.delivery.request"].search([("beneficiary_id", "=", self.member.id)])
        )

    def test_a_member_not_eligible_gets_the_page_that_explains_eligibility(self):
        self.authenticate("coop_portal_other", "coop_portal_other")
        response = self.url_open("/my/deliveries/new")
        self.assertTrue(response.url.endswith("/my/deliveries/new"))
        self.assertIn("o_coop_not_eligible", response.text)
