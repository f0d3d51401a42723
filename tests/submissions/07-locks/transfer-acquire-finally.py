# replaces: locks-transfer
# expect: full
# Correct, differently: acquire/release by hand in name order, released in reverse in a finally.
def transfer(a, b, amount):
    ordered = sorted([a, b], key=lambda account: account.name)
    for account in ordered:
        account.lock.acquire()
    try:
        balance_a, balance_b = a.read(), b.read()
        a.write(balance_a - amount)
        b.write(balance_b + amount)
    finally:
        for account in reversed(ordered):
            account.lock.release()
