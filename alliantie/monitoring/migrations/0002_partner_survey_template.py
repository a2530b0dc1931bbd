"""The ready-made questionnaire (the 2023 partner survey and the activity-progress section)."""

from django.db import migrations

from alliantie.monitoring.template import TEMPLATE, TEMPLATE_NAME


def load(apps, schema_editor):
    Questionnaire = apps.get_model("monitoring", "Questionnaire")
    Section = apps.get_model("monitoring", "Section")
    Question = apps.get_model("monitoring", "Question")
    if Questionnaire.objects.filter(name=TEMPLATE_NAME, is_template=True).exists():
        return
    questionnaire = Questionnaire.objects.create(name=TEMPLATE_NAME, is_template=True)
    keys = {}
    for s_position, (title, intro, questions) in enumerate(TEMPLATE, 1):
        section = Section.objects.create(questionnaire=questionnaire, position=s_position, title=title, intro=intro)
        for q_position, (key, kind, text, help_text, required, options, follow_up, prefill) in enumerate(questions, 1):
            keys[key] = Question.objects.create(
                section=section,
                position=q_position,
                key=key,
                kind=kind,
                text=text,
                help_text=help_text,
                required=required,
                options=options,
                follow_up_of=keys.get(follow_up),
                prefill=prefill,
            )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
