"""Demo feedback: most attendees of past sessions answer, through the same service as everyone.

Whether a person answers, and what, follows from random generators seeded by the enrolment and
the session, so a rerun picks the same people, finds their receipts and adds nothing. Each
session gets its own level (some go better than others); the free texts are in Finnish, some in
Swedish. Attendees are marked as asked, so ``send_feedback_requests`` does not email the demo.
At the end every answer is released, however few a session has, so the results show at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from training.models import Enrolment, FeedbackReceipt, Session
from training.selectors.feedback import attendees
from training.services.feedback import feedback_release_pending, feedback_submit

ANSWER_SHARE = 0.72
MOST_USEFUL_FI = [
    "Käytännön harjoitukset pienryhmissä ja esimerkkitapaukset.",
    "Sain konkreettisia välineitä huolen puheeksiottoon vanhempien kanssa.",
    "Moniammatillinen keskustelu: kuulin, miten neuvolassa ja varhaiskasvatuksessa toimitaan.",
    "Kouluttajan omat esimerkit asiakastyöstä.",
    "Verkostokartan tekeminen yhdessä kollegoiden kanssa.",
    "Lapset puheeksi -keskustelun vaiheet selkenivät.",
    "Tieto perhekeskuksen palveluista ja siitä, kenen luo perheen voi ohjata.",
    "Roolileikit, vaikka ne jännittivät etukäteen.",
    "Aineistot, joita voin käyttää heti omassa työssäni.",
    "Vertaistuki ja kokemusten jakaminen muiden työntekijöiden kanssa.",
    "Väkivallan puheeksioton kysymysrunko ja sen harjoittelu.",
    "Tiivis ja selkeä kokonaisuus, aikataulu piti hyvin.",
    "Vanhemmuuden tukemisen keinot arjen tilanteisiin.",
    "Eroauttamisen palvelupolku tuli vihdoin tutuksi.",
]
IMPROVE_FI = [
    "Enemmän aikaa keskustelulle ja kysymyksille.",
    "Etäosallistujat jäivät välillä sivuun, ääni ei kuulunut kunnolla.",
    "Päivä oli pitkä, iltapäivällä keskittyminen herpaantui.",
    "Materiaalit olisi hyvä saada etukäteen.",
    "Lisää esimerkkejä erityis- ja vaativimman tason työstä.",
    "Tila oli ahdas ja ilmanvaihto huono.",
    "Kaipaisin jatkokoulutusta tai työnohjausta menetelmän käyttöön.",
    "Ryhmätöihin enemmän aikaa.",
    "Taukoja voisi olla useammin.",
    "Järjestöjen ja seurakuntien näkökulmaa voisi tuoda enemmän esiin.",
    "Osa sisällöstä oli minulle jo tuttua, syventävää tietoa kaipaisin lisää.",
]
MOST_USEFUL_SV = [
    "Praktiska övningar och diskussioner i små grupper.",
    "Bra exempel på hur man tar upp oro med föräldrar.",
    "Att träffa kolleger från andra sektorer.",
    "Tydligt material som jag kan använda direkt i mitt arbete.",
]
IMPROVE_SV = [
    "Mer tid för frågor och diskussion.",
    "Material på svenska skulle behövas.",
    "Dagen var lite för lång.",
]


@dataclass
class FeedbackResult:
    sessions: int
    answers: int
    asked: int


def _scale(rng: random.Random, level: float) -> int:
    return max(1, min(5, round(rng.gauss(level, 0.75))))


def _answers(rng: random.Random, level: float, swedish: bool) -> dict[str, object]:
    overall = _scale(rng, level)
    answers: dict[str, object] = {
        "overall": overall,
        "usefulness": _scale(rng, level - 0.15),
        "trainers": _scale(rng, level + 0.25),
        "recommend": rng.random() < {5: 0.97, 4: 0.9, 3: 0.55, 2: 0.2, 1: 0.05}[overall],
    }
    most_useful, improve = (MOST_USEFUL_SV, IMPROVE_SV) if swedish else (MOST_USEFUL_FI, IMPROVE_FI)
    if rng.random() < 0.55:
        answers["most_useful"] = rng.choice(most_useful)
    if rng.random() < 0.4 + (0.25 if overall <= 3 else 0):
        answers["improve"] = rng.choice(improve)
    return answers


def build_feedback() -> FeedbackResult:
    """Answers for most attendees of sessions that have ended and whose outcomes are set."""
    now = timezone.now()
    receipts = FeedbackReceipt.objects.filter(session_id=OuterRef("session_id"), person_id=OuterRef("person_id"))
    past = attendees().filter(session__ends_at__lt=now).exclude(session__status=Session.Status.CANCELLED)
    pending = list(
        past.annotate(answered=Exists(receipts))
        .filter(answered=False)
        .select_related("person", "session__course")
        .order_by("session_id", "pk")
    )
    levels: dict[int, float] = {}
    created = 0
    for enrolment in pending:
        rng = random.Random(f"perhekeskus-demo:feedback:{enrolment.pk}")
        if rng.random() >= ANSWER_SHARE:
            continue
        session_id = enrolment.session_id
        if session_id not in levels:
            levels[session_id] = random.Random(f"perhekeskus-demo:feedback-level:{session_id}").uniform(3.3, 4.6)
        swedish = enrolment.person.preferred_language == "sv" or rng.random() < 0.1
        feedback_submit(enrolment=enrolment, answers=_answers(rng, levels[session_id], swedish), now=now)
        created += 1
    feedback_release_pending(force=True)
    asked = Enrolment.objects.filter(pk__in=past.filter(feedback_requested_at__isnull=True).values("pk")).update(
        feedback_requested_at=now
    )
    return FeedbackResult(sessions=past.values("session_id").distinct().count(), answers=created, asked=asked)
