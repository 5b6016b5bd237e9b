"""Allows ``python -m selfeval_tui`` to behave exactly like the ``selfeval`` script."""

from selfeval_tui.launch import main

raise SystemExit(main())
