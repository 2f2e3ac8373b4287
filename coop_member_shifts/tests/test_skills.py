from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CoopCase


class SkillCase(CoopCase):
    """Skills, one user per role, two portal members."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_skill_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.other_coordinator_user = new_test_user(
            cls.env,
            login="coop_skill_coordinator2",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.portal_user = new_test_user(
            cls.env, login="coop_skill_portal", groups="base.group_portal", name="Paula Portal"
        )
        cls.other_portal_user = new_test_user(
            cls.env, login="coop_skill_portal2", groups="base.group_portal", name="Oscar Other"
        )
        cls.paula = cls.portal_user.partner_id
        cls.oscar = cls.other_portal_user.partner_id
        Skill = cls.env["coop.skill"]
        cls.licence = Skill.create({"name": "Test driving licence", "needs_confirmation": True})
        cls.carpentry = Skill.create({"name": "Test carpentry"})
        cls.MemberSkill = cls.env["coop.member.skill"]

    def declare(self, partner, skill):
        return self.MemberSkill.create({"partner_id": partner.id, "skill_id": skill.id})


@tagged("post_install", "-at_install")
class TestSkillConfirmation(SkillCase):
    def test_a_declared_skill_needing_confirmation_does_not_count_yet(self):
        declared = self.declare(self.oscar, self.licence)
        self.assertFalse(declared.usable)
        self.assertNotIn(self.licence, self.oscar.coop_skill_ids)

    def test_a_skill_needing_no_confirmation_counts_at_once(self):
        declared = self.declare(self.oscar, self.carpentry)
        self.assertTrue(declared.usable)
        self.assertIn(self.carpentry, self.oscar.coop_skill_ids)

    def test_a_coordinator_confirms_in_their_own_name(self):
        declared = self.declare(self.oscar, self.licence)
        declared.with_user(self.coordinator_user).action_confirm()
        self.assertTrue(declared.confirmed)
        self.assertEqual(declared.confirmed_by_id, self.coordinator_user)
        self.assertTrue(declared.confirmed_on)
        self.assertIn(self.licence, self.oscar.coop_skill_ids)

    def test_shop_staff_cannot_confirm(self):
        declared = self.declare(self.oscar, self.licence)
        with self.assertRaises(AccessError):
            declared.with_user(self.staff_user).action_confirm()
        self.assertFalse(declared.confirmed)

    def test_a_member_cannot_confirm(self):
        declared = self.declare(self.paula, self.licence)
        with self.assertRaises(AccessError):
            declared.with_user(self.portal_user).action_confirm()
        self.assertFalse(declared.confirmed)

    def test_a_coordinator_cannot_confirm_their_own_skill(self):
        declared = self.declare(self.coordinator_user.partner_id, self.licence)
        with self.assertRaises(UserError):
            declared.with_user(self.coordinator_user).action_confirm()
        declared.with_user(self.other_coordinator_user).action_confirm()
        self.assertEqual(declared.confirmed_by_id, self.other_coordinator_user)

    def test_confirmation_fields_cannot_be_written(self):
        declared = self.declare(self.oscar, self.licence)
        for values in (
            {"confirmed": True},
            {"confirmed_by_id": self.other_coordinator_user.id},
            {"confirmed_on": fields.Datetime.now()},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                declared.with_user(self.coordinator_user).write(values)
        self.assertFalse(declared.confirmed)

    def test_a_skill_cannot_be_created_confirmed(self):
        with self.assertRaises(AccessError):
            self.MemberSkill.with_user(self.coordinator_user).create(
                {"partner_id": self.oscar.id, "skill_id": self.licence.id, "confirmed": True}
            )

    def test_moving_a_confirmed_skill_to_another_skill_unconfirms_it(self):
        other_licence = self.env["coop.skill"].create(
            {"name": "Test truck licence", "needs_confirmation": True}
        )
        declared = self.declare(self.oscar, self.licence)
        declared.with_user(self.coordinator_user).action_confirm()
        declared.with_user(self.coordinator_user).skill_id = other_licence
        self.assertFalse(declared.confirmed)
        self.assertFalse(declared.confirmed_by_id)
        self.assertFalse(declared.usable)

    def test_a_coordinator_withdraws_a_confirmation(self):
        declared = self.declare(self.oscar, self.licence)
        declared.with_user(self.coordinator_user).action_confirm()
        declared.with_user(self.coordinator_user).action_unconfirm()
        self.assertFalse(declared.confirmed)
        self.assertNotIn(self.licence, self.oscar.coop_skill_ids)

    def test_members_are_found_by_skill(self):
        self.declare(self.oscar, self.carpentry)
        self.declare(self.paula, self.licence)
        Partner = self.env["res.partner"].with_user(self.staff_user)
        mine = [("id", "in", (self.oscar | self.paula).ids)]
        self.assertEqual(
            Partner.search([*mine, ("coop_skill_ids", "in", self.carpentry.ids)]), self.oscar
        )
        self.assertEqual(
            Partner.search([*mine, ("coop_skill_ids", "ilike", "carpent")]), self.oscar
        )
        # Paula's licence waits for confirmation: she is not found by it.
        self.assertFalse(Partner.search([*mine, ("coop_skill_ids", "=", self.licence.id)]))
        self.assertEqual(Partner.search([*mine, ("coop_skill_ids", "=", False)]), self.paula)


@tagged("post_install", "-at_install")
class TestSkillSelfDeclaration(SkillCase):
    def test_a_member_declares_a_skill_of_their_own(self):
        declared = self.MemberSkill.with_user(self.portal_user)._coop_declare_own(
            str(self.licence.id)
        )
        self.assertEqual(declared.partner_id, self.paula)
        self.assertFalse(declared.confirmed)

    def test_declaring_twice_keeps_one_declaration(self):
        Mine = self.MemberSkill.with_user(self.portal_user)
        first = Mine._coop_declare_own(self.carpentry.id)
        self.assertEqual(Mine._coop_declare_own(self.carpentry.id), first)

    def test_removing_a_confirmed_skill_then_adding_it_again_unconfirms_it(self):
        declared = self.declare(self.paula, self.licence)
        declared.with_user(self.coordinator_user).action_confirm()
        Mine = self.MemberSkill.with_user(self.portal_user)
        Mine._coop_withdraw_own(self.licence.id)
        self.assertFalse(declared.exists())
        self.assertFalse(Mine._coop_declare_own(self.licence.id).confirmed)

    def test_nonsense_skill_ids_are_refused_with_a_message(self):
        archived = self.env["coop.skill"].create({"name": "Test archived", "active": False})
        Mine = self.MemberSkill.with_user(self.portal_user)
        for value in ("", "abc", "-1", "0", "99999999999", "1e3", None, str(archived.id)):
            with self.subTest(value=value), self.assertRaises(UserError):
                Mine._coop_declare_own(value)
        self.assertFalse(self.MemberSkill.search([("partner_id", "=", self.paula.id)]))

    def test_a_member_cannot_remove_someone_elses_skill(self):
        others = self.declare(self.oscar, self.carpentry)
        with self.assertRaises(UserError):
            self.MemberSkill.with_user(self.portal_user)._coop_withdraw_own(self.carpentry.id)
        self.assertTrue(others.exists())

    def test_a_member_reads_only_their_own_skills(self):
        mine = self.declare(self.paula, self.carpentry)
        self.declare(self.oscar, self.carpentry)
        self.assertEqual(self.MemberSkill.with_user(self.portal_user).search([]), mine)

    def test_a_member_cannot_create_a_skill_line_directly(self):
        with self.assertRaises(AccessError):
            self.MemberSkill.with_user(self.portal_user).create(
                {"partner_id": self.paula.id, "skill_id": self.carpentry.id}
            )


@tagged("post_install", "-at_install")
class TestSkillSignUp(SkillCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.driving = cls.env["coop.task.type"].create(
            {"name": "Test farm pick-up", "required_skill_id": cls.licence.id}
        )
        cls.Registration = cls.env["coop.shift.registration"]

    def make_shift(self, task=None, days=3):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=days)
        return self.env["coop.shift"].create(
            {
                "task_type_id": (task or self.driving).id,
                "start": start,
                "end": start + timedelta(hours=2),
                "seats": 3,
            }
        )

    def register(self, partner, shift, user=None):
        Registration = self.Registration.with_user(user) if user else self.Registration
        return Registration.create({"shift_id": shift.id, "partner_id": partner.id})

    def test_a_member_without_the_skill_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "Test driving licence"):
            self.register(self.oscar, self.make_shift())

    def test_a_member_is_told_in_the_second_person(self):
        shift = self.make_shift()
        member = self.portal_user.partner_id
        to_member = shift.with_user(self.portal_user)._missing_skill_message(member)
        self.assertTrue(to_member.startswith("You cannot take the shift"), to_member)
        self.assertNotIn(member.name, to_member)
        to_staff = shift.with_user(self.coordinator_user)._missing_skill_message(member)
        self.assertTrue(to_staff.startswith(member.name), to_staff)

    def test_a_skill_awaiting_confirmation_is_refused(self):
        self.declare(self.oscar, self.licence)
        with self.assertRaises(ValidationError):
            self.register(self.oscar, self.make_shift())

    def test_a_member_with_the_confirmed_skill_registers(self):
        self.declare(self.oscar, self.licence).with_user(self.coordinator_user).action_confirm()
        registration = self.register(self.oscar, self.make_shift())
        self.assertEqual(registration.state, "registered")

    def test_a_coordinator_cannot_register_a_member_without_the_skill(self):
        with self.assertRaises(ValidationError):
            self.register(self.oscar, self.make_shift(), user=self.coordinator_user)

    def test_putting_back_a_cancelled_registration_checks_the_skill(self):
        declared = self.declare(self.oscar, self.licence)
        declared.with_user(self.coordinator_user).action_confirm()
        registration = self.register(self.oscar, self.make_shift())
        registration.action_cancel()
        declared.with_user(self.coordinator_user).action_unconfirm()
        with self.assertRaises(ValidationError):
            registration.state = "registered"

    def test_a_task_without_required_skill_takes_anyone(self):
        task = self.env["coop.task.type"].create({"name": "Test shelving"})
        self.assertTrue(self.register(self.oscar, self.make_shift(task)))

    def test_a_fixed_team_member_without_the_skill_is_skipped_and_reported(self):
        self.declare(self.paula, self.licence).with_user(self.coordinator_user).action_confirm()
        template = self.env["coop.shift.template"].create(
            {
                "task_type_id": self.driving.id,
                "weekday": "4",
                "start_hour": 8.0,
                "end_hour": 10.0,
                "seats": 2,
                "partner_ids": [(6, 0, (self.paula | self.oscar).ids)],
            }
        )
        shifts = template._generate_shifts(date_to=fields.Date.today() + timedelta(days=14))
        self.assertTrue(shifts)
        self.assertEqual(shifts.registration_ids.partner_id, self.paula)


@tagged("post_install", "-at_install")
class TestSkillMemberData(SkillCase):
    def test_the_data_export_has_the_members_skills_and_their_confirmation(self):
        self.declare(self.paula, self.licence)
        self.declare(self.oscar, self.carpentry)
        rows = self.paula._coop_data_export()["skills"]
        self.assertEqual(
            [(row["skill_id"], row["confirmed"]) for row in rows], [(self.licence.name, False)]
        )

    def test_an_erased_member_takes_their_skills_along(self):
        mine = self.declare(self.paula, self.licence)
        other = self.declare(self.oscar, self.licence)
        self.paula._coop_anonymise()
        self.assertFalse(mine.exists())
        self.assertTrue(other.exists())
