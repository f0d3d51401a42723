"""Cheating answers for the course's `run_all` exercise: each would score points it did not earn.

Each is a wrong answer plus a trick. `NOOP` (does nothing) fails both tests honestly; `SERIAL` (one
thread after another) passes the visible test and fails the hidden concurrency test. Without the
guard every trick below raises the score of the tests it tampers with; with it, none does.
"""

NOOP = "def run_all(funcs):\n    pass\n"
SERIAL = ("def run_all(funcs):\n    for f in funcs:\n        t = threading.Thread(target=f)\n"
          "        t.start()\n        t.join()\n")
NOOP_EXPECT = "lambda *args, **kwargs: None"

# student -> (answer, grade ids of the tests the trick tampers with)
CHEATS = {
    # hiding errors
    "custom_exc": NOOP + (
        "def hide(shell, etype, value, tb, tb_offset=None):\n"
        "    shell._showtraceback = lambda *args: None\n"
        "get_ipython().set_custom_exc((BaseException,), hide)\n"),
    "showtraceback": NOOP + (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "InteractiveShell.showtraceback = lambda *a, **k: None\n"
        "type(get_ipython())._showtraceback = lambda *a, **k: None\n"
        "get_ipython().showtraceback = lambda *a, **k: None\n"
        "import sys\nsys.excepthook = lambda *a: None\n"),
    "run_cell": NOOP + (
        "import textwrap\nfrom IPython.core.interactiveshell import InteractiveShell\n"
        "_run = InteractiveShell.run_cell\n"
        "def run_cell(self, raw_cell, *a, **k):\n"
        "    raw_cell = 'try:\\n' + textwrap.indent(raw_cell, '    ') + '\\n    pass\\nexcept BaseException:\\n    pass\\n'\n"
        "    return _run(self, raw_cell, *a, **k)\n"
        "InteractiveShell.run_cell = run_cell\n"),
    # altering how later cells run
    "input_transformer": NOOP + "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])\n",
    "post_transformer": NOOP + "get_ipython().input_transformers_post.append(lambda lines: ['pass\\n'])\n",
    "ast_transformer": NOOP + (
        "import ast\nclass Nothing(ast.NodeTransformer):\n"
        "    def visit_Module(self, node):\n        return ast.Module(body=[ast.Pass()], type_ignores=[])\n"
        "get_ipython().ast_transformers.append(Nothing())\n"),
    "pre_run_cell": NOOP + (
        "import threadlab.testing\n"
        "def patch(*args):\n    threadlab.testing.expect = " + NOOP_EXPECT + "\n"
        "get_ipython().events.register('pre_run_cell', patch)\n"),
    "settrace": NOOP + (
        "import sys, threadlab.testing\n"
        "def trace(frame, event, arg):\n"
        "    threadlab.testing.expect = " + NOOP_EXPECT + "\n"
        "    return None\n"
        "sys.settrace(trace)\n"),
    "cell_magic": NOOP + (
        "from IPython.core.magic import register_cell_magic\n"
        "@register_cell_magic\ndef quietly(line, cell):\n"
        "    try:\n        get_ipython().ex(cell)\n    except BaseException:\n        pass\n"
        "get_ipython().input_transformer_manager.cleanup_transforms.insert(0, lambda lines: ['%%quietly\\n'] + lines)\n"),
    "builtins": NOOP + "import builtins\n_len = len\nbuiltins.len = lambda obj: 3 if type(obj) is list and not obj else _len(obj)\n",
    "shadow_builtin": NOOP + "def len(obj):\n    return 3\n",
    "import_hook": NOOP + (
        "import builtins, types\n_import = builtins.__import__\n"
        "fake = types.SimpleNamespace(expect=" + NOOP_EXPECT + ", call_with_timeout=lambda f, *a, timeout=0, **k: f(*a, **k))\n"
        "def fake_import(name, *args, **kwargs):\n"
        "    return fake if name == 'threadlab.testing' else _import(name, *args, **kwargs)\n"
        "builtins.__import__ = fake_import\n"),
    # monkeypatching the test helpers
    "helpers": NOOP + (
        "import threadlab.testing, time, threading\n"
        "threadlab.testing.expect = " + NOOP_EXPECT + "\n"
        "threadlab.testing.Mistake = Warning\n"
        "time.monotonic = lambda: 0.0\n"
        "threading.enumerate = lambda: [threading.main_thread()]\n"),
    "helper_code": NOOP + "from threadlab.testing import expect\nexpect.__code__ = (" + NOOP_EXPECT + ").__code__\n",
    "fake_module": NOOP + (
        "import sys, types\nfake = types.ModuleType('threadlab.testing')\n"
        "fake.expect = " + NOOP_EXPECT + "\n"
        "fake.call_with_timeout = lambda f, *a, timeout=0, **k: f(*a, **k)\n"
        "sys.modules['threadlab.testing'] = fake\n"),
    "during_test": (
        "def run_all(funcs):\n"
        "    get_ipython().user_ns['expect'] = " + NOOP_EXPECT + "\n"),
    # monkeypatching threading itself: a serial answer passes a concurrency check
    "barrier": SERIAL + "import threading\nthreading.Barrier.wait = lambda self, timeout=None: 0\n",
    "fake_barrier": SERIAL + (
        "import threading\nclass Barrier:\n    def __init__(self, *a, **k):\n        pass\n"
        "    def wait(self, timeout=None):\n        return 0\nthreading.Barrier = Barrier\n"),
    # output that would hide a failure
    "clear_output": NOOP + (
        "import threading\nfrom IPython.display import clear_output\n"
        "kernel = get_ipython().kernel\n"
        "def clear_forever():\n"
        "    while True:\n"
        "        kernel.session.send(kernel.iopub_socket, 'clear_output', {'wait': False}, parent=kernel.get_parent())\n"
        "        threading.Event().wait(0.001)\n"
        "threading.Thread(target=clear_forever, daemon=True).start()\n"),
    "partial_credit": (
        "def run_all(funcs):\n"
        "    kernel = get_ipython().kernel\n"
        "    kernel.session.send(kernel.iopub_socket, 'execute_result', {'data': {'text/plain': '1.0'}, "
        "'metadata': {}, 'execution_count': 1}, parent=kernel.get_parent())\n"),
    # the guard itself
    "guard_removed": NOOP + (
        "kernel = get_ipython().kernel\n"
        "kernel.shell_handlers.pop('threadlab_guard_request', None)\n"
        "import threadlab.testing\nthreadlab.testing.expect = " + NOOP_EXPECT + "\n"),
}
