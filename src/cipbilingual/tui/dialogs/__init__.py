"""Small modal dialogs: each asks for one thing and dismisses with it (or None when cancelled)."""
