"""Every website, portal and JSON route of the addon, fed bad values one parameter at a time.

Each answer must be a form error, a redirect or a 4xx (a JSON route: a result, or a clear
UserError), never a 500; nothing wrong is stored; a script is never sent back unescaped.
``subTest`` names the (route, parameter, value) of a failure.
"""

from datetime import timedelta
from urllib.parse import quote

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.coop_member_shifts.tests.fuzz_values import (
    HUGE,
    JSON_IDS,
    LONG,
    NOT_UTF8,
    NUL,
    NUMBERS,
    PATH_IDS,
    REFLECTED,
    SCRIPT,
    TEXTS,
    RouteFuzzMixin,
)
from odoo.addons.coop_solidarity_delivery.tools.coopcycle_client import sign

from .common import GRAND_PLACE, IXELLES, DeliveryCase
from .test_solidarity_checkout import SolidarityCommon
from .test_volunteer_portal import portal_volunteer

DATES = ("", "-1", "nan", "inf", "1e308", HUGE, SCRIPT, NUL, NOT_UTF8, "2026-02-30", "99999-01-01")
# The longest shopping list or access notes a member may send from the portal.
TEXT_LIMIT = 5000
# What a volunteer may change on /my/volunteer.
VOLUNTEER_FIELDS = [
    "coop_can_prepare",
    "coop_can_deliver",
    "coop_can_call",
    "coop_transport",
    "coop_radius_km",
    "coop_weekly_max",
    "coop_weekday_ids",
    "coop_volunteer_paused_until",
    "coop_notify_consent",
    "coop_is_volunteer",
    "mobile",
    "coop_contact_channel",
]


