from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _send_order_notification_mail(self, mail_template):
        """The confirmation of a drive or delivery order reaches the member the way they
        chose: Odoo's e-mail, else a short SMS with the link to the order, else a call of the
        call centre (see ``res.partner._coop_reach``)."""
        if (
            not mail_template
            or not self.coop_slot_id
            or mail_template != self._get_confirmation_template()
            or self.partner_id.coop_reach_channel == "email"
        ):
            return super()._send_order_notification_mail(mail_template)
        sms_template = self.env.ref("coop_solidarity_delivery.sms_template_order_confirmation")
        if self.partner_id.coop_reach_channel == "sms":
            return self.partner_id._coop_send_sms(self, sms_template, company=self.company_id)
        return self.partner_id._coop_put_on_call_list(self, self._coop_confirmation_call_texts)

    def _coop_confirmation_call_texts(self, env):
        order = self.with_env(env).sudo()
        return (
            env._("Call %s: their order is confirmed", order.partner_id.name),
            env._(
                "Order %(order)s, %(slot)s.",
                order=order.name,
                slot=order.coop_slot_id._label_for(order.partner_id),
            ),
        )
