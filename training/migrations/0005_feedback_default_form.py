"""The default feedback form in Finnish, Swedish and English.

Editors adapt a copy per course in the Wagtail admin (Snippets > Feedback forms); the keys stay
the same so that results over a period compare like with like.
"""

from django.db import migrations

DEFAULT_FORM_NAME = "Palautelomake (oletus)"

QUESTIONS = [
    {
        "key": "overall",
        "kind": "scale",
        "required": True,
        "text_fi": "Kokonaisarvio koulutuksesta",
        "text_sv": "Helhetsbedömning av utbildningen",
        "text_en": "Overall, how would you rate the training?",
    },
    {
        "key": "usefulness",
        "kind": "scale",
        "required": True,
        "text_fi": "Koulutuksen hyödyllisyys omassa työssäni",
        "text_sv": "Hur nyttig utbildningen är i mitt eget arbete",
        "text_en": "How useful is the training for my work?",
    },
    {
        "key": "trainers",
        "kind": "scale",
        "required": True,
        "text_fi": "Kouluttajien asiantuntemus ja ohjaus",
        "text_sv": "Utbildarnas sakkunskap och handledning",
        "text_en": "How would you rate the trainers?",
    },
    {
        "key": "recommend",
        "kind": "yes_no",
        "required": True,
        "text_fi": "Suosittelisitko koulutusta työkaverillesi?",
        "text_sv": "Skulle du rekommendera utbildningen till en kollega?",
        "text_en": "Would you recommend the training to a colleague?",
    },
    {
        "key": "most_useful",
        "kind": "text",
        "required": False,
        "text_fi": "Mikä koulutuksessa oli sinulle hyödyllisintä?",
        "text_sv": "Vad var mest värdefullt för dig i utbildningen?",
        "text_en": "What was most useful to you in the training?",
    },
    {
        "key": "improve",
        "kind": "text",
        "required": False,
        "text_fi": "Mitä koulutuksessa pitäisi kehittää?",
        "text_sv": "Vad borde utvecklas i utbildningen?",
        "text_en": "What should be improved in the training?",
    },
]


def create_default_form(apps, schema_editor):
    FeedbackForm = apps.get_model("training", "FeedbackForm")
    FeedbackQuestion = apps.get_model("training", "FeedbackQuestion")
    if FeedbackForm.objects.filter(is_default=True).exists():
        return
    form = FeedbackForm.objects.create(name=DEFAULT_FORM_NAME, is_default=True)
    for order, question in enumerate(QUESTIONS):
        FeedbackQuestion.objects.create(form=form, sort_order=order, **question)


def remove_default_form(apps, schema_editor):
    FeedbackForm = apps.get_model("training", "FeedbackForm")
    FeedbackResponse = apps.get_model("training", "FeedbackResponse")
    form = FeedbackForm.objects.filter(is_default=True, name=DEFAULT_FORM_NAME).first()
    if form is not None and not FeedbackResponse.objects.filter(form=form).exists():
        form.questions.all().delete()
        form.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0004_attendance_feedback_certificates"),
    ]

    operations = [
        migrations.RunPython(create_default_form, remove_default_form),
    ]
