"""Autograding that survives hostile threaded code: a sandboxed kernel, bounded time, honest scores.

    threadlab grade [ASSIGNMENT ...] [--student S ...] [--jobs N] [--shard I/N] [--unsandboxed]
    threadlab feedback [ASSIGNMENT ...] [--student S ...]

(`python -m threadlab.grading autograde|feedback …` is the older spelling of the same commands.)
See docs/grading.md for the instructor guide and the threat model.
"""
