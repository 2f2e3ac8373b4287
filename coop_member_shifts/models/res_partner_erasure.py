"""What an erasure closes before the contact is anonymised, and the texts it empties.

Nothing may go on in the name of an anonymous person: a seat held on a shift ahead, an order
waiting to be prepared, a standing order making a new order every week. The erasure cancels
them first (rather than refusing while something is open: a member who wants to leave should
not have to undo each of them, and a manager sees the list of what was closed on the request),
then empties the texts the person wrote. Each addon adds what it keeps open in someone's name by
extending ``_coop_erasure_close_open``.
"""

from markupsafe import Markup

from odoo import fields, models

# What the person wrote themselves, emptied whatever it says (not only where it names them).
ERASED_TEXT_FIELDS = {
    "coop.exemption": ("note",),
    "coop.income.declaration": ("note",),
}


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_erasure_close_open(self):
        """Cancel what is still open in this person's name; return the lines of what was
        closed, to tell the manager (no personal data in them)."""
        self.ensure_one()
        partner = self.sudo()
        closed = []
        registrations = (
            self.env["coop.shift.registration"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("state", "=", "registered"),
                    ("shift_start", ">", fields.Datetime.now()),
                ]
            )
        )
        if registrations:
            registrations.action_cancel()  # the seats are free again
            closed.append(self.env._("Shift registrations cancelled: %s", len(registrations)))
        orders = (
            self.env["sale.order"]
            .sudo()
            .search(
                [("partner_id", "child_of", partner.id), ("state", "in", ("draft", "sent", "sale"))]
            )
            ._coop_erasure_cancellable()
        )
        if orders:
            orders._action_cancel()
            closed.append(
                self.env._("Unpaid orders cancelled: %s", ", ".join(orders.mapped("name")))
            )
        return closed

    def _coop_erase_texts(self):
        """Empty what the person wrote: their users' signatures, their notes, and the body of
        the messages they wrote (replaced by a mention that it was erased)."""
        self.ensure_one()
        users = self.with_context(active_test=False).user_ids
        users.write({"signature": False})
        for model_name, field_names in ERASED_TEXT_FIELDS.items():
            records = self.env[model_name].search([("partner_id", "=", self.id)])
            records.write(dict.fromkeys(field_names, False))
        written = self.env["mail.message"].search(
            [("author_id", "=", self.id), ("message_type", "in", ("comment", "email"))]
        )
        written.attachment_ids.unlink()
        erased = Markup("<p>%s</p>") % self.env._("Message erased with its author's data.")
        written.write({"body": erased, "subject": False})
