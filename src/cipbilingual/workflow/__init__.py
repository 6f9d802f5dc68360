"""The use cases the CLI and the TUI share: import, draft, edit, approve, publish, and the rest.

Each function takes a Workspace and plain values, returns model objects, raises CipError.
Feature areas live in submodules (articles, drafting, glossary, tm); import them directly.
"""
