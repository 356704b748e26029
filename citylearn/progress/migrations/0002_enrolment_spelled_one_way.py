from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Enrolment, spelled as everywhere else in the site; the rows stay as they are."""

    dependencies = [
        ("courses", "0001_initial"),
        ("progress", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Enrollment", new_name="Enrolment"),
        migrations.AlterField(
            model_name="enrolment",
            name="course",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE,
                related_name="enrolments",
                to="courses.coursepage",
                verbose_name="course",
            ),
        ),
        migrations.AlterField(
            model_name="enrolment",
            name="user",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT,
                related_name="enrolments",
                to=settings.AUTH_USER_MODEL,
                verbose_name="learner",
            ),
        ),
        migrations.RenameIndex(
            model_name="enrolment",
            new_name="progress_en_course__ff31ef_idx",
            old_name="progress_en_course__0f8718_idx",
        ),
        migrations.RemoveConstraint(
            model_name="enrolment", name="one_enrollment_per_learner_and_course"
        ),
        migrations.AddConstraint(
            model_name="enrolment",
            constraint=models.UniqueConstraint(
                fields=("user", "course"), name="one_enrolment_per_learner_and_course"
            ),
        ),
    ]
