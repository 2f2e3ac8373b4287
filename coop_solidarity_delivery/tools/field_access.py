"""Field groups checked on create too.

Odoo 18 refuses to read, search, group, order, export and write a field whose ``groups`` the
user lacks, but ``create`` does not look at the fields' groups: these helpers close that gap
for the models that hold special-category data.
"""


def check_create_field_access(model, vals_list):
    """Raise Odoo's own AccessError when ``vals_list`` sets a field the user may not access."""
    if model.env.su:
        return
    names = {
        name
        for vals in vals_list
        for name in vals
        if name in model._fields and not model._fields[name].is_accessible(model.env)
    }
    if names:
        model.check_field_access_rights("create", sorted(names))
