"""The plain line mode: the same conversation on standard input and output.

For screen readers, scripts and the most basic terminals: no colour, no cursor
movement, one question per line, output flushed before every read.
"""
