# Joins the four moderation migrations made side by side.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0015_p_held_phrase"),
        ("discussion", "0015_q_decision_history"),
        ("discussion", "0015_s_commenters"),
        ("discussion", "0015_u_moderator_alerts"),
    ]

    operations = []
