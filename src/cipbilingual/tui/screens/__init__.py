"""The UI's screens: articles, editor, review, report, glossary and help."""
