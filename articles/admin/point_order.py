"""Points in the editor's order, without typing numbers.

Each point has Up and Down buttons ("Move point 3 up" to a screen reader).
They submit the whole form, which comes back with that point moved and
nothing saved or lost: no check runs, so no error shows until the editor
saves. JavaScript
(static/js/point-order.js) moves rows in place instead, and by drag and drop.
Positions stay hidden; new points go after the last.
"""

import re

from django import forms
from django.contrib import admin
from django.forms.utils import ErrorDict
from django.forms.widgets import HiddenInput

MOVE = "_move_point"
UP, DOWN = "up", "down"
PREFIX = "points"
# as many rows as Django's formsets take at most
MAX_ROWS = 1000
MOVE_BUTTON = re.compile(rf"{PREFIX}-(?P<index>\d{{1,4}}) (?P<direction>{UP}|{DOWN})")


NUMBER = re.compile(r"[0-9]{1,9}")


def _number(value, default):
    return int(value) if NUMBER.fullmatch(str(value)) else default


def posted_points(data):
    """The form indexes of the rows holding a point (saved, or with anything
    typed), in the order the editor gave them."""
    total = min(_number(data.get(f"{PREFIX}-TOTAL_FORMS"), 0), MAX_ROWS)
    rows = []
    for index in range(total):
        field = f"{PREFIX}-{index}-"
        if not any(data.get(field + name) for name in ("id", "text", "perspective")):
            continue  # a blank row: it stays as it is, after the points
        rows.append((_number(data.get(field + "position"), MAX_ROWS), index))
    return [index for _position, index in sorted(rows)]


def moved(data, asked):
    """The posted form data with one point moved up or down, every point
    numbered in the new order. `asked` is a button's value, "points-3 up":
    a row that is no point, or an edge, leaves the order as it was."""
    button = MOVE_BUTTON.fullmatch(str(asked))
    order = posted_points(data)
    data = data.copy()
    if button and int(button["index"]) in order:
        direction = button["direction"]
        at = order.index(int(button["index"]))
        to = at - 1 if direction == UP else at + 1
        if 0 <= to < len(order):
            order[at], order[to] = order[to], order[at]
    for position, row in enumerate(order):
        data[f"{PREFIX}-{row}-position"] = str(position)
    return data


class Reshown:
    """A form shown again as posted, unchecked: is never valid, has no errors."""

    def full_clean(self):
        self._errors = ErrorDict()
        self.cleaned_data = {}

    def is_valid(self):
        return False


class ReshownFormSet:
    def full_clean(self):
        self._errors = []
        self._non_form_errors = self.error_class()

    def is_valid(self):
        return False


def reshown(form_class, *mixins):
    return type(f"Reshown{form_class.__name__}", (*mixins, form_class), {})


def in_point_order(inline_admin_formset):
    """The inline's rows as the page shows them: the points in order, each
    told its number and whether it is first or last, then the blank rows,
    then the template row that "Add another" copies."""
    rows = list(inline_admin_formset)
    formset = inline_admin_formset.formset
    template = [row for row in rows if "__prefix__" in row.form.prefix]
    rows = [row for row in rows if row not in template]
    if formset.is_bound:
        order = posted_points(formset.data)
        points = [row for row in rows if _index(row) in order]
        points.sort(key=lambda row: order.index(_index(row)))
    else:
        points = [row for row in rows if row.original is not None]
    for number, row in enumerate(points, start=1):
        row.point_number = number
        row.is_first, row.is_last = number == 1, number == len(points)
        for direction in (UP, DOWN):
            button = f"{row.form.prefix} {direction}"
            if getattr(formset, "moved_button", None) == button:
                # the pressed button again, or the other at an edge
                row.focused = direction
                if (row.is_first and direction == UP) or (
                    row.is_last and direction == DOWN
                ):
                    row.focused = DOWN if direction == UP else UP
    blank = [row for row in rows if row not in points]
    return points + blank + template


def _index(row):
    return _number(row.form.prefix.rpartition("-")[2], None)


def is_moving(request):
    return request.method == "POST" and MOVE in request.POST


class PointForm(forms.ModelForm):
    def has_changed(self):
        """A blank new row is left out however it was numbered: only its
        place among the points moved."""
        changed = set(self.changed_data)
        if self.instance.pk is None:
            changed.discard("position")
        return bool(changed)


class PointFormSet(forms.BaseInlineFormSet):
    """The points of an article: new ones start after the last, and saving
    numbers them all in order."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index >= self.initial_form_count():
            saved = [point.position for point in self.get_queryset()]
            start = max(saved, default=-1) + 1
            kwargs["initial"] = {"position": start + index - self.initial_form_count()}
        return kwargs

    def save(self, commit=True):
        saved = super().save(commit)
        if commit and self.instance.pk:
            points = self.instance.points.order_by("position", "id")
            for position, point in enumerate(points):
                if point.position != position:
                    point.position = position
                    point.save(update_fields=["position"])
        return saved


class OrderedPointsInline(admin.TabularInline):
    """The article's points, with buttons that move each one."""

    form = PointForm
    formset = PointFormSet
    template = "admin/articles/article/points_inline.html"
    ordering = ["position", "id"]
    widgets = {"position": HiddenInput}

    class Media:
        js = ["js/point-order.js"]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("widgets", {}).update(self.widgets)
        FormSet = super().get_formset(request, obj, **kwargs)
        if is_moving(request):
            FormSet = reshown(FormSet, ReshownFormSet)
            FormSet.form = reshown(FormSet.form, Reshown)
            FormSet.moved_button = str(request.POST[MOVE])
        return FormSet


class PointOrderAdmin:
    """The article admin's part: a press of a move button shows the form
    again with the point moved, instead of saving it."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if is_moving(request):
            request.POST = moved(request.POST, request.POST[MOVE])
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return reshown(form, Reshown) if is_moving(request) else form
