"""Users, organisations, the unit tree with its managers, professional groups and municipalities."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from core.i18n import TranslatedField
from core.private_files import private_storage, random_name


class Sector(models.TextChoices):
    WELLBEING_COUNTY = "hyvinvointialue", _("Wellbeing services county")
    MUNICIPALITY = "kunta", _("Municipality")
    NGO = "jarjesto", _("NGO")
    PARISH = "seurakunta", _("Parish")
    KELA = "kela", _("Kela")
    PRIVATE = "yksityinen", _("Private")
    OTHER = "muu", _("Other")


class ServiceLevel(models.TextChoices):
    BASIC = "perustaso", _("Basic level")
    SPECIAL = "erityistaso", _("Special and most demanding level")


class Municipality(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True, help_text=_("Statistics Finland code"))
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, blank=True)
    name = TranslatedField("name")

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.CharField(
        _("code"), max_length=50, blank=True, help_text=_("The organisation's code in HR exports, if it has one.")
    )
    signup_domains = models.TextField(
        _("e-mail domains that may sign up"),
        blank=True,
        help_text=_(
            "One domain a line (e.g. kumppani.fi): people with an address in these domains may create an account "
            "themselves. Empty: only invited people."
        ),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""), name="unique_organisation_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def signup_domain_list(self) -> list[str]:
        """The domains of ``signup_domains``, in lower case, without a leading "@"."""
        return [line.strip().lstrip("@").lower() for line in self.signup_domains.split() if line.strip().lstrip("@")]


class OrgUnitQuerySet(models.QuerySet):
    def subtree_of(self, units) -> OrgUnitQuerySet:
        """The given units and every unit below them."""
        return self.below_paths([unit.path for unit in units])

    def below_paths(self, paths) -> OrgUnitQuerySet:
        """Units whose materialised path starts with one of ``paths`` (an indexed prefix match)."""
        if not paths:
            return self.none()
        condition = models.Q()
        for path in paths:
            condition |= models.Q(path__startswith=path)
        return self.filter(condition)


class OrgUnit(models.Model):
    """A node of the network's tree: county → family-centre area → unit.

    ``path`` is a materialised path ("000001/000007/") kept in step with ``parent`` by
    ``save()``, so "this unit and everything below it" is one indexed prefix query.
    """

    class Kind(models.TextChoices):
        COUNTY = "county", _("Wellbeing services county")
        AREA = "area", _("Family-centre area")
        UNIT = "unit", _("Unit")

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"), max_length=50, blank=True, help_text=_("The unit's code in HR exports, if it has one.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.UNIT)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    managers = models.ManyToManyField(
        "people.User", verbose_name=_("managers"), blank=True, related_name="managed_units"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where the unit works, when not the organisation's municipality. Units below inherit it."),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "parent", "name"], name="unique_unit_name_per_parent"),
            models.UniqueConstraint(
                fields=["organisation", "code"], condition=~models.Q(code=""), name="unique_unit_code_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @transaction.atomic
    def save(self, *args, **kwargs) -> None:
        if self.pk is None:
            super().save(*args, **kwargs)
            self.path = self._computed_path()
            super().save(update_fields=["path"])
            return
        old_path = OrgUnit.objects.filter(pk=self.pk).values_list("path", flat=True).first() or ""
        self.path = self._computed_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(models.Value(self.path), Substr("path", len(old_path) + 1))
            )

    def clean(self) -> None:
        if self.pk and self.parent_id and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": _("A unit cannot be placed under itself or a unit below it.")})

    @property
    def depth(self) -> int:
        return self.path.count("/")

    def _computed_path(self) -> str:
        return f"{self.parent.path if self.parent_id else ''}{self.pk:06d}/"


class ProfessionalGroup(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=150)
    name_sv = models.CharField(_("name (Swedish)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    name = TranslatedField("name")

    class Meta:
        ordering = ["sort_order", "name_fi"]
        verbose_name = _("professional group")
        verbose_name_plural = _("professional groups")

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in by email. Roles: see ``people.access``."""

    class Language(models.TextChoices):
        FI = "fi", "Suomi"
        SV = "sv", "Svenska"
        EN = "en", "English"

    username = None
    email = models.EmailField(_("email address"), unique=True)
    employee_id = models.CharField(
        _("employee ID"), max_length=50, blank=True, help_text=_("The person's number in the HR system.")
    )
    employment_ends_on = models.DateField(
        _("employment ends on"), null=True, blank=True, help_text=_("From the HR system; the account closes then.")
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    professional_group = models.ForeignKey(
        ProfessionalGroup,
        verbose_name=_("professional group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    service_level = models.CharField(
        _("service level"), max_length=20, choices=ServiceLevel.choices, default=ServiceLevel.BASIC
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.FI
    )
    is_trainer = models.BooleanField(_("trainer"), default=False, help_text=_("Runs training sessions."))
    is_coordinator = models.BooleanField(
        _("coordinator"), default=False, help_text=_("Project lead: plans the programme and reports on the network.")
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["employee_id"], condition=~models.Q(employee_id=""), name="unique_employee_id"
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser


def _new_export_token() -> str:
    return secrets.token_urlsafe(24)


def _data_export_path(instance: PersonalDataExport, filename: str) -> str:
    # A random name in the private storage: the file is reachable only through the view that checks whose it is.
    return random_name("personal-data", "data.zip")


class PersonalDataExport(models.Model):
    """A person's "my data" download: a ZIP of JSON and files, built by a background task, kept a while."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    # The export's address in the API and on the page: not guessable, not counting.
    token = models.CharField(max_length=64, unique=True, default=_new_export_token, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=_data_export_path, storage=private_storage, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("personal data download")
        verbose_name_plural = _("personal data downloads")

    def __str__(self) -> str:
        return f"{self.person_id} ({self.status})"


class ImportMapping(models.Model):
    """Which column of an HR export holds what: a county's own export imports without editing it.

    Each field names a column of the file (matched without regard to case); the default values are
    the column names of the default layout. The mapping marked default is used when none is chosen.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    is_default = models.BooleanField(_("default"), default=False, help_text=_("Used when no mapping is chosen."))
    employee_id = models.CharField(_("column of the employee ID"), max_length=100, default="employee_id")
    email = models.CharField(_("column of the e-mail address"), max_length=100, default="email")
    first_name = models.CharField(_("column of the first name"), max_length=100, default="first_name")
    last_name = models.CharField(_("column of the last name"), max_length=100, default="last_name")
    organisation = models.CharField(_("column of the organisation"), max_length=100, default="organisation")
    unit = models.CharField(_("column of the unit"), max_length=100, default="unit")
    professional_group = models.CharField(
        _("column of the professional group"), max_length=100, default="professional_group"
    )
    service_level = models.CharField(_("column of the service level"), max_length=100, default="service_level")
    language = models.CharField(_("column of the language"), max_length=100, default="language")
    manager = models.CharField(_("column of the manager flag"), max_length=100, default="manager")
    end_date = models.CharField(_("column of the end date"), max_length=100, default="end_date")

    FIELDS = (
        "employee_id", "email", "first_name", "last_name", "organisation", "unit", "professional_group",
        "service_level", "language", "manager", "end_date",
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        verbose_name = _("HR import mapping")
        verbose_name_plural = _("HR import mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_mapping"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def columns(self) -> dict[str, str]:
        """The file's column name (lower case) for each field."""
        return {name: getattr(self, name).strip().lower() for name in self.FIELDS}


class Invitation(models.Model):
    """An administrator invites a person by e-mail; the signed link opens sign-up for that address only."""

    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        "people.User", verbose_name=_("invited by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email
