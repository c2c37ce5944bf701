"""What belongs to no domain: email sending, absolute URLs, money formatting, the periodic-job loop and
the RODO orchestrator that runs each app's registered personal-data functions."""
