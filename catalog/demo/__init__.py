"""The demo catalogue of `make run`: `catalogue.yaml` is the data, `catalogue.py` builds it."""
