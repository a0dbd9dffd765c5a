"""Demo data for `manage.py load_demo`: a believable Pohjois-Savo family-centre network.

``build_demo()`` upserts everything by natural keys (municipality code, organisation name,
unit name and organisation, group code, email, page slug or translation), so it can run
any number of times. The modules hold plain data and the builders that write it:

- ``network``: municipalities, organisations, professional groups, the unit tree
- ``staff``: generated people, the demo logins, verified email addresses, unit managers
- ``site_content`` and ``courses``: the Wagtail pages (Finnish, Swedish and English)
- ``pages``: the page builders and the site settings
- ``sessions``: upcoming sessions of the courses, with enrolments and waiting lists
- ``certificates``: certificates the organiser issues for completed past sessions
- ``projects``: the 2017-2019 project known by its totals, and a current project with the courses

Much of it is written straight to the tables (bulk inserts), so the participation facts are rebuilt
at the end, and the Coordinators group brought in step with the coordinators.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from competencies.demo import build_framework
from competencies.demo_surveys import build_survey_rounds
from reporting.services.coordinators import coordinators_group_sync
from reporting.services.participations import participations_rebuild

from .certificates import build_certificates
from .course_competences import tag_course_competences
from .feedback import build_feedback
from .network import Network, build_network
from .pages import PagesResult, build_pages, update_search_index
from .past import build_past_sessions
from .projects import build_projects
from .sessions import SessionsResult, build_sessions
from .staff import DEMO_PASSWORD, StaffResult, build_staff

__all__ = ["DEMO_PASSWORD", "DemoResult", "build_demo"]


@dataclass
class DemoResult:
    network: Network
    staff: StaffResult
    pages: PagesResult
    sessions: SessionsResult


def build_demo(scale: int = 1, progress: Callable[[str], None] = lambda message: None) -> DemoResult:
    """Build (or bring up to date) the demo network, its staff and the site. Call inside a transaction."""
    network = build_network(scale)
    progress(
        f"Network: {len(network.municipalities)} municipalities, {len(network.organisations)} organisations, "
        f"{len(network.areas)} family-centre areas, {len(network.units)} units, "
        f"{len(network.groups)} professional groups"
    )
    framework = build_framework(network.groups)
    progress(f"Competence framework: {framework.competences} competences, {framework.requirements} requirements")
    staff = build_staff(network)
    progress(f"Staff: {len(staff.people)} people ({staff.created} new, {staff.updated} updated), emails verified")
    surveys = build_survey_rounds(framework.version, network.areas.values())
    progress(f"Survey rounds: {len(surveys.rounds)}, {surveys.assessments} new assessments, {surveys.ratings} ratings")
    pages = build_pages(network)
    progress(f"Pages: {len(pages.pages)} in fi, sv and en ({pages.created} new, {pages.updated} updated)")
    update_search_index(pages.pages)
    progress(f"Search index: {len(pages.pages)} pages indexed")
    progress(f"Course competences: {tag_course_competences(pages.pages)} courses tagged")
    sessions = build_sessions(*_session_inputs(pages))
    progress(f"Sessions: {sessions.sessions} upcoming ({sessions.created} new), {sessions.enrolments} new enrolments")
    past = build_past_sessions(*_session_inputs(pages))
    progress(f"Past sessions: {past.sessions} with attendance ({past.created} new), {past.completed} completions")
    feedback = build_feedback()
    progress(f"Feedback: {feedback.answers} new answers on {feedback.sessions} past sessions")
    progress(build_certificates().summary)
    projects = build_projects(*_session_inputs(pages)[:2])
    progress(f"Projects: {len(projects.projects)}, {projects.created} new activities")
    progress(f"Participation facts: {participations_rebuild()}")
    coordinators_group_sync()
    return DemoResult(network=network, staff=staff, pages=pages, sessions=sessions)


def _session_inputs(pages: PagesResult):
    from people.models import User
    from training.models import CoursePage

    courses = [page for page in pages.pages if isinstance(page, CoursePage) and page.locale.language_code == "fi"]
    people = list(User.objects.filter(is_active=True, is_superuser=False, is_coordinator=False).order_by("pk"))
    trainers = [person for person in people if person.is_trainer]
    return courses, people, trainers
