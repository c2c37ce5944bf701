"""Fill and submit server-rendered forms the way a browser does: every field the page renders is sent,
with the values a scenario chooses; hidden fields (CSRF token) are kept as rendered."""

from html.parser import HTMLParser


class FormParser(HTMLParser):
    def __init__(self, form_selector: str | None = None):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {
                "action": attrs.get("action", ""),
                "method": attrs.get("method", "get"),
                "fields": {},
                "choices": {},
            }
            self.forms.append(self._current)
        if self._current is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                self._current["choices"].setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    self._current["fields"][name] = attrs.get("value", "on")
            elif kind not in {"submit", "button"}:
                self._current["fields"][name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self._current["choices"][name] = []
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if value:
                self._current["choices"][self._select].append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            self._current["fields"][name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def find_form(html: str, must_have: str) -> dict:
    """The first form on the page that renders a field named `must_have`."""
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        if must_have in form["fields"] or must_have in form["choices"]:
            return form
    raise LookupError(f"no form with a field {must_have!r}")
