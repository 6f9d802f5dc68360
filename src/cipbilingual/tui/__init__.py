"""The Textual terminal UI: articles, segment editor, review, glossary and help screens.

Only this package imports textual. It reaches the workspace through `tui.services`.
"""
