# replaces: basics-launch
# expect: full
# Different but correct: a closure as target (no args needed), a name of its own, daemon=True.
def launch(func, value):
    def job():
        func(value)

    thread = threading.Thread(target=job, name=f"launched-{value!r}", daemon=True)
    thread.start()
    return thread
