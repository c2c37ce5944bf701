"""Root conftest: makes the shared fixtures of tests/ available to the app test packages too."""

pytest_plugins = ["tests.conftest_services"]
