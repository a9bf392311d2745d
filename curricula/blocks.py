"""Blocks of a curriculum's public profile: its module outline and the standards it meets."""

from wagtail import blocks


class ModuleBlock(blocks.StructBlock):
    """One module of the course outline, with its instruction hours."""

    title = blocks.CharBlock(max_length=255)
    hours = blocks.DecimalBlock(min_value=0, max_digits=6, decimal_places=1)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "list-ol"


class StandardMetBlock(blocks.StructBlock):
    """A national standard the reviewers' consensus found the curriculum meets."""

    code = blocks.CharBlock(max_length=40, help_text="For example: 2.3")
    title = blocks.CharBlock(max_length=255)

    class Meta:
        icon = "tick-inverse"
