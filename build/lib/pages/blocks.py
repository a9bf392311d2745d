"""StreamField blocks shared by the content pages."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading at level 2 or 3, so pages keep a sound outline."""

    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "Level 2"), ("h3", "Level 3")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted summary box."""

    heading = blocks.CharBlock(max_length=200)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "pick"
        template = "blocks/callout_block.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page, a document or an external address."""

    title = blocks.CharBlock(max_length=200)
    page = blocks.PageChooserBlock(required=False)
    document = DocumentChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "link"


class LinkListBlock(blocks.StructBlock):
    """A titled list of links."""

    heading = blocks.CharBlock(max_length=200, required=False)
    links = blocks.ListBlock(LinkBlock())

    class Meta:
        icon = "list-ul"
        template = "blocks/link_list_block.html"


class BodyBlock(blocks.StreamBlock):
    """The flexible body editors use on content pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "document-link", "ol", "ul"]
    )
    image = ImageBlock()
    callout = CalloutBlock()
    links = LinkListBlock()
    embed = EmbedBlock(max_width=800)
    quote = blocks.BlockQuoteBlock()
