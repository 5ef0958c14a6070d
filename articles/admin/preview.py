from .. import markdown
from ..models import Perspective

# how many points a preview shows at most, as Django's formsets allow
MAX_PREVIEWED_POINTS = 1000


def previewed_points(form):
    """The points in a posted article form, rendered and grouped by
    perspective in the editor's order: [(perspective, [HTML])]."""
    try:
        total = min(int(form.get("points-TOTAL_FORMS", 0)), MAX_PREVIEWED_POINTS)
    except ValueError:
        total = 0
    points = []
    for number in range(total):
        field = f"points-{number}-"
        text = form.get(field + "text", "").strip()
        if not text or form.get(field + "DELETE"):
            continue
        position = form.get(field + "position", "")
        order = int(position) if position.isdigit() else 0
        points.append((order, number, form.get(field + "perspective", ""), text))
    names = Perspective.objects.in_bulk(
        [perspective for *_, perspective, _text in points if perspective.isdigit()]
    )
    groups = {}
    for *_, perspective, text in sorted(points):
        name = names.get(int(perspective)) if perspective.isdigit() else None
        groups.setdefault(name, []).append(markdown.render_inline(text))
    return list(groups.items())
