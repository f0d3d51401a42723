"""The grader's side of the guard (`guard.py`): what a test cell relies on, and asking the kernel.

A test cell relies on the names it imports (`from threadlab.testing import expect`) and on the
builtins it uses (`len`, `AssertionError`); the kernel checks both after the cell ran.
"""

from __future__ import annotations

import ast
import builtins
import time
from queue import Empty

from jupyter_core.utils import ensure_async

from .guard import REPLY, REQUEST


def relied_on(source: str) -> dict:
    """{"imports": {name: [module, attribute or None]}, "builtins": [names]} of a test cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython syntax (magics): the kernel reports the error itself
        return {"imports": {}, "builtins": []}
    imports, assigned, loaded = {}, set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    imports[alias.asname] = [alias.name, None]
                else:
                    top = alias.name.split(".")[0]
                    imports[top] = [top, None]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if alias.name != "*":
                    imports[alias.asname or alias.name] = [node.module, alias.name]
        elif isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else assigned).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            assigned.add(node.name)
        elif isinstance(node, ast.arg):
            assigned.add(node.arg)
    used = sorted(n for n in loaded - assigned - imports.keys() if hasattr(builtins, n))
    return {"imports": imports, "builtins": used}


async def ask(kc, content: dict, timeout: float) -> dict | None:
    """Send a guard request on the shell channel; its reply, or None when none came in time."""
    msg = kc.session.msg(REQUEST, content)
    kc.shell_channel.send(msg)
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            reply = await ensure_async(kc.shell_channel.get_msg(timeout=left))
        except Empty:
            return None
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply["content"] if reply["msg_type"] == REPLY else None
    return None
