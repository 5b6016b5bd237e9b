"""The core: framework, judgement, conversation, store and exports.

Nothing under this package may import Textual; the TUI and the plain line mode are
thin shells over it (enforced by tests/test_layering.py).
"""
