"""Adapters: the only places where the course patches third-party output.

Each adapter checks the version of the package it was written for and applies its edits in one
module. In a student's kernel an edit that no longer matches falls back to the package's own
behaviour with a warning; while the book is built (``ITBAND_BOOK_FRAMES`` set) it raises, so an
upgrade cannot change the book unnoticed. The book build's own page edits are in
``book/_ext/offline_assets.py`` (the theme and sphinx-thebe). ``CONTRIBUTING.md`` lists the
upstream bugs these work around and where to report them.
"""
