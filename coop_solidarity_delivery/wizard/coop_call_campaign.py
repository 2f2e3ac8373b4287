from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CoopCallCampaign(models.TransientModel):
    """Share the members of a call list among call-centre volunteers as phone-call
    activities; each volunteer records the outcome when marking the call done."""

    _name = "coop.call.campaign"
    _description = "Call Campaign"

    partner_ids = fields.Many2many("res.partner", string="Members to Call")
    user_ids = fields.Many2many(
        "res.users",
        string="Callers",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("coop_solidarity_delivery.group_coop_call_centre").ids)
        ],
    )
    summary = fields.Char(
        required=True, default=lambda self: _("Check how they are and offer a delivery")
    )
    date_deadline = fields.Date(string="Call Before", required=True, default=fields.Date.today)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner":
            values["partner_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    def action_create_activities(self):
        self.ensure_one()
        if not self.partner_ids or not self.user_ids:
            raise UserError(_("Choose the members to call and at least one caller."))
        callers = self.user_ids.sorted("id")
        call_type = self.env.ref("mail.mail_activity_data_call")
        for index, partner in enumerate(self.partner_ids.sorted("id")):
            partner.activity_schedule(
                activity_type_id=call_type.id,
                summary=self.summary,
                date_deadline=self.date_deadline,
                user_id=callers[index % len(callers)].id,
            )
        return {"type": "ir.actions.act_window_close"}
