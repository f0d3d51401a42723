# replaces: join-first
# expect: lose join-first-test-any-order join-first-test-first-wins
# message: did not finish within
# Joins the first thread in the list, as if it were the fastest.
def first_result(functions):
    results = [None] * len(functions)

    def run(i, f):
        results[i] = f()

    threads = [threading.Thread(target=run, args=(i, f), daemon=True) for i, f in enumerate(functions)]
    for t in threads:
        t.start()
    threads[0].join()
    return results[0]
