"""Confirmation steps driven as a browser does: open the page, post its form as it stands."""

from html.parser import HTMLParser


class _ConfirmForm(HTMLParser):
    """The fields of the form that carries `confirmed`, and where it posts."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            if attrs.get("type") in {"hidden", "text", None}:
                self.forms[-1]["fields"][attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea" and self.forms:
            self._textarea = attrs.get("name")
            self.forms[-1]["fields"][self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1]["fields"][self._textarea] += data


def confirmation_form(html: str) -> tuple[str, dict]:
    """The action and fields of the page's confirming form."""
    parser = _ConfirmForm()
    parser.feed(html)
    for form in parser.forms:
        if form["fields"].get("confirmed"):
            fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
            return form["action"], fields
    raise AssertionError("The page has no confirmation form.")


def confirm(client, url: str, **fields):
    """Open the confirmation page at `url` and post its form, with `fields` typed in."""
    page = client.get(url)
    assert page.status_code == 200, page.content.decode()[:500]
    action, data = confirmation_form(page.content.decode())
    data.update(fields)
    return client.post(action or url, data)
