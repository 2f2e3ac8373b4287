"""Each route of the addon says whether it only reads (a read replica may serve it) or
writes; the read-only ones run on a read-only cursor, once, for the users they are for."""

from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.coop_member_shifts.tests.route_modes import ReadOnlyWalkMixin, RouteModesMixin

from .common import GRAND_PLACE, IXELLES
from .test_standing_order import StandingOrderCommon
from .test_volunteer_portal import portal_volunteer
from .test_volunteer_signup import SignupCase

# True: the route only reads. False: it writes (a form, a state change), or reads and writes.
MODES = {
    # The call-back form and its thank-you page only render; the submission writes.
    "/callback": True,
    "/callback/submit": False,
    "/callback/thanks": True,
    "/coop/coopcycle/webhook/<int:carrier_id>": False,
    # Before acceptance the page only reads; accepting and giving back are forms.
    "/coop/delivery/offer/<string:token>": True,
    "/coop/delivery/offer/<string:token>/accept": False,
    "/coop/delivery/offer/<string:token>/give-back": False,
    "/my/deliveries": True,
    "/my/deliveries/<int:request_id>": True,
    "/my/deliveries/<int:request_id>/change": False,
    "/my/deliveries/<int:request_id>/cancel": False,
    "/my/deliveries/new": False,
    "/my/orders/<int:order_id>/coop_slot": False,
    "/my/orders/<int:order_id>/coop_standing": False,
    "/my/standing-orders": True,
    "/my/standing-orders/<int:standing_id>": True,
    "/my/standing-orders/<int:standing_id>/<string:action>": False,
    "/my/volunteer": True,
    "/my/volunteer/profile": False,
    "/my/volunteer/pause": False,
    "/my/volunteer/resume": False,
    "/my/volunteer/stop": False,
    "/my/volunteer/rejoin": False,
    "/my/volunteer/deliveries/<int:request_id>/give-back": False,
    # Odoo's /shop is read/write: the override keeps its parent's mode.
    "/shop": False,
    "/shop/page/<int:page>": False,
    '/shop/category/<model("product.public.category"):category>': False,
    '/shop/category/<model("product.public.category"):category>/page/<int:page>': False,
    # The picker's slots, fetched after the payment page, only read; booking one writes.
    "/shop/coop_slot/days": True,
    "/shop/coop_slot/set": False,
    "/volunteer": True,
    "/volunteer/thanks": True,
    "/volunteer/confirm/<string:token>": True,
    "/volunteer/confirm/<string:token>/done": False,
    "/volunteer/submit": False,
    # Odoo's sign-in is read/write (it writes the session's device and login date).
    "/web/login": False,
}


@tagged("post_install", "-at_install")
class TestRouteModes(RouteModesMixin, TransactionCase):
    ADDON = "coop_solidarity_delivery"
    MODES = MODES
    MAY_BE_OVERRIDDEN = frozenset({"/web/login"})


@tagged("post_install", "-at_install")
class TestReadOnlyRoutesRun(ReadOnlyWalkMixin, HttpCase, StandingOrderCommon, SignupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary_user = cls.make_portal_beneficiary(
            "coop_ro_beneficiary", GRAND_PLACE, **cls.dummy_partner_address_values
        )
        cls.own_request = cls.make_request(cls.beneficiary_user.partner_id)
        cls.standing_user = portal_volunteer(cls.env, "coop_ro_volunteer", IXELLES)
        cls.own_standing = cls.make_standing(cls.standing_user.partner_id)
        cls.make_volunteer("Vera Readonly", IXELLES)
        neighbour_request = cls.make_request(cls.make_beneficiary("Nina Readonly", GRAND_PLACE))
        neighbour_request.action_search_volunteers()
        cls.offer = neighbour_request.offer_ids[:1]
        cls.signup = cls.env["coop.volunteer.signup"]._coop_submit(cls.form_values())
        cls.lentils.product_tmpl_id.website_published = True

    def test_member_visitor_and_volunteer_pages_run_on_a_read_only_cursor(self):
        self.assertTrue(self.offer, "the request found no volunteer to offer it to")
        shopper = self.standing_user.partner_id
        self._create_drive_order(
            partner_id=shopper.id, partner_invoice_id=shopper.id, partner_shipping_id=shopper.id
        )
        walk = {
            "/coop/delivery/offer/<string:token>": (f"/coop/delivery/offer/{self.offer.token}",),
            "/my/deliveries": ("/my/deliveries", "coop_ro_beneficiary"),
            "/my/deliveries/<int:request_id>": (
                f"/my/deliveries/{self.own_request.id}",
                "coop_ro_beneficiary",
            ),
            "/my/standing-orders": ("/my/standing-orders", "coop_ro_volunteer"),
            "/my/standing-orders/<int:standing_id>": (
                f"/my/standing-orders/{self.own_standing.id}",
                "coop_ro_volunteer",
            ),
            "/my/volunteer": ("/my/volunteer", "coop_ro_volunteer"),
            "/shop/coop_slot/days": ("/shop/coop_slot/days", "coop_ro_volunteer"),
            "/volunteer": ("/volunteer",),
            "/volunteer/thanks": ("/volunteer/thanks",),
            "/callback": ("/callback",),
            "/callback/thanks": ("/callback/thanks",),
            "/volunteer/confirm/<string:token>": (
                f"/volunteer/confirm/{self.signup.sudo().token}",
            ),
        }
        self.assertWalked(walk, MODES)
        pages = {}
        for pattern, (url, *login) in walk.items():
            with self.subTest(route=pattern):
                pages[pattern] = self.assertRunsReadOnly(url, *login).text
        # The cart's slots, not a message that there is none.
        self.assertIn(f'value="{self.weekly_slot.id}"', pages["/shop/coop_slot/days"])

    def test_odoo_read_only_pages_the_addon_extends_stay_read_only(self):
        """Odoo's product page and portal counters are read-only; the addon's prices and
        counters run in them."""
        product_url = f"/shop/{self.env['ir.http']._slug(self.lentils.product_tmpl_id)}"
        self.assertRunsReadOnly(product_url)
        self.assertRunsReadOnly(product_url, "coop_ro_volunteer")
        self.assertRunsReadOnly(
            "/my/counters", "coop_ro_volunteer", json={"counters": ["coop_standing_count"]}
        )
