"""Every address of every model's admin, filled in: Django's own and those
that mixins and libraries add (exports, history, recovery, decisions)."""

import re

from django.contrib import admin

OBJECT_PARAMETERS = {"object_id", "pk", "id"}


def every_model_admin():
    return list(admin.site._registry.items())


def admin_addresses(model, model_admin, object_id, version_id="1"):
    """(address, names an object) for each pattern of the model's admin, the
    object's id and a version's put in its place. object_id goes in as it
    is: quote it first if it needs it."""
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    values = dict.fromkeys(OBJECT_PARAMETERS, object_id) | {
        "decision": "approve",
        "decision_id": "1",
        "link_id": "1",  # a preview link (articles/admin/sharing.py)
        "commenter": "0" * 64,  # a mailbox's digest: no commenter has this one
        "token": "not-a-reference",  # a kept picture's: refused, as forged
    }
    for pattern in model_admin.get_urls():
        route = str(pattern.pattern)
        if route.startswith("^"):  # reversion's: the object, then a version
            names_object = "([^/]+)" in route
            filled = route.strip("^$").replace("([^/]+)", object_id)
            filled = filled.replace(r"(\d+)", version_id)
        else:
            names = re.findall(r"<(?:\w+:)?(\w+)>", route)
            names_object = bool(OBJECT_PARAMETERS & set(names))
            filled = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], route)
        yield base + filled, names_object
