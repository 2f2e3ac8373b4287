"""What the public forms (volunteer sign-up, call-back) share against robots.

A field no person sees nor fills (hidden by the template ``form_honeypot``): a robot that
fills it gets the thank-you page, and nothing is stored. Pure Python, no Odoo.
"""

HONEYPOT = "website_url"


def is_robot(post):
    """Whether the form's values ``post`` come from a robot (the hidden field is filled)."""
    return bool(post.get(HONEYPOT))
