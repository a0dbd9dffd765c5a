"""The StreamField blocks every content page shares: headings, callouts, rich text and images."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2")

    class Meta:
        # In Meta, not at the StreamBlock's declaration: the label then stays out of the migrations' block definitions.
        label = _("Heading")
        icon = "title"
        template = "cms/blocks/heading_block.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "cms/blocks/callout_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page body offers."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"], icon="pilcrow"
    )
    image = ImageBlock(label=_("Image"), template="cms/blocks/image_block.html")
    callout = CalloutBlock(label=_("Callout"))
