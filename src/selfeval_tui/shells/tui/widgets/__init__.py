"""The chat screen's parts; their styles live in the screens' ``.tcss`` files."""
