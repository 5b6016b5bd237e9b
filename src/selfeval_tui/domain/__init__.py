"""Pure types and rules: the framework's shape, answers and their statuses, the judgement rule, outcome progress.

Nothing here does input or output or knows about SQLite, the bank's files or a
shell, so every layer above can use these types and the rules stay testable alone.
"""
