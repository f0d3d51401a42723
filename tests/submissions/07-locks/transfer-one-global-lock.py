# replaces: locks-transfer
# expect: lose locks-transfer-test-money locks-transfer-test-exclusive locks-transfer-test-deadlock
# message: without holding
# One lock of its own for every transfer instead of the accounts' locks.
import threading

bank_lock = threading.Lock()


def transfer(a, b, amount):
    with bank_lock:
        a.write(a.read() - amount)
        b.write(b.read() + amount)
