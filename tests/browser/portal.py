"""The provider portal's submission form, filled step by step as a person fills it: with the
keyboard alone (`Keyboard`) or with the mouse and keyboard (`Pointer`).

Each step helper fills the step's fields in page order, presses its button and waits for the
next step, so the keyboard can reach every field by pressing Tab from where it is.
"""

MAX_TABS = 300


def _locate(page, target):
    return page.locator(target).first if isinstance(target, str) else target


def tab_to(page, target) -> None:
    """Press Tab until `target` has focus: proof it is reachable."""
    element = _locate(page, target)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if element.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} cannot be reached with the Tab key")


def type_into(page, target, text: str) -> None:
    tab_to(page, target)
    page.keyboard.type(text)


class Keyboard:
    """Tab to each field, type, tick with Space, press with Enter."""

    def type(self, page, target, text: str) -> None:
        type_into(page, target, text)

    def tick(self, page, target) -> None:
        tab_to(page, target)
        page.keyboard.press("Space")

    def press(self, page, target) -> None:
        tab_to(page, target)
        page.keyboard.press("Enter")


class Pointer:
    """Click into each field and type, click a box's label, click buttons."""

    def type(self, page, target, text: str) -> None:
        field = _locate(page, target)
        field.click()
        page.keyboard.type(text)

    def tick(self, page, target) -> None:
        # The design system hides the box itself and draws its label: people click that.
        box = _locate(page, target)
        page.locator(f"label[for='{box.get_attribute('id')}']").click()

    def press(self, page, target) -> None:
        _locate(page, target).click()

    def attach(self, page, target, path) -> None:
        """Click the file field and choose `path` in the dialog it opens."""
        with page.expect_file_chooser() as chooser:
            _locate(page, target).click()
        chooser.value.set_files(str(path))


def submission_start(page, hands, title: str) -> None:
    """From the dashboard: name the curriculum and start, landing on its first step."""
    hands.type(page, "#id_title", title)
    hands.press(page, "main form[action$='/submissions/new/'] button[type=submit]")
    page.wait_for_url("**/edit/curriculum/")


def curriculum_step(page, hands, *, summary, hours, contact_name, contact_email) -> None:
    """The first audience, topic and delivery method; free and offered nationwide."""
    hands.type(page, "#id_summary", summary)
    hands.tick(page, "input[name=audiences]")
    hands.tick(page, "input[name=topic_areas]")
    hands.tick(page, "input[name=delivery_methods]")
    hands.type(page, "#id_total_hours", hours)
    hands.tick(page, "#id_is_free")
    hands.tick(page, "#id_offered_nationwide")
    hands.type(page, "#id_contact_name", contact_name)
    hands.type(page, "#id_contact_email", contact_email)
    hands.press(page, "button[name=continue]")
    page.wait_for_url("**/edit/content/")


def content_step(page, hands, *, objectives="", methods="", modules=(), first_module=0) -> None:
    """Objectives and methods (when given), then `modules` (title, hours) from the form's
    module number `first_module` (counted from 0) on."""
    if objectives:
        hands.type(page, "#id_learning_objectives", objectives)
    if methods:
        hands.type(page, "#id_instructional_methods", methods)
    for number, (title, hours) in enumerate(modules, start=first_module):
        hands.type(page, f"#id_modules-{number}-title", title)
        hands.type(page, f"#id_modules-{number}-hours", hours)
    hands.press(page, "button[name=continue]")
    page.wait_for_url("**/edit/assessment/")


def assessment_step(page, hands, *, methods="", qualifications="", evidence="") -> None:
    for selector, text in [
        ("#id_assessment_methods", methods),
        ("#id_instructor_qualifications", qualifications),
        ("#id_evidence_of_effectiveness", evidence),
    ]:
        if text:
            hands.type(page, selector, text)
    hands.press(page, "button[name=continue]")
    page.wait_for_url("**/edit/materials/")


def material_upload(page, hands, path) -> None:
    """Choose a file and upload it; the materials step comes back listing it."""
    hands.attach(page, "#id_file", path)
    with page.expect_navigation():
        hands.press(page, "button[name=upload]")


def materials_continue(page, hands) -> None:
    hands.press(page, "button[name=continue]")
    page.wait_for_url("**/edit/standards/")


def standards_step(page, hands, answers) -> None:
    """Answer the first standards in order, one (where, how) pair each; an empty "where" is
    left as it is."""
    for number, (where, how) in enumerate(answers):
        if where:
            hands.type(page, page.locator("input[name$=location]").nth(number), where)
        hands.type(page, page.locator("textarea[name$=explanation]").nth(number), how)
    hands.press(page, "button[name=continue]")
    page.wait_for_url("**/edit/review/")
