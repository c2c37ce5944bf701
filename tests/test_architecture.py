"""The project's own modules import each other without cycles.

A cycle is what function-local imports and re-exports at the bottom of a module were hiding: this test
reads every import statement (function-local ones too, with grimp) and fails on any chain of imports
that leads from a module back to itself. Imports under `if TYPE_CHECKING:` are left out: they never run,
so they cannot make a cycle at import time.
"""

import grimp
import pytest

PACKAGES = ["catalog", "cms", "config", "events", "search"]


@pytest.fixture(scope="module")
def import_graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True, cache_dir=None)


def import_cycles(graph: grimp.ImportGraph, package: str) -> list[tuple[str, ...]]:
    """Every cycle through a module of `package` (across packages too), once per set of modules, as
    the chain of imports from the module back to itself."""
    cycles: dict[frozenset[str], tuple[str, ...]] = {}
    for module in sorted(graph.find_descendants(package) | {package}):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                cycle = (module, *chain)
                cycles.setdefault(frozenset(cycle), cycle)
    return sorted(cycles.values())


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycle(import_graph, package):
    cycles = import_cycles(import_graph, package)

    assert not cycles, f"{len(cycles)} import cycle(s) through {package}:\n" + "\n".join(
        " -> ".join(cycle) for cycle in cycles
    )
