# replaces: locks-transfer
# expect: lose locks-transfer-test-money locks-transfer-test-exclusive locks-transfer-test-deadlock
# message: without holding
# Mistake 23: the balances are read and written with no lock at all.
def transfer(a, b, amount):
    a.write(a.read() - amount)
    b.write(b.read() + amount)
