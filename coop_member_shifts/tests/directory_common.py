from odoo.tests import new_test_user

from .common import CoopCase


class DirectoryCase(CoopCase):
    """Members with directory profiles, a non-member portal user and a coordinator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "coop@example.com"
        cls.skill = cls.env["coop.skill"].create({"name": "Directory carpentry"})
        cls.member_user = cls.make_member("coop_dir_marie", "Marie Directory")
        cls.other_user = cls.make_member("coop_dir_olivier", "Olivier Directory")
        cls.stranger_user = new_test_user(
            cls.env, login="coop_dir_stranger", groups="base.group_portal", name="Sam Stranger"
        )
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_dir_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.member, cls.other = cls.member_user.partner_id, cls.other_user.partner_id
        cls.env["coop.member.skill"].create({"partner_id": cls.other.id, "skill_id": cls.skill.id})
        cls.other.write({"street": "12 rue Secrète", "phone": "+33 6 11 22 33 44"})
        Profile = cls.env["coop.directory.profile"]
        Profile.search([]).unlink()  # the demo's profiles
        cls.profile = Profile.create({"partner_id": cls.member.id})
        cls.other_profile = Profile.create(
            {
                "partner_id": cls.other.id,
                "published": True,
                "show_neighbourhood": True,
                "neighbourhood": "Saint-Marceau",
                "offer": "Woodwork lessons",
                "contactable": True,
            }
        )

    @classmethod
    def make_member(cls, login, name):
        user = new_test_user(
            cls.env, login=login, password=login, groups="base.group_portal", name=name
        )
        user.partner_id.write({"free_member": True, "email": f"{login}@example.com"})
        return user

    def directory(self, user, **criteria):
        """The cards ``user`` gets from the directory."""
        return self.env["coop.directory.profile"].with_user(user)._coop_directory(**criteria)[1]
