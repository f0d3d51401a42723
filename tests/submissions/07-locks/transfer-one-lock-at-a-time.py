# replaces: locks-transfer
# expect: lose locks-transfer-test-exclusive
# message: between its reads and writes
# Each account's lock only for its own update: no deadlock, but the two updates are not one step.
def transfer(a, b, amount):
    with a.lock:
        a.write(a.read() - amount)
    with b.lock:
        b.write(b.read() + amount)
