"""Sanitising a hall plan uploaded as SVG before it is stored and inlined into public pages.

An SVG is XML that can run script, load other files and exhaust a parser, so nothing of the upload is
kept unless it is on the allow-list below: the parser resolves no entities, loads no DTD and touches no
network; elements and attributes not listed are dropped; attribute values that could reach a URL or
script are dropped; size, element count and depth are capped. What remains is drawing only: shapes,
groups and text. Stand shapes are the elements with an id, which staff link to stands.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
MAX_BYTES = 512 * 1024
MAX_ELEMENTS = 5000
MAX_DEPTH = 32

ALLOWED_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "path",
        "text",
        "tspan",
        "title",
        "desc",
    }
)
ALLOWED_ATTRIBUTES = frozenset(
    {
        "id", "class", "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "x1", "y1", "x2", "y2",
        "points", "d", "transform", "fill", "stroke", "stroke-width", "opacity", "fill-opacity",
        "font-size", "font-family", "font-weight", "text-anchor", "dominant-baseline", "viewBox",
        "preserveAspectRatio",
    }
)  # fmt: skip
# Values are drawing data: numbers, colours, path commands, names. Anything that can name a resource or
# a script (url(...), javascript:, expressions, entity tricks) is refused.
SAFE_VALUE = re.compile(r"^[\w\s#%.,;:()+\-ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]*$")
UNSAFE_VALUE = re.compile(r"url\s*\(|javascript|data:|expression|@import|&", re.IGNORECASE)
SAFE_ID = re.compile(r"^[A-Za-z][\w\-.:]{0,63}$")


class PlanRejected(ValueError):
    """The upload is not a plan we can keep (too large, not SVG, malformed)."""


@dataclass
class PlanShape:
    shape_id: str
    x: float | None
    y: float | None


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _centre(element) -> tuple[float | None, float | None]:
    """The centre of a rect or circle (enough for "nearest stand"); None for other shapes."""
    tag = etree.QName(element).localname
    if tag == "rect":
        x, y = _number(element.get("x", "0")), _number(element.get("y", "0"))
        w, h = _number(element.get("width")), _number(element.get("height"))
        if None not in (x, y, w, h):
            return x + w / 2, y + h / 2
    if tag in ("circle", "ellipse"):
        return _number(element.get("cx")), _number(element.get("cy"))
    return None, None


def sanitise_svg(raw: bytes) -> tuple[str, list[PlanShape]]:
    """The upload, reduced to the allow-list, as text; and the shapes that carry an id."""
    if len(raw) > MAX_BYTES:
        raise PlanRejected(_("The plan is larger than %(kb)s KB.") % {"kb": MAX_BYTES // 1024})
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        raise PlanRejected(_("The plan is not a valid SVG file.")) from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise PlanRejected(_("The plan is not a valid SVG file."))
    count = sum(1 for _element in root.iter())
    if count > MAX_ELEMENTS:
        raise PlanRejected(_("The plan has more than %(count)s elements.") % {"count": MAX_ELEMENTS})

    shapes: list[PlanShape] = []
    clean_root = _copy(root, shapes, depth=0)
    text = etree.tostring(clean_root, encoding="unicode")
    return text, shapes


def _copy(element, shapes: list[PlanShape], depth: int):
    if depth > MAX_DEPTH:
        raise PlanRejected(_("The plan is nested too deeply."))
    tag = etree.QName(element).localname
    clean = etree.Element(f"{{{SVG_NS}}}{tag}", nsmap={None: SVG_NS} if depth == 0 else None)
    for name, value in element.attrib.items():
        qname = etree.QName(name)
        if qname.namespace or qname.localname not in ALLOWED_ATTRIBUTES:
            continue  # on*, style, href, xlink:href, xml:base and every other attribute
        if UNSAFE_VALUE.search(value) or not SAFE_VALUE.match(value):
            continue
        if qname.localname == "id" and not SAFE_ID.match(value):
            continue
        clean.set(qname.localname, value)
    if element.text and tag in ("text", "tspan", "title", "desc"):
        clean.text = element.text
    if clean.get("id") and tag not in ("svg", "text", "tspan", "title", "desc"):
        x, y = _centre(clean)
        shapes.append(PlanShape(clean.get("id"), x, y))
    for child in element:
        if not isinstance(child.tag, str) or child.tag.startswith(f"{{{SVG_NS}}}") is False:
            continue  # comments, foreign namespaces (XHTML in foreignObject and the like)
        if etree.QName(child).localname not in ALLOWED_ELEMENTS:
            continue  # script, foreignObject, image, use, style, animate, set, a ...
        sub = _copy(child, shapes, depth + 1)
        sub.tail = None
        clean.append(sub)
    return clean


def annotate_plan(svg: str, rows, *, choosable=(), highlight: str = "", label: str = "") -> str:
    """The stored (sanitised) plan with each mapped shape carrying its stand's number and status as
    text (title, aria-label) and class; shapes a visitor may choose become keyboard-focusable buttons.
    Only attributes whose values lxml escapes are added, so the markup stays as safe as the stored plan."""
    if not svg:
        return ""
    root = etree.fromstring(svg.encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    by_shape = {row.stand.shape_id: row for row in rows if row.stand.shape_id}
    choosable = {str(pk) for pk in choosable}
    root.set("role", "group")
    root.set("aria-label", label)
    root.set("class", "floor-plan__svg")
    for element in root.iter(f"{{{SVG_NS}}}*"):
        row = by_shape.get(element.get("id") or "")
        if row is None or element is root:
            continue
        text = f"{row.stand.number}: {row.status_label}"
        if row.exhibitor is not None:
            text += f" – {row.exhibitor.organisation_name}"
        classes = ["stand", f"stand--{row.status}"]
        if highlight and row.stand.number == highlight:
            classes.append("stand--highlight")
        element.set("class", " ".join(classes))
        element.set("data-stand-number", row.stand.number)
        title = etree.SubElement(element, f"{{{SVG_NS}}}title")
        title.text = text
        if str(row.stand.pk) in choosable:
            element.set("tabindex", "0")
            element.set("role", "button")
            element.set("aria-label", text)
            element.set("data-stand", str(row.stand.pk))
    return etree.tostring(root, encoding="unicode")


PRINT_FILLS = {"available": "#ffffff", "held": "#f6d58e", "sold": "#9cc9a0", "blocked": "#bbbbbb"}


def print_plan(svg: str, rows) -> bytes:
    """The plan for the PDF: each mapped shape filled by its status (PDFs read no CSS classes)."""
    root = etree.fromstring(svg.encode(), etree.XMLParser(resolve_entities=False, no_network=True))
    by_shape = {row.stand.shape_id: row for row in rows if row.stand.shape_id}
    for element in root.iter(f"{{{SVG_NS}}}*"):
        row = by_shape.get(element.get("id") or "")
        if row is not None and element is not root:
            element.set("fill", PRINT_FILLS[row.status])
            element.set("stroke", "#333333")
    return etree.tostring(root)
