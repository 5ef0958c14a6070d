from django import template

from ..admin.point_order import in_point_order

register = template.Library()

register.filter("in_point_order", in_point_order)
