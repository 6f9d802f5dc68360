"""The segment editor: the article's segments beside each other, and for the current one its
Chinese with glossary terms, its English in a text area, suggestions and QA findings.

Edits are saved when the person leaves a segment, a second after they stop typing, and on quit;
saves run on the services' save thread. The catalog is watched on disk: other people's changes
are merged in, and a change to the segment being edited is a conflict the person settles.

One module per part of the screen, each a class the screen combines: `base` (what they share,
the status line and the segment list), `loading` (the article and changes on disk), `assist`
(the Chinese and suggestions panels), `checks` (the findings panel), `english` (the English box,
saving, the conflict bar), `filtering` (the filter bar), `drafting` (the drafting bar) and
`screen` (layout, moving, confirming, approving, rejecting).
"""

from cipbilingual.tui.screens.editor.base import AUTOSAVE_DELAY
from cipbilingual.tui.screens.editor.screen import EditorScreen

__all__ = ["AUTOSAVE_DELAY", "EditorScreen"]
