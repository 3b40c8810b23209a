"""Small helpers that faq and forces both need and neither owns (see ARCHITECTURE.md).

Nothing here imports an app of ours: every app may import common, common imports none of them.
"""
