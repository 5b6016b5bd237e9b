"""The Textual chat UI: a shell over ``selfeval_tui.core.conversation.Session``.

Nothing in ``selfeval_tui.core`` imports this package; the command line imports
it only when the TUI is what is being run, so other commands never load Textual.
"""
