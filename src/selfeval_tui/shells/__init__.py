"""The shells people use: the command line, plain mode and the TUI. Only they parse options or draw screens."""
