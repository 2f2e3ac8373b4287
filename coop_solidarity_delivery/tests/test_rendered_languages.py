"""A French or Dutch member, volunteer or visitor reads the delivery side's pages and e-mails in
their language: no English text of the addons' ``.po`` files is left in what the server sends.
"""

import json
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_member_shifts.tests.rendered_languages import (
    LANGS,
    RenderedLanguagesMixin,
    leaks,
)

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase
from .test_standing_order import StandingOrderCommon
from .test_volunteer_portal import portal_volunteer

ADDON = "coop_solidarity_delivery"
# GET routes that answer something other than a page to read.
NOT_PAGES = {}


@tagged("post_install", "-at_install")
class TestRenderedLanguages(RenderedLanguagesMixin, StandingOrderCommon, DeliveryCase, HttpCase):
    MSGID_ADDONS = ("coop_member_shifts", ADDON)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_languages()
        cls.env.company.write({"email": "coop@example.com", "phone": "+32 2 555 00 00"})
        cls.make_deliveries()
        cls.make_shopper()
        cls.make_membership()
        cls.outsider = new_test_user(
            cls.env,
            login="coop_lang_outsider",
            password="coop_lang_outsider",
            groups="base.group_portal",
        )
        Signup = cls.env["coop.volunteer.signup"]
        values = {
            "street": "Rue Haute 10",
            "zip": "1000",
            "city": "Bruxelles",
            "can_deliver": True,
            "transport": "bike",
            "radius_km": 4.0,
            "weekday_ids": [(6, 0, cls.every_day[:3].ids)],
            "contact_consent": True,
            "address_consent": True,
        }
        cls.signups = Signup.create(
            [
                {**values, "name": name, "email": f"{name.lower()}@example.com"}
                for name in ("Zoe", "Yves", "Xavier")
            ]
        )
        cls.signups[1]._coop_confirm()
        cls.signups[2].sudo().expiry = fields.Datetime.now() - timedelta(days=1)

    @classmethod
    def make_deliveries(cls):
        """A beneficiary with a request taken by a volunteer and one still looking for one."""
        cls.beneficiary = cls.make_portal_beneficiary("coop_lang_beneficiary", GRAND_PLACE)
        cls.volunteer = portal_volunteer(cls.env, "coop_lang_volunteer", IXELLES)
        cls.other_volunteer = cls.make_volunteer("Vic Voisin", SCHAERBEEK)
        partner = cls.beneficiary.partner_id
        cls.taken, cls.searching = cls.make_request(partner), cls.make_request(partner)
        (cls.taken | cls.searching).action_search_volunteers()
        cls.accepted_offer = cls.offer_of(cls.taken, cls.volunteer.partner_id)
        cls.accepted_offer._accept()
        cls.lost_offer = cls.offer_of(cls.taken, cls.other_volunteer)
        cls.open_offer = cls.offer_of(cls.searching, cls.volunteer.partner_id)

    @classmethod
    def offer_of(cls, request, volunteer):
        return request.offer_ids.filtered(lambda offer: offer.volunteer_id == volunteer)

    @classmethod
    def make_shopper(cls):
        """A member with a drive order, its weekly repetition, and a cart at the payment."""
        cls.shopper = new_test_user(
            cls.env,
            login="coop_lang_shopper",
            password="coop_lang_shopper",
            groups="base.group_portal",
        )
        member = cls.shopper.partner_id
        member.write({**cls.dummy_partner_address_values, "email": "shopper@example.com"})
        cls.warehouse.partner_id = cls.env["res.partner"].create(
            {**cls.dummy_partner_address_values, "name": "La Coopérette"}
        )
        cls.order = cls.drive_order(member, cls.evening_slot)
        cls.order.action_confirm()
        cls.order._portal_ensure_token()
        cls.shopper_standing = cls.make_standing(member)
        cls.env["coop.standing.order"]._cron_make_week_orders()
        cls.week_order = cls.shopper_standing.last_order_id
        cls.env["payment.provider"].search([("state", "=", "test")]).state = "disabled"
        cls.provider.write({"state": "enabled", "is_published": True})
        cls.cart = cls.drive_order(member)
        cls.cart._set_pickup_location(json.dumps(cls.pickup_location()))

    @classmethod
    def drive_order(cls, partner, slot=None):
        """As ``_create_drive_order``, in ``setUpClass``."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "website_id": cls.website.id,
                "carrier_id": cls.in_store_dm.id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [fields.Command.create({"product_id": cls.storable_product.id})],
            }
        )
        if slot:
            order._coop_set_slot(slot)
        return order

    @classmethod
    def pickup_location(cls):
        address = cls.warehouse.partner_id
        return {
            "id": cls.warehouse.id,
            "name": address.name,
            "street": address.street,
            "city": address.city,
            "zip_code": address.zip or "",
            "country_code": address.country_code,
            "state": address.state_id.code,
            "latitude": 1.0,
            "longitude": 2.0,
            "additional_data": {"in_store_stock": {"in_stock": True}},
            "opening_hours": {},
        }

    @classmethod
    def make_membership(cls):
        """The membership in the web shop, with its fee by income; the shopper declared one."""
        today = fields.Date.today()
        cls.membership = cls.env["product.template"].create(
            {
                "name": "Carte de membre (test)",
                "membership": True,
                "type": "service",
                "sale_ok": True,
                "is_published": True,
                "list_price": 120.0,
                "membership_date_from": today.replace(month=1, day=1),
                "membership_date_to": today.replace(month=12, day=31),
            }
        )
        cls.env["coop.fee.schedule"].create(
            {
                "product_tmpl_id": cls.membership.id,
                "bracket_ids": [
                    fields.Command.create({"income_from": 0, "income_to": 800, "fee": 15}),
                    fields.Command.create({"income_from": 800, "income_to": 0, "fee": 95}),
                ],
            }
        )
        cls.env["coop.income.declaration"].create(
            {"partner_id": cls.shopper.partner_id.id, "income": 500, "household_shares": 1}
        ).action_validate()

    def pages(self):
        """``(route, url, user)``: each page of the addon, as the user who reads it (and
        the pages of Odoo's the addon adds to: the shop's, the order's)."""
        beneficiary, volunteer = self.beneficiary, self.volunteer
        shopper, outsider = self.shopper, self.outsider
        offer = "/coop/delivery/offer/<string:token>"
        confirm = "/volunteer/confirm/<string:token>"
        standing = "/my/standing-orders/<int:standing_id>"
        order = self.order.get_portal_url()
        return [
            ("/my", "/my", beneficiary),
            ("/my", "/my", volunteer),
            ("/my", "/my", shopper),
            ("/my/deliveries", "/my/deliveries", beneficiary),
            ("/my/deliveries", f"/my/deliveries?created={self.searching.id}", beneficiary),
            ("/my/deliveries", "/my/deliveries", outsider),
            ("/my/deliveries/new", "/my/deliveries/new", beneficiary),
            *(
                ("/my/deliveries/<int:request_id>", f"/my/deliveries/{delivery.id}", beneficiary)
                for delivery in (self.taken, self.searching)
            ),
            ("/my/volunteer", "/my/volunteer", volunteer),
            ("/my/volunteer", "/my/volunteer", outsider),
            ("/my/standing-orders", "/my/standing-orders", shopper),
            ("/my/standing-orders", "/my/standing-orders", outsider),
            (standing, f"/my/standing-orders/{self.shopper_standing.id}", shopper),
            ("/my/orders/<int:order_id>", order, shopper),
            ("/my/orders/<int:order_id>", self.week_order.get_portal_url(), shopper),
            ("/shop/checkout", "/shop/checkout", shopper),
            ("/shop/payment", "/shop/payment", shopper),
            ("/shop/<model('product.template'):product>", self.membership.website_url, None),
            ("/shop/<model('product.template'):product>", self.membership.website_url, shopper),
            ("/", "/", None),
            ("/shop", "/shop", shopper),
            ("/web/login", "/web/login", None),
            ("/volunteer", "/volunteer", None),
            ("/volunteer", "/volunteer", volunteer),
            ("/volunteer/thanks", "/volunteer/thanks", None),
            ("/callback", "/callback", None),
            ("/callback", "/callback", beneficiary),
            ("/callback/thanks", "/callback/thanks", None),
            *(
                (confirm, f"/volunteer/confirm/{signup.sudo().token}", None)
                for signup in self.signups
            ),
            *(
                (offer, f"/coop/delivery/offer/{offer_.sudo().token}", None)
                for offer_ in (self.open_offer, self.accepted_offer, self.lost_offer)
            ),
        ]

    def fragments(self):
        """``(route, url, user)``: the parts of a page that its script fetches after it."""
        return [
            # The slot picker's slots, after the payment page; a visitor has no cart.
            ("/shop/coop_slot/days", "/shop/coop_slot/days", self.shopper),
            ("/shop/coop_slot/days", "/shop/coop_slot/days", None),
        ]

    def posts(self):
        """``(url, data, user)``: forms whose answer shows a message or an error."""
        standing = f"/my/standing-orders/{self.shopper_standing.id}"
        holiday = fields.Date.today() + timedelta(days=10)
        return [
            ("/volunteer/submit", {"name": "Zoé"}, None),
            ("/callback/submit", {"name": "Zoé", "phone": "12ab"}, None),
            ("/my/deliveries/new", {"shopping_list": ""}, self.beneficiary),
            (f"/my/deliveries/{self.searching.id}/change", {"shopping_list": ""}, self.beneficiary),
            (f"/my/volunteer/deliveries/{self.taken.id}/give-back", {"reason": ""}, self.volunteer),
            (
                f"/coop/delivery/offer/{self.accepted_offer.sudo().token}/give-back",
                {"reason": "other", "note": ""},
                None,
            ),
            ("/my/volunteer/pause", {"paused_until": "2099-01-01"}, self.volunteer),
            ("/my/volunteer/pause", {"paused_until": str(holiday)}, self.volunteer),
            ("/my/volunteer/stop", {}, self.volunteer),
            (f"{standing}/skip", {}, self.shopper),
            (f"/my/orders/{self.order.id}/coop_slot", {"slot_id": "0"}, self.shopper),
        ]

    def mails(self):
        """``{template: send}``: each e-mail template of the addon, sent as the addon's code
        sends it (crons, confirmations, offers)."""
        ref = self.env.ref
        reminder = ref(f"{ADDON}.mail_template_drive_reminder")
        week = ref(f"{ADDON}.mail_template_standing_order_week")
        company = self.env.company
        return {
            ref(f"{ADDON}.mail_template_drive_confirmation"): (
                self.order._send_order_confirmation_mail
            ),
            reminder: lambda: reminder._coop_send_as_coop(self.order.id, company=company),
            ref(f"{ADDON}.mail_template_delivery_offer"): self.open_offer._send,
            ref(f"{ADDON}.mail_template_delivery_cancelled"): (
                self.taken._coop_tell_volunteer_cancelled
            ),
            week: lambda: week._coop_send_as_coop(self.shopper_standing.id, company=company),
            ref(f"{ADDON}.mail_template_volunteer_signup"): (
                self.signups[0]._coop_send_confirmation
            ),
        }

    def check_language(self, lang):
        # Everyone reads the language: the e-mails an action sends to someone else too.
        users = self.beneficiary | self.volunteer | self.shopper | self.outsider
        (users.partner_id | self.other_volunteer).lang = lang
        self.signups.lang = lang
        for _route, url, user in self.pages():
            self.check_page(user, url, lang)
        for _route, url, user in self.fragments():
            fragment = self.check_page(user, url, lang, fragment=True).text
            if user:  # the shopper's cart: its slots, not a message that there is none
                self.assertIn('name="coop_slot"', fragment)
        # The page after the payment, with its pickup slot.
        session = {"sale_last_order_id": self.order.id}
        page = self.check_page(self.shopper, "/shop/confirmation", lang, session=session)
        self.assertIn('id="coop_slot_summary"', page.text)
        # The e-mails before the forms (the volunteer goes on holiday there).
        for template, send in self.mails().items():
            self.check_mails(template.name, lang, send)
        for url, data, user in self.posts():
            self.check_post(user, url, data, lang)
        # The slot picker's script shows the refusal of a slot as the server words it.
        self.check_json(self.shopper, "/shop/coop_slot/set", {"slot_id": 0}, lang)
        self.assertNothingInEnglish()

    def test_every_page_and_mail_is_covered(self):
        visited = [route for route, _url, _user in self.pages() + self.fragments()]
        self.assertRoutesCovered(ADDON, visited, NOT_PAGES)
        templates = self.env["ir.model.data"].search(
            [("module", "=", ADDON), ("model", "=", "mail.template")]
        )
        covered = {template.id for template in self.mails()}
        self.assertEqual(set(templates.mapped("res_id")), covered)

    def test_the_check_finds_the_english_of_an_english_page(self):
        self.authenticate(self.volunteer.login, self.volunteer.login)
        found = leaks(self.url_open("/my/volunteer").text, self.msgids[LANGS[1]])
        self.assertGreater(len(found), 10, found)

    def test_a_french_speaker_reads_everything_in_french(self):
        self.check_language(LANGS[0])

    def test_a_dutch_speaker_reads_everything_in_dutch(self):
        self.check_language(LANGS[1])
