"""What a saved version of an article held, for the history's compare."""

from ..history import followed_values
from ..models import ArgumentPoint, ArticleTopic, Perspective, Topic


def topic_names(version):
    """The article's topics as saved in a version."""
    ids = [values["tag_id"] for values in followed_values(version, ArticleTopic)]
    return ", ".join(Topic.objects.filter(pk__in=ids).values_list("name", flat=True))


def point_texts(version):
    """The article's points as saved in a version, one a line, in order."""
    points = sorted(
        followed_values(version, ArgumentPoint),
        key=lambda values: (values["position"], values["id"]),
    )
    names = dict(
        Perspective.objects.filter(
            pk__in=[values["perspective_id"] for values in points]
        ).values_list("pk", "name")
    )
    return "\n".join(
        f"{names.get(values['perspective_id'], '?')}: {values['text']}"
        for values in points
    )
