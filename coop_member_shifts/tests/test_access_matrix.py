"""The access matrix of readme/CONFIGURE.md, walked cell by cell as a user of each group.

The table is read from the readme itself, so that the documentation and the rights cannot
drift apart: every model row is tried as each user (read, write, create, delete a sample
record through the ORM), every field row is read and searched; "own" cells are also tried on
someone else's record, which must be refused.
"""

import re
from datetime import timedelta
from pathlib import Path

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .fee_common import FeeCase

README = Path(__file__).parents[1] / "readme" / "CONFIGURE.md"
COLUMNS = ["Public", "Portal", "Internal", "Shop staff", "Shift coordinator", "Fee officer"]
COLUMNS += ["Manager"]
OPERATIONS = "rwcd"


def matrix_rows():
    """[(model, field names, {column: (operations, own)})] from the readme's table."""
    lines = README.read_text().splitlines()
    rows = []
    for line in lines[lines.index("## Access matrix") :]:
        if not line.startswith("| `"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        model, *field_names = re.findall(r"`([^`]+)`", cells[0])
        rights = {}
        for column, cell in zip(COLUMNS, cells[1:], strict=True):
            words = cell.split()
            rights[column] = ("".join(w for w in words if w in OPERATIONS), "own" in words)
        rows.append((model, field_names, rights))
    return rows


@tagged("post_install", "-at_install")
class TestAccessMatrix(FeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal_user = new_test_user(cls.env, login="coop_test_internal")
        cls.users = {
            "Public": cls.env.ref("base.public_user"),
            "Portal": cls.portal_user,
            "Internal": cls.internal_user,
            "Shop staff": cls.staff_user,
            "Shift coordinator": cls.coordinator_user,
            "Fee officer": cls.officer_user,
            "Manager": cls.manager_user,
        }
        cls.task = cls.env["coop.task.type"].create({"name": "Matrix task"})
        cls.shift_count = 0

    # === SAMPLES: how to make, create and change a record of each model ===#

    def make_shift(self):
        type(self).shift_count += 1
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=self.shift_count)
        return self.env["coop.shift"].create(
            {
                "task_type_id": self.task.id,
                "start": start,
                "end": start + timedelta(hours=3),
                "seats": 4,
            }
        )

    def schedule_values(self):
        product = self.env["product.template"].create(
            {"name": "Matrix membership", "membership": True, "type": "service"}
        )
        return {"product_tmpl_id": product.id, "mode": "rate", "rate": 2.0, "fee_step": 5}

    def sample_partner(self, partner):
        """A member with a declared income and a chosen way to be reached."""
        partner = self.declare(partner, 1260).partner_id
        partner.coop_contact_channel = "call"
        return partner

    def next_skill_number(self):
        type(self).skill_count = getattr(type(self), "skill_count", 0) + 1
        return self.skill_count

    def make_skill(self):
        return self.env["coop.skill"].create(
            {"name": f"Matrix skill {self.next_skill_number()}", "needs_confirmation": True}
        )

    def make_schedule(self):
        return self.env["coop.fee.schedule"].create(self.schedule_values())

    def samples(self):
        """{model: (field to read, make(owner), create values(owner), write values)}"""
        today = fields.Date.today()
        exemption = {"date_from": today, "date_to": today + timedelta(days=10)}
        return {
            "coop.work.entry": (
                "hours",
                lambda p: self.env["coop.work.entry"].create(
                    {"partner_id": p.id, "hours": 2, "name": "Matrix work"}
                ),
                lambda p: {"partner_id": p.id, "hours": 1, "name": "Matrix work"},
                {"name": "Matrix work, changed"},
            ),
            "coop.exemption": (
                "date_from",
                lambda p: self.env["coop.exemption"].create(
                    {"partner_id": p.id, "reason": "health", "note": "Hip operation", **exemption}
                ),
                lambda p: {"partner_id": p.id, "reason": "holiday", **exemption},
                {"reduced_hours": 1.0},
            ),
            "coop.task.type": (
                "name",
                lambda p: self.env["coop.task.type"].create({"name": "Matrix task"}),
                lambda p: {"name": "Matrix task"},
                {"name": "Matrix task, changed"},
            ),
            "coop.shift.template": (
                "seats",
                lambda p: self.env["coop.shift.template"].create({"task_type_id": self.task.id}),
                lambda p: {"task_type_id": self.task.id},
                {"seats": 6},
            ),
            "coop.shift": (
                "seats",
                lambda p: self.make_shift(),
                lambda p: {**self.make_shift().copy_data()[0], "registration_ids": []},
                {"seats": 5},
            ),
            "coop.shift.registration": (
                "state",
                lambda p: self.env["coop.shift.registration"].create(
                    {"shift_id": self.make_shift().id, "partner_id": p.id}
                ),
                lambda p: {"shift_id": self.make_shift().id, "partner_id": p.id},
                {"reminder_sent": True},
            ),
            "coop.fee.schedule": (
                "rate",
                lambda p: self.make_schedule(),
                lambda p: self.schedule_values(),
                {"fee_floor": 2.0},
            ),
            "coop.fee.bracket": (
                "fee",
                lambda p: self.env["coop.fee.bracket"].create(
                    {"schedule_id": self.make_schedule().id, "income_from": 0, "fee": 5}
                ),
                lambda p: {"schedule_id": self.make_schedule().id, "income_from": 0, "fee": 5},
                {"fee": 6.0},
            ),
            "coop.income.declaration": (
                "income",
                lambda p: self.declare(p, 1260),
                lambda p: {"partner_id": p.id, "income": 900},
                {"note": "Checked"},
            ),
            "coop.erasure.request": (
                "state",
                lambda p: self.env["coop.erasure.request"].create({"partner_id": p.id}),
                # One open request a member: the one made above is closed first.
                lambda p: self._close_open_erasures(p) or {"partner_id": p.id},
                {"refusal_reason": "Unpaid invoice"},
            ),
            "coop.directory.profile": (
                "neighbourhood",
                lambda p: self.env["coop.directory.profile"]._coop_profile_for(p).sudo(False),
                lambda p: {"partner_id": self.env["res.partner"].create({"name": "Matrix"}).id},
                {"neighbourhood": "Matrix quarter"},
            ),
            "coop.directory.message": (
                "body",
                lambda p: self.env["coop.directory.message"].create(
                    {"sender_id": self.paula.id, "recipient_id": p.id, "body": "Matrix"}
                ),
                lambda p: {"sender_id": self.paula.id, "recipient_id": p.id, "body": "Matrix"},
                {"body": "Matrix, changed"},
            ),
            "coop.board.category": (
                "name",
                lambda p: self.env["coop.board.category"].create({"name": "Matrix category"}),
                lambda p: {"name": "Matrix category"},
                {"name": "Matrix category, changed"},
            ),
            "coop.board.post": (
                "name",
                self.make_board_post,
                self.board_post_values,
                {"name": "Matrix post, changed"},
            ),
            "coop.board.answer": (
                "sent_on",
                lambda p: self.env["coop.board.answer"].create(
                    {"post_id": self.make_board_post(self.paula).id, "sender_id": p.id}
                ),
                lambda p: {"post_id": self.make_board_post(self.paula).id, "sender_id": p.id},
                {"sent_on": fields.Date.today() - timedelta(days=1)},
            ),
            "coop.skill": (
                "needs_confirmation",
                lambda p: self.make_skill(),
                lambda p: {"name": f"Matrix skill {self.next_skill_number()}"},
                {"description": "Changed"},
            ),
            "coop.member.skill": (
                "confirmed",
                lambda p: (
                    self.env["coop.member.skill"]
                    .sudo()
                    .create(
                        {
                            "partner_id": p.id,
                            "skill_id": self.make_skill().id,
                            "confirmed": True,
                            "confirmed_by_id": self.coordinator_user.id,
                            "confirmed_on": fields.Datetime.now(),
                        }
                    )
                    .sudo(False)
                ),
                lambda p: {"partner_id": p.id, "skill_id": self.make_skill().id},
                {"note": "Licence seen"},
            ),
            "coop.product.suggestion": (
                "name",
                self.make_suggestion,
                lambda p: self.as_member(p) and {"name": "Matrix flour"},
                {"name": "Matrix cheese, changed"},
            ),
            "coop.product.suggestion.support": (
                "create_date",
                lambda p: self.env["coop.product.suggestion.support"].create(
                    {"suggestion_id": self.make_suggestion().id, "partner_id": p.id}
                ),
                lambda p: {"suggestion_id": self.make_suggestion().id, "partner_id": p.id},
                {"partner_id": self.paula.id},
            ),
            "coop.event.helper": (
                "hours",
                lambda p: self.env["coop.event.helper"].create(self.helper_values(p)),
                self.helper_values,
                {"hours": 3.0},
            ),
            "event.registration": (
                "state",
                lambda p: self.env["event.registration"].create(self.registration_values(p)),
                self.registration_values,
                {"name": "Matrix attendee"},
            ),
            "res.partner": (None, self.sample_partner, None, None),
            "membership.membership_line": (
                None,
                lambda p: (
                    p.member_lines[:1]
                    or (p.create_membership_invoice(self.product, 25.0) and p.member_lines[:1])
                ),
                None,
                None,
            ),
        }

    def make_event(self):
        """A members-only event of its own (one seat a member and event)."""
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=8)
        return self.env["event.event"].create(
            {
                "name": "Matrix workshop",
                "date_begin": start,
                "date_end": start + timedelta(hours=2),
                "coop_members_only": True,
                "event_mail_ids": [(5, 0, 0)],
            }
        )

    def helper_values(self, partner):
        self.as_member(partner)
        return {"event_id": self.make_event().id, "partner_id": partner.id, "hours": 2.0}

    def registration_values(self, partner):
        self.as_member(partner)
        return {"event_id": self.make_event().id, "partner_id": partner.id}

    def board_post_values(self, partner):
        """A post of ``partner``, made a member: only members post on the board."""
        partner.sudo().coop_member_since = fields.Date.today() - timedelta(days=30)
        category = self.env["coop.board.category"].create({"name": "Matrix category"})
        return {
            "partner_id": partner.id,
            "name": "Matrix post",
            "category_id": category.id,
            "date_end": fields.Date.today() + timedelta(days=10),
        }

    def make_board_post(self, partner):
        """Someone else's post is a hidden one: members read the others' open posts."""
        post = self.env["coop.board.post"].create(self.board_post_values(partner))
        if partner != self.portal_user.partner_id:
            post.write({"hidden": True, "hidden_reason": "Matrix"})
        return post

    def as_member(self, partner):
        """Members read the suggestions: the portal user of the walk is one."""
        for member in partner | self.portal_user.partner_id:
            member.sudo().coop_member_since = fields.Date.today() - timedelta(days=30)
        return True

    def make_suggestion(self, partner=None):
        """A declined suggestion of ``partner`` (its reason to read), or, without a partner,
        a posted one of a third member (to support)."""
        if partner is None:
            partner = self.env["res.partner"].create({"name": "Matrix author"})
            self.as_member(partner)
            return self.env["coop.product.suggestion"].create(
                {"name": "Matrix cheese", "author_id": partner.id}
            )
        self.as_member(partner)
        return self.env["coop.product.suggestion"].create(
            {
                "name": "Matrix cheese",
                "author_id": partner.id,
                "state": "declined",
                "decline_reason": "Matrix",
            }
        )

    # === THE WALK ===#

    def allowed(self, operation):
        """Whether ``operation`` passes; False on an AccessError (any other error fails)."""
        try:
            with self.env.cr.savepoint():
                operation()
                self.env.flush_all()
        except AccessError:
            self.env.invalidate_all()
            return False
        return True

    def check(self, expected, operation, what):
        self.assertEqual(self.allowed(operation), expected, what)

    def finds(self, user, record, domain=()):
        """Whether ``user`` finds ``record`` by searching (an access error finds nothing)."""
        try:
            found = record.with_user(user).search([("id", "=", record.id), *domain])
        except AccessError:
            return False
        return bool(found)

    def owner(self, user, own):
        return user.partner_id if own else self.oscar

    def _close_open_erasures(self, partner):
        """Close (in SQL: only the request's buttons change its state) the member's open one."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE coop_erasure_request SET state = 'refused' "
            "WHERE partner_id = %s AND state = 'requested'",
            [partner.id],
        )
        self.env.invalidate_all()

    def walk_model(self, model, user, operations, own, sample):
        field, make, create_values, write_values = sample
        walked = OPERATIONS
        record = make(self.owner(user, own))
        as_user = record.with_user(user)
        if "r" in walked:
            self.check("r" in operations, lambda: as_user.read([field]), "read")
            self.assertEqual(self.finds(user, record), "r" in operations, "search")
        if "w" in walked:
            self.check("w" in operations, lambda: as_user.write(write_values), "write")
        if "c" in walked:
            values = create_values(self.owner(user, own))
            self.check("c" in operations, lambda: as_user.create(values), "create")
        if own:
            self.walk_someone_elses(model, user, walked, sample)
        if "d" in walked:
            self.check("d" in operations, lambda: as_user.unlink(), "delete")

    def walk_someone_elses(self, model, user, walked, sample):
        """With "own" rights, someone else's records are refused or not found."""
        field, make, create_values, write_values = sample
        other = make(self.oscar).with_user(user)
        self.check(False, lambda: other.read([field]), "read someone else's")
        self.assertFalse(self.finds(user, other), "search someone else's")
        if "w" in walked:
            self.check(False, lambda: other.write(write_values), "write someone else's")
        if "c" in walked:
            values = create_values(self.oscar)
            self.check(False, lambda: other.create(values), "create for someone else")
        if "d" in walked:
            self.check(False, lambda: other.unlink(), "delete someone else's")

    def walk_fields(self, model, field_names, user, operations, own, sample):
        record = sample[1](self.owner(user, own)).with_user(user)
        readable = "r" in operations
        self.check(readable, lambda: record.read(field_names), "read")
        for name in field_names:
            field = self.env[model]._fields[name]
            if field.store or field.search:
                domain = [(name, "!=", False)]
                self.assertEqual(self.finds(user, record, domain), readable, f"search on {name}")
        if own:
            other = sample[1](self.oscar).with_user(user)
            self.check(False, lambda: other.read(field_names), "read someone else's")

    def test_every_cell_of_the_access_matrix(self):
        samples = self.samples()
        rows = matrix_rows()
        self.assertGreaterEqual(len(rows), 14)
        for model, field_names, rights in rows:
            for column, (operations, own) in rights.items():
                user = self.users[column]
                with self.subTest(model=model, fields=field_names, group=column):
                    if field_names:
                        self.walk_fields(model, field_names, user, operations, own, samples[model])
                    else:
                        self.walk_model(model, user, operations, own, samples[model])

    def test_every_model_of_the_addon_is_in_the_matrix(self):
        in_matrix = {model for model, field_names, _rights in matrix_rows() if not field_names}
        defined = {
            model.model
            for model in self.env["ir.model"].search([("model", "=like", "coop.%")])
            if "coop_member_shifts" in model.modules.split(", ")
            and not self.env[model.model]._abstract
            and not self.env[model.model]._transient
        }
        self.assertEqual(defined - in_matrix, set())

    def test_exemptions_show_no_health_reason_to_shop_staff(self):
        exemption = self.samples()["coop.exemption"][1](self.paula)
        self.assertNotIn("Health", exemption.with_user(self.staff_user).display_name)
        self.assertIn("Health", exemption.with_user(self.coordinator_user).display_name)
