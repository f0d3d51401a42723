"""Autograding that survives hostile threaded code: a sandboxed kernel, bounded time, honest scores.

    python -m threadlab.grading autograde <assignment> [--student S] [--unsandboxed]
    python -m threadlab.grading feedback <assignment> [--student S]

See docs/grading.md for the instructor guide and the threat model.
"""
