"""selfeval-tui: the Annex A self-evaluation of a behaviour and attendance partnership, as a conversation."""

__version__ = "0.1.0"
