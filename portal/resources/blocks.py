"""The blocks editors compose a resource's body from."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .enums import CalloutTone

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "resources/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"), required=False, max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it. Leave empty "
                    "only if the image is decorative."))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "resources/blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("link text"), required=False, max_length=200,
                             help_text=_("Defaults to the document's title."))

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "resources/blocks/document_link.html"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(label=_("kind"), choices=CalloutTone.choices,
                              default=CalloutTone.KEY)
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "resources/blocks/callout.html"


class ResourceBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES,
                                     template="resources/blocks/rich_text.html")
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = EmbedBlock(label=_("Embedded media"), icon="media",
                       help_text=_("A YouTube or Vimeo address, e.g. a webinar recording."),
                       template="resources/blocks/embed.html")
    document = DocumentLinkBlock()
    callout = CalloutBlock()
