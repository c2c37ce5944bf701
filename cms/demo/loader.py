"""The one reader of the demo content: the YAML files in the `demo` package of each app.

The content is data so that an editor of the demo can change a text without reading Python; the modules
beside each file (`catalog.demo.catalogue`, `events.demo.fair`, `cms.demo.pages`) build objects from it.
Files are found through `importlib.resources`, relative to their package, so they are read the same from
a checkout and from an installed copy.
"""

from importlib.resources import files
from typing import Any

import yaml


def read_demo_data(package: str, name: str) -> dict[str, Any]:
    """The mapping in `<name>.yaml` of a demo package, e.g. `read_demo_data("catalog.demo", "catalogue")`.

    `safe_load` builds plain lists, mappings, strings, numbers and dates, never Python objects.
    """
    data = yaml.safe_load(files(package).joinpath(f"{name}.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{package}/{name}.yaml must hold a mapping, not {type(data).__name__}")
    return data
