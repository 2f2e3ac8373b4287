"""The free texts of the public forms (volunteer sign-up, call-back): short, and no markup."""

from odoo.exceptions import ValidationError


def check_text_lengths(records, max_lengths):
    """Refuse a text of ``records`` longer than its limit in ``max_lengths`` (``{field name:
    characters}``) or holding ``<`` or ``>``, naming the field in the user's language."""
    env = records.env
    for record in records:
        for name, length in max_lengths.items():
            text = record[name] or ""
            if len(text) > length or "<" in text or ">" in text:
                raise ValidationError(
                    env._(
                        "%(field)s: at most %(length)s characters, and no < or >.",
                        field=records._fields[name].get_description(env)["string"],
                        length=length,
                    )
                )
