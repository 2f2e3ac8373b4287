from odoo.exceptions import UserError, ValidationError

from odoo.addons.website_sale.controllers.payment import PaymentPortal


class DrivePaymentPortal(PaymentPortal):
    def _validate_transaction_for_order(self, transaction, sale_order):
        """Check the pickup slot again, under its row lock, before any payment is made: a
        member whose slot filled up meanwhile chooses another one and keeps the cart."""
        super()._validate_transaction_for_order(transaction, sale_order)
        if error := sale_order._coop_solidarity_refusal():
            raise ValidationError(error)
        if not sale_order.coop_slot_id:
            if sale_order._coop_needs_slot():
                raise ValidationError(sale_order._coop_slot_missing_message()[0])
            return
        # The seats are counted once, under the lock below.
        if error := sale_order._coop_slot_error(sale_order.coop_slot_id, count_seats=False):
            raise ValidationError(error)
        try:
            sale_order.coop_slot_id.sudo()._lock_and_check_seat(sale_order)
        except UserError as error:
            raise ValidationError(error.args[0]) from error
