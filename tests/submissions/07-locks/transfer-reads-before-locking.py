# replaces: locks-transfer
# expect: lose locks-transfer-test-money locks-transfer-test-exclusive locks-transfer-test-deadlock
# message: without holding
# Reads both balances first, then takes the locks (in order) to write: the reads race.
def transfer(a, b, amount):
    new_a, new_b = a.read() - amount, b.read() + amount
    first, second = sorted((a, b), key=lambda account: account.name)
    with first.lock, second.lock:
        a.write(new_a)
        b.write(new_b)
