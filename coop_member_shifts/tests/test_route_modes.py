"""Each route of the addon says whether it only reads (a read replica may serve it) or
writes; the read-only ones run on a read-only cursor, once, for the users they are for."""

import base64
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.http import request
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.portal.controllers.portal import CustomerPortal

from .route_modes import ReadOnlyWalkMixin, RouteModesMixin

# True: the route only reads. False: it writes (a form, a state change), or reads and writes.
MODES = {
    # Product suggestions: the list and a suggestion only read; the form (a GET shows it, a
    # POST posts it), supports and withdrawals write.
    "/my/suggestions": True,
    "/my/suggestions/page/<int:page>": True,
    "/my/suggestions/<int:suggestion_id>": True,
    "/my/suggestions/new": False,
    "/my/suggestions/<int:suggestion_id>/support": False,
    "/my/suggestions/<int:suggestion_id>/unsupport": False,
    # Workshops and convivial moments: the page reads; registering and cancelling write, and
    # so do Odoo's event modal and form where the coop keeps members-only events for members.
    "/my/events": True,
    "/my/events/<int:event_id>/register": False,
    "/my/events/<int:event_id>/cancel": False,
    '/event/<model("event.event"):event>/registration/new': False,
    '/event/<model("event.event"):event>/registration/confirm': False,
    "/my/board": True,
    "/my/board/page/<int:page>": True,
    "/my/board/<int:post_id>": True,
    "/my/board/new": False,
    "/my/board/<int:post_id>/edit": False,
    "/my/board/<int:post_id>/close": False,
    "/my/board/<int:post_id>/answer": False,
    "/my/directory": True,
    "/my/directory/<int:profile_id>": True,
    "/my/directory/<int:profile_id>/photo": True,
    "/my/directory/<int:profile_id>/contact": False,
    # Creates the member's (empty) profile on the first visit.
    "/my/directory/profile": False,
    "/my/directory/profile/save": False,
    "/my/income": True,
    "/my/income/declare": False,
    "/my/data": True,
    "/my/data/export": True,
    "/my/data/erasure": False,
    "/my/data/erasure/<int:erasure_id>": True,
    "/my/shifts": True,
    "/my/shifts/<int:shift_id>/register": False,
    "/my/shifts/registration/<int:registration_id>/cancel": False,
    "/my/shifts/log": False,
    "/my/skills": True,
    "/my/skills/add": False,
    "/my/skills/remove": False,
}
# A 1x1 PNG, for the directory's photo.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
)


@tagged("post_install", "-at_install")
class TestRouteModes(RouteModesMixin, TransactionCase):
    ADDON = "coop_member_shifts"
    MODES = MODES
    # website_event_sale (installed with website_sale) overrides the attendees' form again: its
    # code answers, and calls the coop's through super().
    MAY_BE_OVERRIDDEN = frozenset({'/event/<model("event.event"):event>/registration/confirm'})


@tagged("post_install", "-at_install")
class TestReadOnlyRoutesRun(ReadOnlyWalkMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = cls.make_member("coop_ro_member", "Rita Readonly")
        cls.other_user = cls.make_member("coop_ro_other", "Otto Readonly")
        cls.member, cls.other = cls.member_user.partner_id, cls.other_user.partner_id
        cls.other.image_1920 = PIXEL
        Profile = cls.env["coop.directory.profile"]
        cls.profile = Profile._coop_profile_for(cls.other)
        cls.profile.write({"published": True, "show_name": True, "show_photo": True})
        Profile._coop_profile_for(cls.member)
        category = cls.env["coop.board.category"].create({"name": "Read-only tools"})
        cls.post = cls.env["coop.board.post"].create(
            {
                "partner_id": cls.other.id,
                "name": "Lending a ladder",
                "kind": "offer",
                "category_id": category.id,
                "date_end": fields.Date.today() + timedelta(days=10),
            }
        )
        cls.erasure = cls.env["coop.erasure.request"].create({"partner_id": cls.member.id})
        cls.suggestion = cls.env["coop.product.suggestion"].create(
            {"name": "Read-only cheese", "author_id": cls.other.id}
        )

    @classmethod
    def make_member(cls, login, name):
        user = new_test_user(
            cls.env, login=login, password=login, groups="base.group_portal", name=name
        )
        user.partner_id.write(
            {
                "free_member": True,
                "coop_member_since": fields.Date.today() - timedelta(days=100),
                "email": f"{login}@example.com",
            }
        )
        return user

    def test_member_pages_run_on_a_read_only_cursor(self):
        walk = {
            "/my/board": "/my/board",
            "/my/board/page/<int:page>": "/my/board/page/1",
            "/my/board/<int:post_id>": f"/my/board/{self.post.id}",
            "/my/directory": "/my/directory",
            "/my/directory/<int:profile_id>": f"/my/directory/{self.profile.id}",
            "/my/directory/<int:profile_id>/photo": f"/my/directory/{self.profile.id}/photo",
            "/my/income": "/my/income?income=1200&household_shares=2",
            "/my/data": "/my/data",
            "/my/data/export": "/my/data/export",
            "/my/data/erasure/<int:erasure_id>": f"/my/data/erasure/{self.erasure.id}",
            "/my/shifts": "/my/shifts",
            "/my/skills": "/my/skills",
            "/my/suggestions": "/my/suggestions",
            "/my/events": "/my/events",
            "/my/suggestions/page/<int:page>": "/my/suggestions/page/1",
            "/my/suggestions/<int:suggestion_id>": f"/my/suggestions/{self.suggestion.id}",
        }
        self.assertWalked(walk, MODES)
        for pattern, url in walk.items():
            with self.subTest(route=pattern):
                self.assertRunsReadOnly(url, "coop_ro_member")

    def test_the_portal_counters_run_on_a_read_only_cursor(self):
        """Odoo's /my/counters is read-only; the addon's counters run in it."""
        self.assertRunsReadOnly("/my/counters", "coop_ro_member", json={"counters": []})

    def test_a_page_that_writes_is_caught(self):
        """The control: the same walk sees a read-only page that writes, and its second run
        (Odoo logs the refused query at ERROR, and the retry at WARNING)."""
        layout = CustomerPortal._prepare_portal_layout_values

        def writing_layout(controller):
            controller_env = request.env
            controller_env.cr.execute(
                "UPDATE res_partner SET write_date = write_date WHERE id = %s",
                [controller_env.user.partner_id.id],
            )
            return layout(controller)

        with (
            mute_logger("odoo.sql_db"),
            patch.object(CustomerPortal, "_prepare_portal_layout_values", writing_layout),
            self.assertLogs("odoo.http", "WARNING") as logs,
            self.assertRaises(AssertionError) as caught,
        ):
            self.assertRunsReadOnly("/my/shifts", "coop_ro_member")
        self.assertIn("'ro->rw'", str(caught.exception))
        self.assertIn("retrying with a read/write cursor", logs.output[0])
