"""Demo feedback: most attendees of past sessions answer, believably, and a rerun adds nothing."""

import pytest

from tests.factories import UserFactory, make_course, make_session
from tests.training.factories_feedback import attendee, past_session
from training.demo.feedback import IMPROVE_FI, IMPROVE_SV, MOST_USEFUL_FI, MOST_USEFUL_SV, build_feedback
from training.models import Enrolment, FeedbackAnswer, FeedbackPending, FeedbackReceipt, FeedbackResponse, Session
from training.selectors.feedback_results import feedback_results

pytestmark = pytest.mark.django_db
Outcome = Enrolment.Outcome


@pytest.fixture
def sessions(programme):
    """Three past sessions with outcomes set (as the attendance service leaves them) and one upcoming."""
    course = make_course(programme, "Perhekeskus tutuksi")
    past = [past_session(course, days_ago=days_ago) for days_ago in (5, 20, 60)]
    for session in past:
        for number in range(20):
            outcome = Outcome.NO_SHOW if number % 10 == 9 else Outcome.COMPLETED if number % 4 else Outcome.INCOMPLETE
            attendee(session, outcome=outcome)
    upcoming = make_session(course, starts_in_days=10)
    Enrolment.objects.create(session=upcoming, person=UserFactory(), status=Enrolment.Status.CONFIRMED)
    return past, upcoming


def test_most_attendees_of_past_sessions_answer_and_a_rerun_adds_nothing(sessions):
    _past, upcoming = sessions

    result = build_feedback()

    attendees = Enrolment.objects.filter(outcome__in=[Outcome.COMPLETED, Outcome.INCOMPLETE]).count()
    assert result.sessions == 3
    assert 0.55 * attendees <= result.answers < attendees
    assert FeedbackResponse.objects.count() == FeedbackReceipt.objects.count() == result.answers
    assert not FeedbackPending.objects.exists()  # all released, however few a session had
    assert not FeedbackResponse.objects.filter(session=upcoming).exists()
    no_shows = Enrolment.objects.filter(outcome=Outcome.NO_SHOW).values("person")
    assert not FeedbackReceipt.objects.filter(person__in=no_shows).exists()

    again = build_feedback()

    assert again.answers == 0
    assert FeedbackResponse.objects.count() == result.answers


def test_the_answers_are_believable(sessions):
    build_feedback()

    results = feedback_results(Session.objects.all())
    overall = next(q for q in results.questions if q.key == "overall")
    assert 3.2 <= overall.mean <= 4.7
    assert sum(overall.counts) == results.responses
    assert len([count for count in overall.counts if count]) >= 3  # a spread, not one value
    recommend = next(q for q in results.questions if q.key == "recommend")
    assert 0.5 <= recommend.yes_share < 1
    texts = set(FeedbackAnswer.objects.exclude(text="").values_list("text", flat=True))
    assert texts <= set(MOST_USEFUL_FI + IMPROVE_FI + MOST_USEFUL_SV + IMPROVE_SV)
    assert texts & set(MOST_USEFUL_FI) and texts & set(IMPROVE_FI)
    means = [
        next(q for q in feedback_results(Session.objects.filter(pk=s.pk)).questions if q.key == "overall").mean
        for s in sessions[0]
    ]
    assert len({round(mean, 2) for mean in means}) >= 2  # sessions differ (two may meet by chance)


def test_attendees_are_marked_as_asked_so_the_demo_sends_no_requests(sessions):
    from training.services.feedback import feedback_requests_send

    build_feedback()

    assert feedback_requests_send() == 0
