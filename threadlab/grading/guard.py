"""In-kernel guard: what the hidden tests rely on is put back before each test cell, and checked after it.

Student code runs in the same interpreter as the tests, so it can replace `expect`, patch
`threading.Barrier.wait`, add an input transformer or swallow errors with `set_custom_exc`.
At kernel start, before any student code, `install()` snapshots:
- modules the tests use (threadlab's helpers, threading, time, queue, builtins, ..., and IPython/
  ipykernel/jupyter_client, which run the cells): every binding, class attribute, function body;
- the shell's cell pipeline (input and AST transformers, events, custom exception handler, magics,
  method overrides on the shell, kernel and session objects) and the sys hooks.
The grader (`BoundedExecute`) sends a message type of its own on the shell channel, handled here
without going through `run_cell` (which student code can patch):
- "restore" before a test cell: undo every change; report what had changed;
- "verify" after it: report (and undo) what changed while the test ran: a cheat from inside the
  student's function, so the grader scores that test 0.
An arms race remains (see docs/grading.md, "limits"): this only raises the bar in-process.
"""

from __future__ import annotations

import builtins
import importlib
import inspect
import os
import pkgutil
import sys
import types

REQUEST, REPLY = "threadlab_guard_request", "threadlab_guard_reply"
GUARDED = {  # top-level packages whose code the tests (or the cell machinery) run
    "threadlab", "builtins", "threading", "_thread", "queue", "time", "socket", "select", "selectors",
    "subprocess", "signal", "os", "posixpath", "io", "traceback", "contextlib", "functools", "inspect", "ast",
    "linecache", "textwrap", "dataclasses", "collections", "itertools", "operator", "math", "random", "weakref",
    "json", "re", "types", "copy", "concurrent", "asyncio", "abc", "enum", "warnings", "logging", "importlib",
    "IPython", "ipykernel", "jupyter_client", "traitlets", "comm", "zmq",
}
TEST_HELPERS = ["threadlab.testing", "threadlab.timeline", "threadlab.checks"]
SCALARS = (int, float, complex, str, bytes, bool, type(None))
MISSING = object()
HEAP_TYPE, MUTABLE_CLASS = 1 << 9, (1 << 9) | (1 << 8)  # Py_TPFLAGS_HEAPTYPE, | Py_TPFLAGS_IMMUTABLETYPE


def behaviour(value) -> bool:
    """Values that decide what code does (as opposed to data: counters, caches, flags)."""
    return callable(value) or isinstance(value, (types.ModuleType, property, staticmethod, classmethod))


def import_test_helpers() -> None:
    """Import every helper module now, so a fake planted in sys.modules later cannot stand in for one."""
    for name in TEST_HELPERS:
        module = importlib.import_module(name)
        for info in pkgutil.walk_packages(getattr(module, "__path__", []), prefix=name + "."):
            importlib.import_module(info.name)


