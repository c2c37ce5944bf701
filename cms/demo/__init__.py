"""The demo pages of `make run`: `pages.yaml` (Polish) and `pages_en.yaml` (English) are the data,
`pages.py` builds the page tree, `translation.py` keeps the English copies up to date, and `loader.py`
reads the data files of every app's `demo` package."""
