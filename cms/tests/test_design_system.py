"""The design system stays the one source of the look (issue 15): no one-off page CSS, one type scale."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SITE_CSS = ROOT / "site" / "static" / "css"
SKIPPED_DIRS = {"node_modules", ".venv", "vendor", "var", "staticfiles", ".git"}


def project_files(pattern: str) -> list[Path]:
    """The project's own files matching `pattern` (no vendored, installed or collected copies)."""
    return sorted(
        path for path in ROOT.rglob(pattern) if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts)
    )


def selectors(css: str) -> list[str]:
    """Every rule's selector list in `css` (at-rule preludes such as @media left out)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [
        prelude.strip() for prelude in re.findall(r"([^{}]+)\{", css) if not prelude.strip().startswith("@")
    ]


def classes(selector: str) -> set[str]:
    selector = re.sub(r"\[[^\]]*\]", "", selector)  # attribute values may hold dots
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", selector))


def component_classes() -> set[str]:
    found = set()
    for selector in selectors((SITE_CSS / "components.css").read_text()):
        found |= classes(selector)
    return found


def test_the_helpers_find_every_class_of_a_rule():
    css = "/* .not-a-rule */ .a, .b > .c__d:hover { x: 1 } @media (min-width: 1.5rem) { .e--f[href$='.pdf'] { y: 2 } }"

    assert [classes(selector) for selector in selectors(css)] == [{"a", "b", "c__d"}, {"e--f"}]


def test_no_app_stylesheet_restyles_a_component_class():
    components = component_classes()
    app_stylesheets = [path for path in project_files("*.css") if SITE_CSS not in path.parents]

    assert {"form-field", "error-summary", "card", "summary-list", "chart__label"} <= components
    for path in app_stylesheets:
        for selector in selectors(path.read_text()):
            restyled = classes(selector) & components
            assert not restyled, f"{path.relative_to(ROOT)} restyles the component {restyled} in «{selector}»"


def test_every_font_size_in_project_css_is_a_step_of_the_type_scale():
    tokens = (SITE_CSS / "tokens.css").read_text()
    scale = set(re.findall(r"(--text-[\w-]+)\s*:", tokens))
    assert {"--text-sm", "--text-base", "--text-md", "--text-lg", "--text-xl", "--text-2xl"} <= scale

    stylesheets = [path for path in project_files("*.css") if path.name != "tokens.css"]
    assert SITE_CSS / "site.css" in stylesheets and SITE_CSS / "admin.css" in stylesheets
    for path in stylesheets:
        css = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
        for value in re.findall(r"font-size\s*:\s*([^;}]+)", css):
            step = re.fullmatch(r"var\((--text-[\w-]+)\)", value.strip())
            assert step and step.group(1) in scale, f"{path.relative_to(ROOT)}: font-size {value.strip()}"


def test_no_template_styles_an_element_inline():
    inline = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in project_files("*.html")
        if "templates" in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\sstyle=", line)
    ]

    assert inline == []