class Snapshot:
    """The trusted state, taken once; `restore()` puts it back and names what had changed."""

    def __init__(self, shell) -> None:
        self.shell, self.kernel = shell, getattr(shell, "kernel", None)
        self.modules: dict[str, tuple] = {}
        # IPython puts these in builtins around each cell (BuiltinTrap); `_` is the last result
        self.volatile_builtins = {"_", *getattr(getattr(shell, "builtin_trap", None), "auto_builtins", {})}
        self.classes: list[tuple] = []
        self.functions: list[tuple] = []
        seen: set[int] = set()
        for name, module in list(sys.modules.items()):
            if isinstance(module, types.ModuleType) and name.split(".")[0] in GUARDED:
                self.modules[name] = (module, type(module), dict(vars(module)))
                for value in list(vars(module).values()):
                    self._collect(value, name, seen)
        self.sys_hooks = {n: getattr(sys, n) for n in
                          ("excepthook", "displayhook", "breakpointhook", "unraisablehook", "stdout", "stderr")}
        self.sys_lists = {n: (getattr(sys, n), list(getattr(sys, n))) for n in ("meta_path", "path_hooks")}
        # Not the working copy (or a folder inside it), where the student's code can write modules. A venv
        # under /tmp stays: in the sandbox it is a read-only bind, and its packages load lazily (matplotlib).
        workdir = os.path.realpath(os.getcwd())
        self.path = [p for p in sys.path if p and os.path.commonpath([workdir, os.path.realpath(p)]) != workdir]
        self.instances = [self._instance(o) for o in self._pipeline_objects()]
        self.lists = [(o, a, getattr(o, a), list(getattr(o, a))) for o, a in self._pipeline_lists()]
        self.dicts = [(label, d, dict(d)) for label, d in self._pipeline_dicts()]
        self.traits = {n: getattr(shell, n) for n in ("ast_node_interactivity", "custom_exceptions")}
        self.user_builtins = shell.user_ns.get("__builtins__")

    # -- what is snapshotted -------------------------------------------------------------------
    def _collect(self, value, module: str, seen: set[int]) -> None:
        if id(value) in seen:
            return
        if isinstance(value, type) and value.__module__ == module and value.__flags__ & MUTABLE_CLASS == HEAP_TYPE:
            seen.add(id(value))
            self.classes.append((value, dict(vars(value))))
            for member in list(vars(value).values()):
                self._function(member, seen)
        else:
            self._function(value, seen)

    def _function(self, value, seen: set[int]) -> None:
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        elif isinstance(value, property):
            for part in (value.fget, value.fset, value.fdel):
                self._function(part, seen)
            return
        while isinstance(value, types.FunctionType) and id(value) not in seen:
            seen.add(id(value))
            cells = [(c, c.cell_contents) for c in value.__closure__ or () if _filled(c)]
            self.functions.append((value, value.__code__, value.__defaults__, value.__kwdefaults__, cells))
            for cell, contents in cells:
                if isinstance(contents, types.FunctionType):
                    self._function(contents, seen)
            value = getattr(value, "__wrapped__", None)

    def _pipeline_objects(self) -> list:
        shell, kernel = self.shell, self.kernel
        objects = [shell, shell.compile, shell.displayhook, shell.display_pub, shell.input_transformer_manager,
                   shell.events, shell.magics_manager, sys.stdout, sys.stderr]
        if kernel is not None:
            objects += [kernel, kernel.session, getattr(kernel, "iopub_socket", None)]
        return [o for o in objects if o is not None]

    def _pipeline_lists(self) -> list:
        shell, manager = self.shell, self.shell.input_transformer_manager
        pairs = [(shell, "input_transformers_post"), (shell, "ast_transformers"),
                 (manager, "cleanup_transforms"), (manager, "line_transforms"), (manager, "token_transformers")]
        return [(o, a) for o, a in pairs if isinstance(getattr(o, a, None), list)]

    def _pipeline_dicts(self) -> list:
        shell = self.shell
        dicts = [("magics.line", shell.magics_manager.magics["line"]),
                 ("magics.cell", shell.magics_manager.magics["cell"]),
                 ("events", shell.events.callbacks)]
        if self.kernel is not None:
            dicts.append(("kernel.shell_handlers", self.kernel.shell_handlers))
        return dicts

    def _instance(self, obj) -> tuple:
        live = vars(obj) if hasattr(obj, "__dict__") else {}
        return obj, type(obj), {k: v for k, v in live.items() if is_method(type(obj), k)}

    # -- putting it back ---------------------------------------------------------------------------
    def restore(self) -> list[str]:
        changed: list[str] = []
        for name, (module, kind, saved) in self.modules.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
                changed.append(f"sys.modules[{name!r}]")
            if type(module) is not kind:
                module.__class__ = kind
                changed.append(f"{name}.__class__")
            live = vars(module)
            whole = name.startswith("threadlab")  # our constants (timeouts) drive the checks too
            for key, value in saved.items():
                now = live.get(key, MISSING)
                if now is value or (name == "builtins" and key in self.volatile_builtins):
                    continue
                if not whole and value is None and not behaviour(now):
                    continue  # state a module makes lazily (zmq's garbage collector for big output): no cheat
                if whole or not (isinstance(value, SCALARS) and isinstance(now, SCALARS)):
                    live[key] = value
                    changed.append(f"{name}.{key}")
            for key in live.keys() - saved.keys():
                if name != "builtins" and (hasattr(builtins, key) or key == "__getattr__" or
                                           (whole and behaviour(live[key]))):
                    del live[key]
                    changed.append(f"{name}.{key}")
        for cls, saved in self.classes:
            live = vars(cls)
            for key, value in saved.items():
                if live.get(key, MISSING) is not value and key not in ("__dict__", "__weakref__", "__doc__"):
                    setattr(cls, key, value)
                    changed.append(f"{cls.__module__}.{cls.__qualname__}.{key}")
            for key in live.keys() - saved.keys():
                if behaviour(live[key]) or key.startswith("__"):
                    delattr(cls, key)
                    changed.append(f"{cls.__module__}.{cls.__qualname__}.{key}")
        for func, code, defaults, kwdefaults, cells in self.functions:
            if func.__code__ is not code or func.__defaults__ is not defaults or func.__kwdefaults__ is not kwdefaults:
                func.__code__, func.__defaults__, func.__kwdefaults__ = code, defaults, kwdefaults
                changed.append(f"{func.__module__}.{func.__qualname__}")
            for cell, contents in cells:
                now = cell.cell_contents if _filled(cell) else MISSING
                if now is not contents and (behaviour(contents) or behaviour(now)):
                    cell.cell_contents = contents
                    changed.append(f"{func.__module__}.{func.__qualname__} (closure)")
        changed += self._restore_pipeline()
        return changed

    def _restore_pipeline(self) -> list[str]:
        changed = []
        for name, value in self.sys_hooks.items():
            if getattr(sys, name) is not value:
                setattr(sys, name, value)
                changed.append(f"sys.{name}")
        for name, (value, items) in self.sys_lists.items():
            if getattr(sys, name) is not value or value != items:
                value[:] = items
                setattr(sys, name, value)
                changed.append(f"sys.{name}")
        sys.path[:] = self.path  # the working copy is not importable: no fake `statistics.py` for a test
        importlib.invalidate_caches()
        for getter, setter, label in ((sys.gettrace, sys.settrace, "sys.settrace"),
                                      (sys.getprofile, sys.setprofile, "sys.setprofile")):
            if getter() is not None:
                setter(None)
                changed.append(label)
        for obj, kind, methods in self.instances:
            label = type(obj).__name__
            if type(obj) is not kind:
                obj.__class__ = kind
                changed.append(f"{label}.__class__")
            live = vars(obj) if hasattr(obj, "__dict__") else {}
            for key, value in methods.items():
                if live.get(key, MISSING) is not value and is_override(obj, kind, key):
                    live[key] = value
                    changed.append(f"{label}.{key}")
            for key in [k for k in live if k not in methods and is_override(obj, kind, k)]:
                del live[key]
                changed.append(f"{label}.{key}")
        for obj, attr, value, items in self.lists:
            if getattr(obj, attr) is not value or value != items:
                value[:] = items
                setattr(obj, attr, value)
                changed.append(attr)
        for label, live, saved in self.dicts:
            if live != saved:
                live.clear()
                live.update(saved)
                changed.append(label)
        for name, value in self.traits.items():
            if getattr(self.shell, name) != value:
                setattr(self.shell, name, value)
                changed.append(name)
        if self.shell.user_ns.get("__builtins__") is not self.user_builtins:
            self.shell.user_ns["__builtins__"] = self.user_builtins
            changed.append("__builtins__")
        return changed

    def expected(self, module: str, attr: str | None):
        """What `import module` / `from module import attr` gives in a trustworthy kernel."""
        if attr is None:
            return self.modules.get(module, (sys.modules.get(module),))[0]
        saved = self.modules.get(module)
        return saved[2].get(attr, MISSING) if saved else getattr(sys.modules.get(module), attr, MISSING)


