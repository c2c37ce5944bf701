from io import StringIO

import pytest
from django.core.management import call_command

from config.core.management.commands.run_scheduler import JOBS


@pytest.mark.django_db
def test_every_periodic_job_runs_once_with_the_once_flag():
    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    for _interval, command in JOBS:
        assert f"ran: {' '.join(command)}" in out.getvalue()
