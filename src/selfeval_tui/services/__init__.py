"""The only API the shells, the conversation and the exports call: every call says who is acting (an Actor).

``open.Services`` is the entry point; ``errors`` holds what it raises;
``views.EvaluationView`` is the one read model of an evaluation. Kept empty of
imports so that importing ``services.actor`` does not open the store's modules.
See docs/architecture.md, "Services and the Actor".
"""
