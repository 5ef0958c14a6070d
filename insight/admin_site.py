"""The admin site: Django's, with rules it applies to every address of every
model's admin, the ones libraries add (exports, history, recovery) included,
so that no admin has to remember them:

- staff with no permission at all on a model get 403 from each of its
  addresses; each view then asks the exact permission it needs;
- an object id that no row can have (not a number where the key is one, or
  past what the database holds) is not found, and a bulk action with one
  ticked is refused with a message, before any query runs: SQLite cannot
  even be asked about an integer over 64 bits;
- and on every admin address, a query value holding a NUL character, or a
  number too large for the database (a list's filter, say), is a bad
  request (400).
"""

import inspect
from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import (
    BadRequest,
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.http import Http404, HttpResponseRedirect


def could_be_key(field, value):
    """Whether value could name a row by field: well formed for the column
    and within the range the database holds (the field's validators know it)."""
    while field.is_relation:  # a key that is another table's key
        field = field.target_field
    if "\x00" in str(value):  # no database column holds one
        return False
    try:
        field.clean(value, None)
    except ValidationError:
        return False
    return True


def object_key_field(model_admin, request):
    """The field an admin address's object id names: the primary key, or the
    field a related-object popup asks for."""
    to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
    if not to_field:
        return model_admin.opts.pk
    try:
        field = model_admin.opts.get_field(to_field)
    except FieldDoesNotExist:
        return None  # Django refuses the address itself
    return field if field.concrete else None


def with_model_rules(model_admin, view):
    """view, one of the model admin's, behind the site's two rules."""
    signature = inspect.signature(view)

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not any(model_admin.get_model_perms(request).values()):
            raise PermissionDenied
        object_id = signature.bind_partial(request, *args, **kwargs).arguments.get(
            "object_id"
        )
        key = object_key_field(model_admin, request)
        if object_id is not None and key and not could_be_key(key, unquote(object_id)):
            raise Http404(f"No {model_admin.opts.verbose_name} has that id.")
        if request.method == "POST":
            ticked = request.POST.getlist(ACTION_CHECKBOX_NAME)
            if not all(could_be_key(model_admin.opts.pk, value) for value in ticked):
                # as Django answers an action with nothing ticked
                messages.error(request, "Select items from the list to act on them.")
                return HttpResponseRedirect(request.get_full_path())
        return view(request, *args, **kwargs)

    return checked


def with_query_rules(view):
    """view behind the rules for what any admin address is asked: no NUL
    character, and no number past what the database (or Python) holds."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if any(
            "\x00" in name + "".join(values) for name, values in request.GET.lists()
        ):
            raise BadRequest("No value in an admin address holds a NUL character.")
        try:
            return view(request, *args, **kwargs)
        except OverflowError as error:  # SQLite takes no integer over 64 bits
            raise BadRequest("A number or date in the address is too large.") from error

    return checked


class InsightAdminSite(admin.AdminSite):
    """Django's admin site: each model admin's views, whoever added them,
    are wrapped by admin_view, so the rules are applied there."""

    def admin_view(self, view, cacheable=False):
        model_admin = getattr(view, "__self__", None)
        if isinstance(model_admin, admin.ModelAdmin):
            view = with_model_rules(model_admin, view)
        return super().admin_view(with_query_rules(view), cacheable)
