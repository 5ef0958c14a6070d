"""The discussion's own signals, for changes Django sends no signal for."""

from django.dispatch import Signal

# A bulk update() changed what comments are counted by, inside its
# transaction. Sent with `articles`: the ids of the articles whose comments it
# changed, where they were and where they are now.
counted_fields_updated = Signal()
