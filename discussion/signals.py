"""The discussion's own signals, for changes Django sends no signal for."""

from django.dispatch import Signal

# A bulk update() changed comments as readers see them, inside its
# transaction. Sent with `articles`: the ids of the articles whose comments it
# changed, where they were and where they are now; and `counted`: whether it
# changed what the comments are counted by.
comments_updated = Signal()
