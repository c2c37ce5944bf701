"""The demo fair of `make run`: `fair.yaml` is the data, `fair.py` builds it."""
