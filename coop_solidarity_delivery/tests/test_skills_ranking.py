from odoo.tests import new_test_user, tagged

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase

MONDAY = 0


@tagged("post_install", "-at_install")
class TestSkillsRanking(DeliveryCase):
    """Volunteer ranking may require a skill (held in a way that counts) or a transport."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Skill = cls.env["coop.skill"]
        cls.dutch = Skill.create({"name": "Test Dutch", "category": "language"})
        cls.licence = Skill.create({"name": "Test licence", "needs_confirmation": True})
        cls.confirmer = new_test_user(
            cls.env,
            login="coop_test_skill_confirmer",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.call_centre_user = new_test_user(
            cls.env,
            login="coop_test_skill_call_centre",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )

    def rank(self, **kwargs):
        ranked = self.env["res.partner"]._coop_rank_volunteers(*GRAND_PLACE, MONDAY, **kwargs)
        return [partner for partner, _km in ranked]

    def declare(self, partner, skill, confirm=False):
        member_skill = self.env["coop.member.skill"].create(
            {"partner_id": partner.id, "skill_id": skill.id}
        )
        if confirm:
            member_skill.with_user(self.confirmer).action_confirm()
        return member_skill

    def test_ranking_without_requirement_asks_everyone(self):
        near = self.make_volunteer("Near", IXELLES)
        far = self.make_volunteer("Far", SCHAERBEEK, coop_transport="car")
        self.assertEqual(self.rank(), [near, far])

    def test_required_skill_keeps_the_volunteers_holding_it(self):
        self.make_volunteer("Near", IXELLES)
        speaker = self.make_volunteer("Speaker", SCHAERBEEK)
        self.declare(speaker, self.dutch)
        self.assertEqual(self.rank(required_skill=self.dutch), [speaker])

    def test_skill_awaiting_confirmation_does_not_count_for_ranking(self):
        declared = self.make_volunteer("Declared", IXELLES)
        confirmed = self.make_volunteer("Confirmed", SCHAERBEEK)
        self.declare(declared, self.licence)
        self.declare(confirmed, self.licence, confirm=True)
        self.assertEqual(self.rank(required_skill=self.licence), [confirmed])

    def test_required_car_keeps_the_volunteers_with_a_car(self):
        self.make_volunteer("Walker", IXELLES, coop_transport="foot")
        self.make_volunteer("Cyclist", IXELLES, coop_transport="bike")
        driver = self.make_volunteer("Driver", SCHAERBEEK, coop_transport="car")
        self.assertEqual(self.rank(required_transport="car"), [driver])

    def test_required_bike_accepts_a_bike_or_a_car(self):
        self.make_volunteer("Walker", IXELLES, coop_transport="foot")
        cyclist = self.make_volunteer("Cyclist", IXELLES, coop_transport="bike")
        driver = self.make_volunteer("Driver", SCHAERBEEK, coop_transport="car")
        self.assertEqual(self.rank(required_transport="bike"), [cyclist, driver])

    def test_skill_and_transport_are_both_required(self):
        speaker_on_foot = self.make_volunteer("On foot", IXELLES, coop_transport="foot")
        speaker_driving = self.make_volunteer("Driving", SCHAERBEEK, coop_transport="car")
        self.make_volunteer("Driver only", IXELLES, coop_transport="car")
        self.declare(speaker_on_foot, self.dutch)
        self.declare(speaker_driving, self.dutch)
        ranked = self.rank(required_skill=self.dutch, required_transport="car")
        self.assertEqual(ranked, [speaker_driving])

    def test_ranking_by_skill_stays_one_query(self):
        speaker = self.make_volunteer("Speaker", IXELLES)
        self.declare(speaker, self.dutch)
        self.rank()  # the maximum radius setting is cached from now on
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.assertEqual(self.rank(required_skill=self.dutch, required_transport="bike"), [])

    def test_call_centre_ranks_by_skill_without_reading_members_skills(self):
        speaker = self.make_volunteer("Speaker", IXELLES)
        self.declare(speaker, self.dutch)
        partners = self.env["res.partner"].with_user(self.call_centre_user)
        ranked = partners._coop_rank_volunteers(*GRAND_PLACE, MONDAY, required_skill=self.dutch)
        self.assertEqual([partner.id for partner, _km in ranked], [speaker.id])

    def test_request_asks_only_the_volunteers_it_requires(self):
        self.env["ir.config_parameter"].sudo().set_param("coop_solidarity_delivery.wave_size", 5)
        beneficiary = self.make_beneficiary("Odette", GRAND_PLACE)
        self.make_volunteer("Walker", IXELLES, coop_transport="foot")
        driver = self.make_volunteer("Driver", SCHAERBEEK, coop_transport="car")
        self.make_volunteer("Driver, no Dutch", IXELLES, coop_transport="car")
        self.declare(driver, self.dutch)
        request = self.make_request(
            beneficiary, required_transport="car", required_skill_id=self.dutch.id
        )
        request.action_search_volunteers()
        self.assertEqual(request.offer_ids.volunteer_id, driver)
