"""The competence framework in the Wagtail admin: scales, frameworks, versions, areas and competences.

Only a draft version and its content can be edited; a published or retired version opens read-only.
"""

from __future__ import annotations

from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BaseColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .admin_forms import AreaAdminForm, CompetenceAdminForm, ScaleAdminForm, VersionAdminForm
from .models import Competence, CompetenceArea, Framework, FrameworkVersion, ProficiencyScale

TEXTS = ["name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en"]


class VersionActionsColumn(BaseColumn):
    """Download links for every version, and Publish for a draft."""

    cell_template_name = "competencies/admin/version_actions_cell.html"

    def __init__(self, viewset, **kwargs):
        super().__init__("actions", label=_("Actions"), **kwargs)
        self.viewset = viewset

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        url = self.viewset.get_url_name
        return context | {
            "csv_url": reverse(url("export"), args=(instance.pk, "csv")),
            "json_url": reverse(url("export"), args=(instance.pk, "json")),
            "publish_url": reverse(url("publish"), args=(instance.pk,)) if instance.is_editable else "",
        }


class DraftButtonColumn(BaseColumn):
    """A button that drafts the next version of the framework (POST)."""

    cell_template_name = "competencies/admin/framework_draft_cell.html"

    def __init__(self, viewset, **kwargs):
        super().__init__("draft", label=_("New version"), **kwargs)
        self.viewset = viewset

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        return context | {
            "draft_url": reverse(self.viewset.get_url_name("draft"), args=(instance.pk,)),
            "csrf_token": get_token(request) if request else "",
        }


class CompetenceModelViewSet(ModelViewSet):
    # Wagtail's copy view binds its form to the original object, so a POST to it would save over a
    # published version's content: frameworks offer "draft a new version" instead.
    copy_view_enabled = False


class VersionContentViewSet(CompetenceModelViewSet):
    """Areas and competences: inspected when their version is frozen, edited and deleted only in a draft."""

    inspect_view_enabled = True
    edit_view_class = admin_views.ContentEditView
    delete_view_class = admin_views.ContentDeleteView
    list_filter = ["version"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]


class ProficiencyScaleViewSet(CompetenceModelViewSet):
    model = ProficiencyScale
    name = "proficiency_scales"
    url_prefix = "competences/scales"
    icon = "list-ol"
    menu_label = _("Proficiency scales")
    list_display = ["name_fi", "name_sv", "name_en"]
    edit_handler = ObjectList(
        [
            FieldRowPanel(["name_fi", "name_sv", "name_en"]),
            InlinePanel(
                "levels",
                heading=_("Levels"),
                label=_("Level"),
                min_num=1,
                panels=[
                    "value",
                    FieldRowPanel(["name_fi", "name_sv", "name_en"]),
                    "descriptor_fi",
                    "descriptor_sv",
                    "descriptor_en",
                ],
            ),
        ],
        base_form_class=ScaleAdminForm,
    )


class FrameworkViewSet(CompetenceModelViewSet):
    model = Framework
    name = "competence_frameworks"
    url_prefix = "competences/frameworks"
    icon = "form"
    menu_label = _("Frameworks")
    form_fields = ["code", *TEXTS]
    delete_view_class = admin_views.FrameworkDeleteView
    search_fields = ["code", "name_fi", "name_sv", "name_en"]

    @property
    def list_display(self):
        return ["name_fi", "code", DraftButtonColumn(self)]

    def get_urlpatterns(self):
        draft = admin_views.framework_draft_view
        kwargs = {"edit_url_name": "competence_versions:edit", "index_url_name": self.get_url_name("index")}
        return [*super().get_urlpatterns(), path("<int:pk>/draft/", draft, kwargs, name="draft")]


class FrameworkVersionViewSet(CompetenceModelViewSet):
    model = FrameworkVersion
    name = "competence_versions"
    url_prefix = "competences/versions"
    icon = "doc-full"
    menu_label = _("Framework versions")
    inspect_view_enabled = True
    inspect_view_fields = ["framework", "number", "status", "scale", "published_at", "notes"]
    add_view_class = admin_views.VersionCreateView
    edit_view_class = admin_views.VersionEditView
    delete_view_class = admin_views.ContentDeleteView
    list_filter = ["framework", "status"]
    index_view_class = admin_views.index_view_selecting("framework")
    edit_handler = ObjectList(["framework", "scale", "notes"], base_form_class=VersionAdminForm)

    @property
    def list_display(self):
        return ["__str__", "number", "status", "published_at", VersionActionsColumn(self)]

    def get_urlpatterns(self):
        publish = self.construct_view(
            admin_views.VersionPublishView,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
        )
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/publish/", publish, name="publish"),
            path("<int:pk>/export/<str:fmt>/", admin_views.version_export_view, name="export"),
        ]


class CompetenceAreaViewSet(VersionContentViewSet):
    model = CompetenceArea
    name = "competence_areas"
    url_prefix = "competences/areas"
    icon = "folder-open-inverse"
    menu_label = _("Competence areas")
    list_display = ["__str__", "version", "sort_order"]
    edit_handler = ObjectList(
        [FieldRowPanel(["version", "code", "sort_order"]), MultiFieldPanel(TEXTS, heading=_("Texts"))],
        base_form_class=AreaAdminForm,
    )

    index_view_class = admin_views.index_view_selecting("version__framework")


class CompetenceViewSet(VersionContentViewSet):
    model = Competence
    name = "competences"
    url_prefix = "competences/competences"
    icon = "pick"
    menu_label = _("Competences")
    list_display = ["__str__", "area", "version"]
    edit_handler = ObjectList(
        [
            FieldRowPanel(["version", "area"]),
            FieldRowPanel(["code", "sort_order"]),
            MultiFieldPanel(TEXTS, heading=_("Texts")),
            InlinePanel(
                "requirements",
                heading=_("Requirements"),
                label=_("Requirement"),
                panels=[FieldRowPanel(["professional_group", "service_level", "required_level"])],
            ),
        ],
        base_form_class=CompetenceAdminForm,
    )

    index_view_class = admin_views.index_view_selecting("area", "version__framework")


class CompetenceViewSetGroup(ViewSetGroup):
    menu_label = _("Competences")
    menu_icon = "pick"
    menu_order = 320
    items = (
        FrameworkViewSet,
        FrameworkVersionViewSet,
        CompetenceAreaViewSet,
        CompetenceViewSet,
        ProficiencyScaleViewSet,
    )


@hooks.register("register_admin_viewset")
def register_competence_viewsets():
    return CompetenceViewSetGroup()
