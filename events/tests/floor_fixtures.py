"""A hall plan with five stands in a row (B10-B14) for the floor-plan tests and the e2e journey."""

from events import services

PLAN_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 520 160">
  <title>Hala B</title>
  <rect id="hall" x="0" y="0" width="520" height="160" fill="#f4f4f4"/>
  <rect id="s-b10" x="10" y="10" width="90" height="90"/>
  <rect id="s-b11" x="110" y="10" width="90" height="90"/>
  <rect id="s-b12" x="210" y="10" width="90" height="90"/>
  <rect id="s-b13" x="310" y="10" width="90" height="90"/>
  <rect id="s-b14" x="410" y="10" width="90" height="90"/>
  <text x="20" y="140">Strefa B</text>
</svg>"""

NUMBERS = ("B10", "B11", "B12", "B13", "B14")


def map_row_of_stands(fair, stand_type, *, by=None):
    """Upload the plan and link each shape to a stand of `stand_type` in zone B; returns {number: Stand}."""
    plan, _shapes = services.upload_plan(fair, PLAN_SVG, by=by)
    return {
        number: services.map_stand(
            plan, shape_id=f"s-{number.lower()}", number=number, stand_type=stand_type, by=by, zone="B"
        )
        for number in NUMBERS
    }
