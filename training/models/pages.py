"""The training programme (the catalogue) and its course pages in Wagtail."""

from functools import partial
from operator import getitem

from django import forms
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from cms.blocks import BaseStreamBlock
from people.models import ServiceLevel


class CourseKind(models.TextChoices):
    COURSE = "course", _("Course")
    METHOD_TRAINING = "method", _("Method training")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    ELEARNING = "elearning", _("E-learning")


class CompletionRule(models.TextChoices):
    ALL_DAYS = "all_days", _("Present on every day")
    SHARE_OF_HOURS = "share_of_hours", _("Present for a share of the hours")


class CertificateIssuing(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatically on completion")
    ORGANISER = "organiser", _("By the organiser")


# "This course is in <language>": shown on a course listed or served in another language's catalogue.
LANGUAGE_LABELS = {"fi": _("in Finnish"), "sv": _("in Swedish"), "en": _("in English")}


class TrainingProgrammePage(Page):
    """The catalogue: lists, filters and searches the courses below it."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + ["intro"]
    subpage_types = ["training.CoursePage"]
    max_count_per_parent = 1
    courses_per_page = 12
    # The language switcher (``cms.templatetags.site_tags.language_links``) may link to an
    # untranslated child under this page's translation: ``route`` serves it there.
    serves_untranslated_children = True

    class Meta:
        verbose_name = _("training programme")

    def get_context(self, request, *args, **kwargs):
        """The catalogue's seam: the filter form and the pagination live here (as bakerydemo's
        ``BreadsIndexPage``), the read in ``training.selectors.catalogue`` with plain arguments.

        The listing is the same for every reader of a URL, signed in or not, so the template keeps
        it in the shared cache under the content and places versions (``core.cache``); the values
        below are computed only when the template renders it, not when it comes from the cache.
        """
        from core.cache import fragment_seconds, places_version

        context = super().get_context(request, *args, **kwargs)
        listing = SimpleLazyObject(lambda: self._listing(request))
        context.update(
            {name: SimpleLazyObject(partial(getitem, listing, name)) for name in self.listing_names},
            places_version=places_version,
            fragment_seconds=fragment_seconds(request),
        )
        return context

    listing_names = ("filter_form", "courses", "page_obj", "paginator", "filter_query", "is_filtered")

    def _listing(self, request) -> dict:
        from ..forms.catalogue import CatalogueFilterForm
        from ..selectors.catalogue import attach_next_sessions, filtered_courses

        base_url = self.get_url(request)
        params = request.GET
        form = CatalogueFilterForm(params or None)
        filters = form.cleaned_data if form.is_valid() else {}
        courses = filtered_courses(programme=self, **filters)
        paginator = Paginator(courses, self.courses_per_page)
        page_obj = paginator.get_page(params.get("page"))
        attach_next_sessions(page_obj.object_list)
        for course in page_obj.object_list:
            course.in_other_language = course.locale_id != self.locale_id
            course.catalogue_url = f"{base_url}{course.slug}/" if course.in_other_language else course.get_url(request)
        query = params.copy()
        query.pop("page", None)
        return {
            "filter_form": form,
            "courses": list(page_obj.object_list),
            "page_obj": page_obj,
            "paginator": paginator,
            "filter_query": query.urlencode(),
            "is_filtered": any(params.get(key) for key in form.fields if key != "sort"),
        }

    def route(self, request, path_components):
        """A course without a translation in this page's language is served here in its original
        language, so a reader keeps the interface language they chose (``/sv/…/<finnish slug>/``)."""
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1:
                raise
            original = self.untranslated_course(path_components[0])
            if original is None:
                raise
            return RouteResult(original)

    def untranslated_course(self, slug: str) -> "CoursePage | None":
        """The live course with this slug under another language's programme, when it has no
        translation in this page's language."""
        candidates = (
            CoursePage.objects.live()
            .filter(slug=slug, depth=self.depth + 1)
            .exclude(locale_id=self.locale_id)
            .select_related("locale")
        )
        for course in candidates:
            parent = course.get_parent()
            translated = CoursePage.objects.live().filter(translation_key=course.translation_key, locale=self.locale_id)
            if parent.translation_key == self.translation_key and not translated.exists():
                return course
        return None


