"""The SSH gateway: each person's key is forced to run ``selfeval ssh-shell NAME`` (docs/deploy-ssh.md).

``commands`` decides, from ``SSH_ORIGINAL_COMMAND`` alone, whether what the
person asked for is on the allowlist; ``forced`` runs it as that person and
records the session; ``authorized_keys`` writes the lines that force the
command. Nothing here imports Textual: the TUI is reached through the command
line's own deferred import.
"""
