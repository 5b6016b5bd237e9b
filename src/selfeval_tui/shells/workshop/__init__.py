"""What the workshop shells share, free of Textual: the room (services, actor, clock) and the words every screen says."""
