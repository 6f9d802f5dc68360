"""cipbilingual: translate Chinese news into English; publish only what an editor approved."""

__version__ = "0.1.0"
