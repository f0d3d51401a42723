# replaces: locks-transfer
# expect: lose locks-transfer-test-exclusive
# message: shares no account
# A global lock around the accounts' locks: no deadlock, but every transfer waits for every other.
import threading

bank_lock = threading.Lock()


def transfer(a, b, amount):
    with bank_lock, a.lock, b.lock:
        a.write(a.read() - amount)
        b.write(b.read() + amount)