@tagged("post_install", "-at_install")
class TestRouteFuzz(RouteFuzzMixin, HttpCase, SolidarityCommon, DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = cls.make_portal_beneficiary(
            "coop_fuzz_member", GRAND_PLACE, **cls.dummy_partner_address_values
        )
        cls.member = cls.member_user.partner_id
        cls.other_user = new_test_user(
            cls.env, login="coop_fuzz_other", password="coop_fuzz_other", groups="base.group_portal"
        )
        cls.other = cls.other_user.partner_id
        cls.other.write(cls.dummy_partner_address_values)
        cls.slot = cls._create_slot(hours_ahead=48)
        cls.later_slot = cls._create_slot(hours_ahead=72)
        cls.delivery_slot = cls._create_delivery_slot(hours_ahead=50)
        # The volunteer's side: a live offer, and one of a cancelled request.
        cls.volunteer = cls.make_volunteer("Vera Volunteer", IXELLES)
        cls.neighbour = cls.make_beneficiary("Nina Neighbour", GRAND_PLACE)
        cls.live_request = cls.make_request(cls.neighbour)
        cls.live_request.action_search_volunteers()
        cls.live_offer = cls.live_request.offer_ids
        cls.dead_request = cls.make_request(cls.neighbour)
        cls.dead_request.action_search_volunteers()
        cls.dead_offer = cls.dead_request.offer_ids
        cls.dead_request.action_cancel()

    # === HELPERS ===#

    def accepted_offers(self):
        return self.env["coop.delivery.offer"].search([("state", "=", "accepted")])

    # === OFFER PAGE (public: the link is the key) ===#

    def test_offer_page(self):
        self.login()
        tokens = (SCRIPT, quote(NUL), "%FF%FE", LONG[:4000], self.dead_offer.token)
        with self.subTest(route="/coop/delivery/offer/<token>", param="token"):
            self.fuzz(
                lambda token: self.get(f"/coop/delivery/offer/{quote(token, safe='%')}"),
                tokens,
                self.accepted_offers,
            )
        with self.subTest(route="/coop/delivery/offer/<token>", param="outcome"):
            url = f"/coop/delivery/offer/{self.live_offer.token}"
            self.fuzz(
                lambda outcome: self.get(url, outcome=outcome),
                (*REFLECTED, "accepted"),
                self.accepted_offers,
            )
            self.assertNotIn("Rue du Midi", self.get(url, outcome="accepted").text)

    def test_offer_accept(self):
        self.login()
        tokens = (SCRIPT, quote(NUL), "%FF%FE", LONG[:4000], self.dead_offer.token)
        with self.subTest(route="/coop/delivery/offer/<token>/accept", param="token"):
            self.fuzz(
                lambda token: self.post(f"/coop/delivery/offer/{quote(token, safe='%')}/accept"),
                tokens,
                self.accepted_offers,
            )
        self.assertFalse(self.dead_request.deliverer_id)
        # The control: the live link does take the request.
        self.assertSafeAnswer(self.post(f"/coop/delivery/offer/{self.live_offer.token}/accept"))
        self.assertEqual(self.live_request.deliverer_id, self.volunteer)

    # === GIVE A DELIVERY BACK (the offer's link, or /my/volunteer) ===#

    def given_back(self):
        return self.env["coop.delivery.give.back"].search([])

    def test_offer_give_back(self):
        self.assertEqual(self.live_offer._accept(), "accepted")
        token = self.live_offer.token
        self.login()
        tokens = (SCRIPT, quote(NUL), "%FF%FE", LONG[:4000], self.dead_offer.token)
        route = "/coop/delivery/offer/<token>/give-back"
        with self.subTest(route=route, param="token"):
            self.fuzz(
                lambda value: self.post(
                    f"/coop/delivery/offer/{quote(value, safe='%')}/give-back", reason="ill"
                ),
                tokens,
                self.given_back,
            )
        url = f"/coop/delivery/offer/{token}/give-back"
        table = [
            ("reason", ("", "sick", *TEXTS)),
            ("note", (LONG[:1001],)),
        ]
        for param, values in table:
            with self.subTest(route=route, param=param):
                base = {"reason": "other", "note": ""} if param == "reason" else {"reason": "other"}
                self.fuzz(
                    lambda value, param=param, base=base: self.post(url, **{**base, param: value}),
                    values,
                    self.given_back,
                )
        self.assertEqual(self.live_request.deliverer_id, self.volunteer)
        # The control: a sound reason gives it back, and what was typed shows escaped.
        self.assertSafeAnswer(self.post(url, reason="other", note=SCRIPT))
        self.assertEqual(self.given_back().note, SCRIPT)
        self.assertFalse(self.live_request.deliverer_id)
        with self.subTest(route=route, param="twice"):
            self.fuzz(lambda value: self.post(url, reason="ill"), ("",), self.given_back)

    def test_my_volunteer_give_back(self):
        user = portal_volunteer(self.env, "coop_fuzz_give_back", IXELLES)
        mine = self.make_request(self.neighbour)
        mine.action_search_volunteers()
        offer = mine.offer_ids.filtered(lambda o: o.volunteer_id == user.partner_id)
        self.assertEqual(offer._accept(), "accepted")
        theirs = self.live_request
        self.live_offer._accept()
        route = "/my/volunteer/deliveries/<request_id>/give-back"
        for current in (None, self.other_user):
            with self.subTest(route=route, user=current and current.login):
                self.login(current)
                self.fuzz(
                    lambda value: self.post(
                        f"/my/volunteer/deliveries/{mine.id}/give-back", reason="ill"
                    ),
                    ("",),
                    self.given_back,
                )
        self.login(user)
        with self.subTest(route=route, param="request_id"):
            self.fuzz(
                lambda value: self.post(
                    f"/my/volunteer/deliveries/{value}/give-back", reason="ill"
                ),
                (*PATH_IDS, str(theirs.id)),
                self.given_back,
            )
        url = f"/my/volunteer/deliveries/{mine.id}/give-back"
        for param, values in (("reason", ("", "sick", *TEXTS)), ("note", (LONG[:1001],))):
            with self.subTest(route=route, param=param):
                self.fuzz(
                    lambda value, param=param: self.post(
                        url, **{"reason": "other", "note": "", param: value}
                    ),
                    values,
                    self.given_back,
                )
        self.assertEqual(mine.deliverer_id, user.partner_id)
        self.assertSafeAnswer(self.post(url, reason="no_car"))
        self.assertFalse(mine.deliverer_id)
        self.assertEqual(theirs.deliverer_id, self.volunteer)

    # === MY DELIVERIES (portal member) ===#

    def my_requests(self):
        return self.env["coop.delivery.request"].search(
            [("beneficiary_id", "in", (self.member | self.other).ids)]
        )

    def well_formed(self, requests):
        return all(
            r.beneficiary_id == self.member
            and r.channel == "website"
            and r.state == "new"
            and len(r.shopping_list or "") <= TEXT_LIMIT
            and len(r.access_notes or "") <= TEXT_LIMIT
            and "\x00" not in (r.shopping_list or "") + (r.access_notes or "")
            for r in requests
        )

    def test_my_deliveries(self):
        for user in (None, self.other_user):
            with self.subTest(route="/my/deliveries", user=user and user.login):
                self.login(user)
                response = self.get("/my/deliveries", created=SCRIPT)
                self.assertSafeAnswer(response)
                self.assertNotIn("o_coop_delivery_created", response.text)
        self.login(self.member_user)
        with self.subTest(route="/my/deliveries", param="created"):
            self.fuzz(
                lambda value: self.get("/my/deliveries", created=value),
                REFLECTED,
                self.my_requests,
            )

    def test_new_delivery(self):
        url = "/my/deliveries/new"
        tomorrow = str(fields.Date.today() + timedelta(days=2))
        base = {"delivery_date": tomorrow, "shopping_list": "Riz", "access_notes": "Code 12"}
        for user in (None, self.other_user):
            with self.subTest(route=url, user=user and user.login):
                self.login(user)
                self.fuzz(lambda value: self.post(url, **base), ("",), self.my_requests)
        self.login(self.member_user)
        table = [
            ("shopping_list", ("", *TEXTS), self.well_formed),
            ("access_notes", ("", *TEXTS), self.well_formed),
            ("delivery_date", DATES, None),
            ("slot_id", (*NUMBERS[1:], str(2**31), str(self.slot.id)), None),
            ("beneficiary_id", (str(self.other.id), str(self.neighbour.id)), self.well_formed),
            ("state", ("assigned",), self.well_formed),
        ]
        for param, values, may_store in table:
            with self.subTest(route=url, param=param):
                self.fuzz(
                    lambda value, param=param: self.post(url, **{**base, param: value}),
                    values,
                    self.my_requests,
                    may_store,
                )
        # What was stored shows escaped on the member's pages.
        self.assertSafeAnswer(self.get("/my/deliveries"))

    # === ONE OF MY DELIVERIES: FOLLOW, CHANGE, CANCEL (portal member) ===#

    def test_my_delivery_page(self):
        mine = self.make_request(self.member, shopping_list="Riz")
        theirs = self.make_request(self.other_beneficiary(), shopping_list="Theirs")
        requests = mine | theirs

        def changed():
            self.env.invalidate_all()
            # The member's own list may change to a clean text; nothing else may.
            return theirs.filtered(lambda r: r.shopping_list != "Theirs") | requests.filtered(
                lambda r: (
                    r.state != "new"
                    or not (r.shopping_list or "").strip()
                    or len(r.shopping_list) > TEXT_LIMIT
                    or "\x00" in r.shopping_list
                    or r.beneficiary_id not in (self.member | self.other)
                )
            )

        route = "/my/deliveries/<request_id>"
        for user in (None, self.other_user):
            with self.subTest(route=route, user=user and user.login):
                self.login(user)
                self.fuzz(lambda value: self.get(f"/my/deliveries/{mine.id}"), ("",), changed)
                for action in ("change", "cancel"):
                    self.fuzz(
                        lambda value, action=action: self.post(
                            f"/my/deliveries/{mine.id}/{action}", shopping_list="Mine now"
                        ),
                        ("",),
                        changed,
                    )
        self.login(self.member_user)
        ids = (*PATH_IDS, str(theirs.id))
        with self.subTest(route=route, param="request_id"):
            self.fuzz(lambda value: self.get(f"/my/deliveries/{value}"), ids, changed)
            self.assertEqual(self.get(f"/my/deliveries/{theirs.id}").status_code, 404)
        for action in ("change", "cancel"):
            with self.subTest(route=f"{route}/{action}", param="request_id"):
                self.fuzz(
                    lambda value, action=action: self.post(
                        f"/my/deliveries/{value}/{action}", shopping_list="Mine now"
                    ),
                    ids,
                    changed,
                )
        with self.subTest(route=route, param="done"):
            self.fuzz(
                lambda value: self.get(f"/my/deliveries/{mine.id}", done=value), REFLECTED, changed
            )
        url = f"/my/deliveries/{mine.id}/change"
        tomorrow = str(fields.Date.today() + timedelta(days=2))
        base = {"delivery_date": tomorrow, "shopping_list": "Riz"}
        table = [
            ("shopping_list", ("", " ", LONG, NUL, NOT_UTF8)),
            ("delivery_date", DATES),
            ("slot_id", (*NUMBERS[1:], str(2**31), str(self.slot.id))),
            ("state", ("cancelled",)),
            ("beneficiary_id", (str(self.other.id),)),
        ]
        for param, values in table:
            with self.subTest(route=url, param=param):
                self.fuzz(
                    lambda value, param=param: self.post(url, **{**base, param: value}),
                    values,
                    changed,
                )
        # What is shown back escaped; the control: a sound change is saved, then a cancel.
        self.assertSafeAnswer(self.post(url, **{**base, "shopping_list": SCRIPT}))
        self.assertSafeAnswer(self.get(f"/my/deliveries/{mine.id}"))
        self.assertEqual(mine.shopping_list, SCRIPT)
        self.assertSafeAnswer(self.post(f"/my/deliveries/{mine.id}/cancel"))
        self.assertEqual(mine.state, "cancelled")
        self.assertEqual(theirs.state, "new")

    def other_beneficiary(self):
        self.other.sudo().write({"coop_data_consent": True, "coop_is_beneficiary": True})
        return self.other

    # === CHANGE THE SLOT OF AN ORDER (portal, by access token) ===#

    def test_order_slot_change(self):
        order = self._create_drive_order(self.slot, partner_id=self.member.id)
        order.action_confirm()
        order._portal_ensure_token()
        theirs = self._create_drive_order(self.slot, partner_id=self.other.id)
        theirs.action_confirm()
        orders = order | theirs

        def moved():
            return orders.filtered(lambda o: o.coop_slot_id != self.slot)

        def change(order_id=order.id, **data):
            data = {"access_token": order.access_token, "slot_id": self.later_slot.id, **data}
            return self.post(f"/my/orders/{order_id}/coop_slot", **data)

        self.login(self.member_user)
        route = "/my/orders/<order_id>/coop_slot"
        with self.subTest(route=route, param="order_id"):
            self.fuzz(lambda value: change(value), (*PATH_IDS, str(theirs.id)), moved)
        with self.subTest(route=route, param="access_token"):
            self.fuzz(
                lambda value: change(theirs.id, access_token=value),
                ("", SCRIPT, LONG, NUL, NOT_UTF8, theirs._portal_ensure_token()[:-1]),
                moved,
            )
        values = (*NUMBERS, str(2**31), str(self.delivery_slot.id), str(self.slot.id))
        with self.subTest(route=route, param="slot_id"):
            self.fuzz(lambda value: change(slot_id=value), values, moved)
        # The control: the right token and slot do move the order.
        self.assertSafeAnswer(change())
        self.assertEqual(order.coop_slot_id, self.later_slot)

    # === THE SLOTS OF THE CART (FETCHED BY THE PICKER) ===#

    def test_cart_slot_days(self):
        """The route reads no parameter: whatever is sent, it shows the slots of the
        visitor's own cart, or says there is none, and stores nothing."""
        route = "/shop/coop_slot/days"
        cart = self._create_drive_order(partner_id=self.member.id, website_id=self.website.id)

        def booked():
            return cart.filtered("coop_slot_id")

        with self.subTest(route=route, user="public"):
            self.login()
            self.fuzz(lambda value: self.get(route, order_id=value), (str(cart.id),), booked)
            self.assertIn("Your cart is empty or already confirmed.", self.get(route).text)
        self.login(self.member_user)
        values = (*PATH_IDS, *REFLECTED, str(self.slot.id))
        with self.subTest(route=route, param="slot_id"):
            self.fuzz(lambda value: self.get(route, slot_id=value), values, booked)
        # The control: the member's cart's slots.
        response = self.get(route)
        self.assertSafeAnswer(response)
        self.assertIn(f'value="{self.slot.id}"', response.text)

    # === CHOOSE THE SLOT OF THE CART (JSON) ===#

    def test_cart_slot_set(self):
        route = "/shop/coop_slot/set"
        cart = self._create_drive_order(partner_id=self.member.id, website_id=self.website.id)
        full = self._create_slot(hours_ahead=80, capacity=1)
        self._create_drive_order(full, partner_id=self.other.id).action_confirm()

        def booked():
            return cart.filtered("coop_slot_id")

        with self.subTest(route=route, user="public"):
            self.login()
            self.fuzz(lambda value: self.jsonrpc(route, slot_id=value), (self.slot.id,), booked)
        self.login(self.member_user)
        values = (*JSON_IDS, self.delivery_slot.id, full.id)
        with self.subTest(route=route, param="slot_id"):
            self.fuzz(lambda value: self.jsonrpc(route, slot_id=value), values, booked)
        # The control: a bookable slot of the cart's store is booked.
        self.assertSafeAnswer(self.jsonrpc(route, slot_id=self.slot.id))
        self.assertEqual(cart.coop_slot_id, self.slot)

    @mute_logger("odoo.http")  # the refusal is a UserError, which Odoo logs as a warning
    def test_solidarity_method_set_by_a_member_not_eligible(self):
        route = "/shop/set_delivery_method"
        cart = self._create_drive_order(partner_id=self.other.id, website_id=self.website.id)
        self.login(self.other_user)
        with self.subTest(route=route, param="dm_id"):
            self.fuzz(
                lambda value: self.jsonrpc(route, dm_id=value),
                (self.solidarity_dm.id,),
                lambda: cart.filtered(lambda o: o.carrier_id == self.solidarity_dm),
            )
        self.assertEqual(cart.carrier_id, self.in_store_dm)

    # === MY VOLUNTEERING (portal volunteer) ===#

    def test_my_volunteer(self):
        user = portal_volunteer(self.env, "coop_fuzz_volunteer", IXELLES)
        volunteer = user.partner_id
        before = volunteer.read(VOLUNTEER_FIELDS)

        def changed():
            return volunteer.filtered(lambda p: p.read(VOLUNTEER_FIELDS) != before)

        for current in (None, self.other_user):
            for url in ("/my/volunteer/profile", "/my/volunteer/pause", "/my/volunteer/stop"):
                with self.subTest(route=url, user=current and current.login):
                    self.login(current)
                    data = {"paused_until": "2099-01-01", "confirm": "on"}
                    self.fuzz(
                        lambda value, url=url, data=data: self.post(url, **data), ("",), changed
                    )
        self.login(user)
        with self.subTest(route="/my/volunteer", param="done"):
            self.fuzz(lambda value: self.get("/my/volunteer", done=value), REFLECTED, changed)
        url = "/my/volunteer/profile"
        base = {
            "coop_can_deliver": "on",
            "coop_transport": "foot",
            "coop_radius_km": "5",
            "coop_weekly_max": "2",
            "weekday_ids": str(self.every_day[0].id),
            "mobile": "+32 470 12 34 56",
            "coop_contact_channel": "sms",
        }
        table = [
            ("coop_radius_km", (*NUMBERS, "0", "1000", LONG)),
            ("mobile", ("", "12", "+33 1", *TEXTS, LONG)),
            ("coop_contact_channel", ("plane", *TEXTS)),
            ("coop_weekly_max", (*NUMBERS, "2.5", "1000", LONG)),
            ("coop_transport", ("", "plane", *TEXTS)),
            ("coop_can_deliver", ("", *TEXTS)),
            ("weekday_ids", (*NUMBERS[1:], str(2**31), str(self.other.id), LONG)),
        ]
        for param, values in table:
            with self.subTest(route=url, param=param):
                self.fuzz(
                    lambda value, param=param: self.post(url, **{**base, param: value}),
                    values,
                    changed,
                )
        with self.subTest(route="/my/volunteer/pause", param="paused_until"):
            past = str(fields.Date.today() - timedelta(days=1))
            self.fuzz(
                lambda value: self.post("/my/volunteer/pause", paused_until=value),
                (*DATES, past, LONG),
                changed,
            )
        with self.subTest(route="/my/volunteer/stop", param="confirm"):
            self.fuzz(
                lambda value: self.post("/my/volunteer/stop", confirm=value),
                ("", *TEXTS),
                changed,
            )
        # The control: a sound profile is saved.
        self.assertSafeAnswer(self.post(url, **{**base, "coop_transport": "car"}))
        self.assertEqual(volunteer.coop_transport, "car")

    # === BECOME A VOLUNTEER (public form; the link of the e-mail is the key) ===#

    def volunteer_signups(self):
        return self.env["coop.volunteer.signup"].search([])

    def well_formed_signups(self, signups):
        texts = ("name", "email", "phone", "street", "zip", "city")
        return all(
            s.state == "to_confirm"
            and not s.partner_id
            and len(s.name) <= 128
            and not any("<" in (s[f] or "") or "\x00" in (s[f] or "") for f in texts)
            for s in signups
        )

    def test_volunteer_signup(self):
        url = "/volunteer/submit"
        base = {
            "name": "Zoé Fuzz",
            "street": "Rue Haute 1",
            "zip": "1000",
            "city": "Bruxelles",
            "can_deliver": "1",
            "transport": "bike",
            "radius_km": "3",
            "weekly_max": "2",
            "weekday_ids": str(self.every_day[0].id),
            "contact_consent": "1",
            "address_consent": "1",
        }
        table = [
            ("name", ("", *TEXTS), self.well_formed_signups),
            ("email", ("", *TEXTS, "a@example.com, b@example.com"), None),
            ("phone", TEXTS, self.well_formed_signups),
            ("street", ("", *TEXTS), self.well_formed_signups),
            ("zip", TEXTS, self.well_formed_signups),
            ("city", TEXTS, self.well_formed_signups),
            ("transport", ("", "plane", *TEXTS), None),
            ("radius_km", (*NUMBERS, "0", "16"), None),
            ("weekly_max", (*NUMBERS, "2.5", "22"), None),
            ("weekday_ids", (*NUMBERS, str(2**31)), None),
            ("contact_consent", ("",), None),
            ("address_consent", ("",), None),
            ("website_url", ("http://spam.example.com",), None),
        ]
        demo = self.volunteer_signups()
        for user in (None, self.member_user):
            self.login(user)
            for param, values, may_store in table:
                with self.subTest(route=url, param=param, user=user and user.login):
                    email = f"{param}.{user.id if user else 0}@example.com"
                    self.fuzz(
                        lambda value, param=param, email=email: self.post(
                            url, **{**base, "email": email, param: value}
                        ),
                        values,
                        self.volunteer_signups,
                        may_store,
                    )
        new = self.volunteer_signups() - demo
        self.assertFalse(new.partner_id, "nothing usable before the link")

    # === BE CALLED BACK (public) ===#

    def callbacks(self):
        return self.env["coop.callback.request"].search([])

    def well_formed_callbacks(self, calls):
        return all(
            0 < len(c.name) <= 128
            and "<" not in c.name + c.phone
            and "\x00" not in c.name
            and c.consent
            and c.state == "to_call"
            for c in calls
        )

    def test_callback(self):
        self.login()
        with self.subTest(route="/callback", param="topic"):
            self.fuzz(lambda value: self.get("/callback", topic=value), REFLECTED, self.callbacks)
        self.assertSafeAnswer(self.get("/callback/thanks", name=SCRIPT))
        url = "/callback/submit"
        base = {"name": "Zoé Fuzz", "call_time": "any", "topic": "other", "consent": "1"}
        table = [
            ("name", ("", *TEXTS), self.well_formed_callbacks),
            ("phone", ("", *NUMBERS, "0", *TEXTS, "+32 <b>470</b>"), None),
            ("call_time", ("", "noon", *TEXTS), None),
            ("topic", ("", "spam", *TEXTS), None),
            ("consent", ("",), None),
            ("website_url", ("http://spam.example.com",), None),
            ("state", ("called",), self.well_formed_callbacks),
            ("user_id", (str(self.coordinator_user.id),), lambda calls: not calls.user_id),
        ]
        for index, (param, values, may_store) in enumerate(table):
            with self.subTest(route=url, param=param):
                self.fuzz(
                    lambda value, param=param, index=index: self.post(
                        url, **{**base, "phone": f"0470 20 30 {index:02d}", param: value}
                    ),
                    values,
                    self.callbacks,
                    may_store,
                )
        # The control: a sound form stores one call, and nobody reads it back on the site.
        self.assertSafeAnswer(self.post(url, **base, phone="0470 20 31 00"))
        sound = self.callbacks().filtered(lambda c: c.phone.endswith("470203100"))
        self.assertEqual(sound.name, "Zoé Fuzz")

    def test_volunteer_confirm(self):
        self.login()
        signup = self.env["coop.volunteer.signup"]._coop_submit(
            {
                "name": "Zoé Fuzz",
                "email": "zoe.fuzz@example.com",
                "street": "Rue Haute 1",
                "zip": "1000",
                "city": "Bruxelles",
                "can_call": True,
                "contact_consent": True,
                "address_consent": True,
            }
        )
        tokens = (SCRIPT, quote(NUL), "%FF%FE", LONG[:4000], signup.sudo().token[:-1])
        for route in ("/volunteer/confirm/{}", "/volunteer/confirm/{}/done"):
            send = self.get if route.endswith("}") else self.post
            with self.subTest(route=route, param="token"):
                self.fuzz(
                    lambda token, route=route, send=send: send(
                        route.format(quote(token, safe="%"))
                    ),
                    tokens,
                    lambda: self.env["res.partner"].search(
                        [("coop_volunteer_to_welcome", "=", True)]
                    ),
                )
        self.assertEqual(signup.state, "to_confirm")
        # The control: the right link does confirm.
        self.assertSafeAnswer(self.post(f"/volunteer/confirm/{signup.sudo().token}/done"))
        self.assertEqual(signup.state, "confirmed")

    # === STANDING ORDERS (portal member, or the e-mail's token) ===#

    def make_standing(self, partner):
        return self.env["coop.standing.order"].create(
            {
                "partner_id": partner.id,
                "rule_id": self.rule.id,
                "line_ids": [
                    fields.Command.create({"product_id": self.storable_product.id, "quantity": 2})
                ],
            }
        )

    def standing_changes(self, standings):
        """The standing orders changed from as they were made (one line of 2, running),
        and their lines: both must stay as they are for a bad value."""

        def changed():
            self.env.invalidate_all()
            lines = self.env["coop.standing.order.line"].search(
                [("standing_order_id", "in", standings.ids)]
            )
            moved = standings.filtered(
                lambda s: s.state != "active" or s.skip_date or len(s.line_ids) != 1
            )
            return moved.line_ids | lines.filtered(
                lambda line: line.quantity != 2 or line.product_id != self.storable_product
            )

        return changed

    def test_standing_order_page(self):
        mine, theirs = self.make_standing(self.member), self.make_standing(self.other)
        changed = self.standing_changes(mine | theirs)
        route = "/my/standing-orders/<standing_id>"
        self.login(self.member_user)
        with self.subTest(route=route, param="standing_id"):
            self.fuzz(
                lambda value: self.get(f"/my/standing-orders/{value}"),
                (*PATH_IDS, str(theirs.id)),
                changed,
            )
            self.assertNotIn(
                "o_coop_standing_quantities", self.get(f"/my/standing-orders/{theirs.id}").text
            )
        with self.subTest(route=route, param="access_token"):
            self.login()
            tokens = ("", SCRIPT, LONG[:4000], NUL, NOT_UTF8, theirs._portal_ensure_token()[:-1])
            self.fuzz(
                lambda value: self.get(f"/my/standing-orders/{theirs.id}", access_token=value),
                tokens,
                changed,
            )
        self.login(self.member_user)
        self.assertSafeAnswer(self.get("/my/standing-orders"))

    def test_standing_order_changes(self):
        mine, theirs = self.make_standing(self.member), self.make_standing(self.other)
        changed = self.standing_changes(mine | theirs)
        hidden = self.env["product.product"].create({"name": "Back Room", "sale_ok": True})
        line, their_line = mine.line_ids, theirs.line_ids
        url = f"/my/standing-orders/{mine.id}"
        self.login(self.member_user)
        route = "/my/standing-orders/<standing_id>/<action>"
        for action in ("skip", "pause", "stop", "quantities", "resume"):
            with self.subTest(route=route, param="standing_id", action=action):
                self.fuzz(
                    lambda value, action=action: self.post(f"/my/standing-orders/{value}/{action}"),
                    (*PATH_IDS, str(theirs.id)),
                    changed,
                )
        with self.subTest(route=route, param="action"):
            self.fuzz(lambda value: self.post(f"{url}/{value}"), ("nope", "unlink"), changed)
        table = [
            (f"qty_{line.id}", (*NUMBERS, "1000")),
            (f"qty_{their_line.id}", ("1", "0")),
            ("qty_0", ("1",)),
            (f"qty_{HUGE}", ("1",)),
            ("add_product_id", (*NUMBERS[1:], str(2**31), str(hidden.id))),
            ("until", DATES[1:]),
        ]
        for param, values in table:
            action = "pause" if param == "until" else "quantities"
            with self.subTest(route=route, param=param):
                self.fuzz(
                    lambda value, param=param, action=action: self.post(
                        f"{url}/{action}", **{param: value}
                    ),
                    values,
                    changed,
                )
            mine.write({"state": "active", "pause_until": False})
        # The control: a right quantity is saved, and the member can skip a week.
        self.assertSafeAnswer(self.post(f"{url}/quantities", **{f"qty_{line.id}": "3"}))
        self.assertEqual(line.quantity, 3)
        self.assertSafeAnswer(self.post(f"{url}/skip"))
        self.assertTrue(mine.skip_date)

    def test_order_repeat_every_week(self):
        order = self._create_drive_order(self.slot, partner_id=self.member.id)
        order.action_confirm()
        theirs = self._create_drive_order(self.slot, partner_id=self.other.id)
        theirs.action_confirm()

        def standings():
            return self.env["coop.standing.order"].search(
                [("source_order_id", "in", (order | theirs).ids)]
            )

        route = "/my/orders/<order_id>/coop_standing"
        self.login(self.member_user)
        with self.subTest(route=route, param="order_id"):
            self.fuzz(
                lambda value: self.post(f"/my/orders/{value}/coop_standing"),
                (*PATH_IDS, str(theirs.id)),
                standings,
            )
        with self.subTest(route=route, param="access_token"):
            self.fuzz(
                lambda value: self.post(
                    f"/my/orders/{theirs.id}/coop_standing", access_token=value
                ),
                ("", SCRIPT, LONG, NUL, NOT_UTF8, theirs._portal_ensure_token()[:-1]),
                standings,
            )
        # The control: the member's own order is repeated.
        self.assertSafeAnswer(
            self.post(f"/my/orders/{order.id}/coop_standing", access_token=order.access_token)
        )
        self.assertEqual(standings().source_order_id, order)

    # === COOPCYCLE WEBHOOK (public, signed by the courier cooperative) ===#

    def test_coopcycle_webhook(self):
        carrier = self.env["delivery.carrier"].create(
            {
                "name": "Fuzz courier",
                "delivery_type": "coopcycle",
                "product_id": self.solidarity_dm.product_id.id,
                "coopcycle_url": "http://127.0.0.1:9",
                "coopcycle_webhook_secret": "fuzz-secret",
            }
        )
        route = "/coop/coopcycle/webhook/<carrier_id>"
        events = self.env["coop.courier.event"]

        def post(raw, carrier_id=carrier.id, secret="fuzz-secret"):
            raw = raw if isinstance(raw, bytes) else str(raw).encode()
            headers = {
                "Content-Type": "application/json",
                "X-CoopCycle-Signature": sign(raw, secret),
            }
            url = f"/coop/coopcycle/webhook/{carrier_id}"
            return self.url_open(url, data=raw, headers=headers, timeout=60)

        def stored():
            return events.search([])

        bodies = (
            *TEXTS,
            "{}",
            "[]",
            "null",
            '{"data": []}',
            '{"data": {"object": 1, "event": 2}}',
            '{"data": {"object": "/api/deliveries/1", "event": "delivery.completed"}}',
            '{"data": {"object": "' + LONG[:5000] + '", "event": "delivery.failed"}}',
        )
        self.login()
        with self.subTest(route=route, param="body"):
            self.fuzz(post, bodies, stored)
        with self.subTest(route=route, param="carrier_id"):
            self.fuzz(lambda value: post("{}", carrier_id=value), PATH_IDS, stored)
        with self.subTest(route=route, param="signature"):
            self.fuzz(lambda value: post(value, secret="not-the-secret"), bodies[-3:], stored)
        with self.subTest(route=route, method="GET"):
            self.assertSafeAnswer(self.url_open(route.replace("<carrier_id>", str(carrier.id))))
