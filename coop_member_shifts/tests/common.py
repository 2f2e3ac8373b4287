from datetime import date

from odoo.tests import TransactionCase, new_test_user


class CoopCase(TransactionCase):
    """Shared fixtures: one user per Coop role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_user = new_test_user(
            cls.env, login="coop_test_staff", groups="coop_member_shifts.group_coop_shop_staff"
        )
        cls.manager_user = new_test_user(
            cls.env, login="coop_test_manager", groups="coop_member_shifts.group_coop_manager"
        )

    def visible_menus(self, user, root_xmlid):
        """Return the menus under ``root_xmlid`` that ``user`` sees, with an action."""
        root = self.env.ref(root_xmlid)
        menus = self.env["ir.ui.menu"].with_user(user)
        visible_ids = menus._visible_menu_ids()
        return menus.search([("id", "child_of", root.id)]).filtered(
            lambda menu: menu.id in visible_ids and menu.action
        )

    def assertMenusOpen(self, user, root_xmlid):
        """Every menu ``user`` sees under the root opens its action and views."""
        menus = self.visible_menus(user, root_xmlid)
        self.assertTrue(menus, "the user sees no menu with an action")
        for menu in menus:
            action = menu.action.sudo()
            if action._name != "ir.actions.act_window":
                continue
            model = self.env[action.res_model].with_user(user)
            self.assertTrue(
                model.has_access("read"), f"{user.login} cannot read {action.res_model}"
            )
            views = [(view.id, view.view_mode) for view in action.view_ids]
            views += [(False, mode) for mode in action.view_mode.split(",")]
            model.get_views(views, {"load_filters": True})
        return menus


class ShiftTemplateCase(CoopCase):
    """A task, and templates of Sunday mornings in January 2027 (five Sundays), in Paris."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Europe/Paris"
        cls.task = cls.env["coop.task.type"].create({"name": "Reception"})

    @classmethod
    def make_template(cls, team, **values):
        return cls.env["coop.shift.template"].create(
            {
                "task_type_id": cls.task.id,
                "weekday": "6",
                "start_hour": 10.0,
                "end_hour": 13.0,
                "seats": 4,
                "date_start": date(2027, 1, 1),
                "date_end": date(2027, 1, 31),
                "partner_ids": [(6, 0, team.ids)],
                **values,
            }
        )
