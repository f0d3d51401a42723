# replaces: locks-transfer
# expect: lose locks-transfer-test-money locks-transfer-test-exclusive locks-transfer-test-deadlock
# message: without holding
# Locks only the account the money leaves.
def transfer(a, b, amount):
    with a.lock:
        a.write(a.read() - amount)
        b.write(b.read() + amount)
