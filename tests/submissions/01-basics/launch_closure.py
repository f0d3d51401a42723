# replaces: basics-launch
# expect: full
# Different but correct: a closure as target, a list as args is not needed.
def launch(func, value):
    def job():
        func(value)

    thread = threading.Thread(target=job, name=f"launched-{value!r}", daemon=True)
    thread.start()
    return thread
