"""The UI's screens: articles, editor, review, glossary and help."""
