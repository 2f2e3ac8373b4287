from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from . import test_skills
from .test_skills import SkillCase


@tagged("post_install", "-at_install")
class TestSkillRights(SkillCase):
    """``usable`` and the confirmation are set only by the Confirm button's checks."""

    def test_a_coordinator_cannot_make_their_own_skill_usable(self):
        declared = self.declare(self.coordinator_user.partner_id, self.licence)
        with self.assertRaises(AccessError):
            declared.with_user(self.coordinator_user).write({"usable": True})
        self.assertFalse(declared.usable)

    def test_a_coordinator_cannot_make_someone_elses_skill_usable(self):
        declared = self.declare(self.oscar, self.licence)
        with self.assertRaises(AccessError):
            declared.with_user(self.coordinator_user).write({"usable": True})
        self.assertFalse(declared.usable)
        self.assertFalse(declared.confirmed_by_id)

    def test_a_skill_cannot_be_created_usable(self):
        with self.assertRaises(AccessError):
            self.MemberSkill.with_user(self.coordinator_user).create(
                {
                    "partner_id": self.oscar.id,
                    "skill_id": self.licence.id,
                    "usable": True,
                }
            )

    def test_an_import_cannot_set_usable(self):
        result = self.MemberSkill.with_user(self.coordinator_user).load(
            ["partner_id/.id", "skill_id/.id", "usable"],
            [[str(self.oscar.id), str(self.licence.id), "1"]],
        )
        self.assertFalse(result["ids"])
        self.assertNotIn(self.licence, self.oscar.coop_skill_ids)

    def test_confirming_records_who_and_when(self):
        declared = self.declare(self.oscar, self.licence)
        declared.with_user(self.coordinator_user).action_confirm()
        self.assertTrue(declared.usable)
        self.assertEqual(declared.confirmed_by_id, self.coordinator_user)
        self.assertTrue(declared.confirmed_on)


@tagged("post_install", "-at_install")
class TestRegistrationBackOnASeat(test_skills.TestSkillSignUp):
    """A registration put back on a seat is checked as a new one."""

    def test_cancelled_written_back_to_attended_checks_the_skill(self):
        declared = self.declare(self.oscar, self.licence)
        declared.with_user(self.coordinator_user).action_confirm()
        registration = self.register(self.oscar, self.make_shift())
        registration.action_cancel()
        declared.with_user(self.other_coordinator_user).action_unconfirm()
        with self.assertRaises(ValidationError):
            registration.with_user(self.coordinator_user).write({"state": "attended"})
        self.assertEqual(registration.state, "cancelled")

    def test_cancelled_written_back_on_a_full_shift_is_refused(self):
        task = self.env["coop.task.type"].create({"name": "Test shelving back"})
        shift = self.make_shift(task)
        shift.seats = 1
        registration = self.register(self.oscar, shift)
        registration.action_cancel()
        self.register(self.paula, shift)
        with self.assertRaises(ValidationError):
            registration.write({"state": "registered"})

    def test_back_on_a_cancelled_shift_is_refused(self):
        task = self.env["coop.task.type"].create({"name": "Test shelving cancelled"})
        shift = self.make_shift(task)
        registration = self.register(self.oscar, shift)
        shift.action_cancel()
        with self.assertRaises(ValidationError):
            registration.write({"state": "registered"})
