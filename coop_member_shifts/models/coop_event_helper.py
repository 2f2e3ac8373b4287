from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROLES = [("organiser", "Organiser"), ("host", "Host")]


class CoopEventHelper(models.Model):
    """A member who organises or runs an event, and the hours it took them: once the event is
    done, they become a line of the volunteer-work ledger, which a coordinator validates."""

    _name = "coop.event.helper"
    _description = "Event Organiser or Host"
    _order = "event_id, id"

    event_id = fields.Many2one("event.event", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, ondelete="restrict", index=True
    )
    role = fields.Selection(ROLES, required=True, default="organiser")
    hours = fields.Float(required=True, default=2.0)
    work_entry_id = fields.Many2one(
        "coop.work.entry", string="Ledger Line", readonly=True, copy=False, ondelete="set null"
    )
    work_state = fields.Selection(related="work_entry_id.state", string="Ledger State")
    company_id = fields.Many2one(related="event_id.company_id", store=True)

    _sql_constraints = [
        (
            "one_line_a_member",
            "UNIQUE(event_id, partner_id)",
            "This member is already among the event's organisers and hosts.",
        ),
    ]

    @api.constrains("hours")
    def _check_hours(self):
        for helper in self:
            if not 0 < helper.hours <= 24:
                raise ValidationError(
                    self.env._("The hours of an organiser or host are more than 0 and at most 24.")
                )

    @api.constrains("partner_id")
    def _check_member(self):
        for helper in self:
            if not helper.partner_id.sudo()._coop_is_member():
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a member of the coop: only members' hours are counted.",
                        name=helper.partner_id.display_name,
                    )
                )

    def write(self, vals):
        if self.filtered("work_entry_id") and {"partner_id", "hours", "event_id"} & vals.keys():
            raise ValidationError(
                self.env._(
                    "These hours are in the ledger already: a coordinator corrects them there."
                )
            )
        return super().write(vals)

    def _propose_work_entry(self):
        """One ledger line to validate for each helper, on the day the event ended."""
        for helper in self:
            event = helper.event_id
            end = fields.Datetime.context_timestamp(
                event.with_context(tz=event.date_tz), event.date_end
            ).date()
            label = (
                self.env._("Organised: %s", event.name)
                if helper.role == "organiser"
                else self.env._("Hosted: %s", event.name)
            )
            entry = (
                self.env["coop.work.entry"]
                .sudo()
                .create(
                    {
                        "partner_id": helper.partner_id.id,
                        "hours": helper.hours,
                        "kind": "event",
                        "name": label,
                        "date": end,
                        "origin": f"{self._name},{helper.id}",
                        "company_id": (event.company_id or self.env.company).id,
                    }
                )
            )
            helper.sudo().work_entry_id = entry
