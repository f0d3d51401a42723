# replaces: join-first
# expect: lose join-first-test-no-spin
# message: busy-waiting
# Mistake 24: spins on a shared list until some thread has put its result there.
def first_result(functions):
    results = []
    for function in functions:
        threading.Thread(target=lambda f=function: results.append(f()), daemon=True).start()
    while not results:
        pass
    return results[0]
