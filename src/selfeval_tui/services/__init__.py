"""The only API the shells call: every call says who is acting (an Actor)."""
