"""The workshop screens (issue 15): the projector, the facilitator's and the voter's, and their app.

``render`` draws a ``WorkshopStatus`` as Rich text (from ``shells.workshop.words``);
``screens``, ``facilitator``, ``voter`` and ``app`` are Textual.
"""
