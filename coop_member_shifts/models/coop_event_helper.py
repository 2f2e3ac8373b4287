from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROLES = [("organiser", "Organiser"), ("host", "Host")]
# Frozen once the helper's hours are in the ledger: a coordinator corrects the line there.
COUNTED_FIELDS = {"partner_id", "hours", "event_id", "role"}


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
            # "not 0 < h <= 24" also refuses nan; inf is above 24.
            if not 0 < helper.hours <= 24:
                raise ValidationError(
                    self.env._("The hours of an organiser or host are more than 0 and at most 24.")
                )

    @api.constrains("partner_id")
    def _check_member(self):
        for helper in self:
            helper._check_still_member()

    def _check_still_member(self):
        self.ensure_one()
        if not self.partner_id.sudo()._coop_is_member():
            raise ValidationError(
                self.env._(
                    "%(name)s is not a member of the coop: only members' hours are counted.",
                    name=self.partner_id.display_name,
                )
            )

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("work_entry_id") for vals in vals_list):
            raise ValidationError(self._counted_message())
        return super().create(vals_list)

    def write(self, vals):
        # The link to the ledger is the server's: cleared by hand, the hours would be counted
        # a second time.
        if "work_entry_id" in vals and not self.env.su:
            raise ValidationError(self._counted_message())
        if self.filtered("work_entry_id") and COUNTED_FIELDS & vals.keys():
            raise ValidationError(self._counted_message())
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_counted(self):
        if self.filtered("work_entry_id"):
            raise ValidationError(self._counted_message())

    def _counted_message(self):
        return self.env._(
            "These hours are in the ledger already: a coordinator corrects them there."
        )

    # === BUSINESS METHODS ===#

    def _propose_work_entry(self):
        """One ledger line to validate for each helper, on the day the event ended (today if
        it is counted before its end). A helper who is no longer a member is refused."""
        today = fields.Date.context_today(self)
        for helper in self:
            helper._check_still_member()
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
                        "date": min(end, today),
                        "origin": f"{self._name},{helper.id}",
                        "company_id": (event.company_id or self.env.company).id,
                    }
                )
            )
            helper.sudo().work_entry_id = entry
