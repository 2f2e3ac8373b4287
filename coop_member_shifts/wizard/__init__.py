from . import membership_invoice
