# replaces: locks-transfer
# expect: lose locks-transfer-test-deadlock
# message: blocked each other
# may lose: locks-transfer-test-money
# Takes a's lock, then b's: transfer(a, b) and transfer(b, a) can each hold one and wait for the other.
def transfer(a, b, amount):
    with a.lock:
        with b.lock:
            a.write(a.read() - amount)
            b.write(b.read() + amount)
