"""Widgets of the UI. They receive data from their screen and post messages; they do no I/O."""