def is_method(kind: type, name: str) -> bool:
    """An instance attribute under this name would override a method of the class."""
    return isinstance(inspect.getattr_static(kind, name, None), (types.FunctionType, staticmethod, classmethod))


def is_override(obj, kind: type, name: str) -> bool:
    """An instance attribute that changes what the method does (IPython itself re-binds `stream.write`
    to the same method around each cell: that is no override)."""
    value = vars(obj).get(name, MISSING)
    if value is MISSING or not is_method(kind, name):
        return False
    return not (getattr(value, "__self__", None) is obj
                and getattr(value, "__func__", None) is inspect.getattr_static(kind, name))


def _filled(cell) -> bool:
    try:
        cell.cell_contents
    except ValueError:
        return False
    return True


class Guard:
    """Answers the grader's requests: restore before a test cell, verify after it."""

    def __init__(self, shell) -> None:
        import_test_helpers()
        self.snapshot = Snapshot(shell)
        self.shell = shell
        self.set_aside: dict[str, object] = {}

    def handle(self, content: dict) -> dict:
        user_ns = self.shell.user_ns
        changed = self.snapshot.restore()
        if content.get("phase") == "restore":
            # the test's own names: a student's global `len` must not answer for the builtin during the test
            for name in content.get("builtins", []):
                if name in user_ns and user_ns[name] is not getattr(builtins, name, MISSING):
                    self.set_aside[name] = user_ns.pop(name)
            return {"status": "ok", "changed": changed}
        for name, (module, attr) in content.get("imports", {}).items():
            if name in user_ns and user_ns[name] is not self.snapshot.expected(module, attr):
                changed.append(f"the test's name {name!r}")
        for name in content.get("builtins", []):
            if name in user_ns and user_ns[name] is not getattr(builtins, name, MISSING):
                changed.append(f"the test's name {name!r}")
                user_ns.pop(name)
        user_ns.update(self.set_aside)
        self.set_aside.clear()
        return {"status": "ok", "changed": changed}


def install(shell) -> Guard | None:
    """Snapshot now and answer guard requests on the kernel's shell channel (not via run_cell)."""
    kernel = getattr(shell, "kernel", None)
    if kernel is None:  # a plain IPython shell: nothing asks
        return None
    guard = Guard.__new__(Guard)

    def on_request(stream, ident, parent):
        try:
            reply = guard.handle(parent.get("content", {}))
        except Exception as exc:  # a broken guard must look like one, not like "all fine"
            reply = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
        kernel.session.send(stream, REPLY, reply, parent, ident)

    kernel.shell_handlers[REQUEST] = on_request
    guard.__init__(shell)  # after registering: the handler is part of the snapshot
    return guard