class CoursePage(Page):
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices, default=CourseKind.COURSE)
    level = models.CharField(_("level"), max_length=20, choices=ServiceLevel.choices, default=ServiceLevel.BASIC)
    duration_hours = models.DecimalField(_("duration in hours"), max_digits=5, decimal_places=1, default=0)
    summary = models.TextField(_("summary"), max_length=500)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    learning_outcomes = models.TextField(
        _("learning outcomes"), blank=True, help_text=_("One learning outcome per line.")
    )
    target_groups = ParentalManyToManyField(
        "people.ProfessionalGroup", verbose_name=_("target professional groups"), blank=True, related_name="+"
    )
    develops_competences = ParentalManyToManyField(
        "competencies.Competence",
        verbose_name=_("competences developed"),
        blank=True,
        related_name="courses",
        # Courses are tagged with the current framework; gap analysis matches by competence code,
        # so the tags keep working for rounds on older versions.
        limit_choices_to={"version__status": "published"},
        help_text=_("Competences of the published framework that this course develops."),
    )
    organiser = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requires_manager_approval = models.BooleanField(_("needs manager approval"), default=False)
    staff_only = models.BooleanField(
        _("only for the network's staff"),
        default=False,
        help_text=_("People who signed up themselves can enrol once an administrator has placed them in a unit."),
    )
    issues_certificate = models.BooleanField(_("issues a certificate"), default=True)
    completion_rule = models.CharField(
        _("what completes the course"), max_length=20, choices=CompletionRule.choices, default=CompletionRule.ALL_DAYS
    )
    completion_share = models.PositiveSmallIntegerField(
        _("share of hours needed (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Used when a share of the hours completes the course."),
    )
    certificate_issuing = models.CharField(
        _("certificates are issued"),
        max_length=20,
        choices=CertificateIssuing.choices,
        default=CertificateIssuing.AUTOMATIC,
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the certificate does not expire."),
    )
    feedback_form = models.ForeignKey(
        "training.FeedbackForm",
        verbose_name=_("feedback form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the default form."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(["kind", "level", "duration_hours", "organiser"], heading=_("Course")),
        "summary",
        "body",
        "learning_outcomes",
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("develops_competences", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(["requires_manager_approval", "staff_only"], heading=_("Enrolment")),
        MultiFieldPanel(
            [
                "completion_rule",
                "completion_share",
                "issues_certificate",
                "certificate_issuing",
                "certificate_validity_months",
                "feedback_form",
            ],
            heading=_("Completion, certificate and feedback"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("learning_outcomes"),
        index.FilterField("kind"),
        index.FilterField("level"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["training.TrainingProgrammePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @property
    def language_label(self) -> str:
        return LANGUAGE_LABELS.get(self.locale.language_code, self.locale.get_display_name())

    @property
    def learning_outcome_list(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        """The sessions come from the shared cache under the places version and the reader's own enrolments
        are read for every request (``upcoming_sessions_for_course``); the course's description around them
        comes from the shared cache too (``fragment_seconds``, the template)."""
        from core.cache import fragment_seconds

        from ..selectors.catalogue import upcoming_sessions_for_course

        context = super().get_context(request, *args, **kwargs)
        context["fragment_seconds"] = fragment_seconds(request)
        user = getattr(request, "user", None)
        person = user if user is not None and user.is_authenticated else None
        context["sessions"] = upcoming_sessions_for_course(self, person=person)
        # Compared by id with the active locale (remembered for the request), so no query for the page's own.
        active = Locale.get_active()
        context["in_other_language"] = self.locale_id != active.pk
        if not context["in_other_language"]:
            self.locale = active
        return context
