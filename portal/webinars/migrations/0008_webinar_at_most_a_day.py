from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('webinars', '0007_registration_optional_mail_stopped_at'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='webinar',
            constraint=models.CheckConstraint(condition=models.Q(('duration_minutes__lte', 1440)), name='webinars_webinar_at_most_a_day'),
        ),
    ]
