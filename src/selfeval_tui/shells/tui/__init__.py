"""The Textual chat UI: a shell over ``selfeval_tui.conversation.Session``.

Nothing in anything below the shells imports this package; the command line imports
it only when the TUI is what is being run, so other commands never load Textual.
"""
