"""Machine-translation engines behind one small interface (see base.py). Engines import their
heavy libraries lazily, inside functions, so that importing this package costs nothing."""
