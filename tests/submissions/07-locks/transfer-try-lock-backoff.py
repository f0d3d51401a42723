# replaces: locks-transfer
# expect: full
# Correct, differently: no lock order; if the second lock is busy, let go of the first, back off a random while, retry.
import random
import time


def transfer(a, b, amount):
    while True:
        with a.lock:
            if b.lock.acquire(timeout=0.01):
                try:
                    a.write(a.read() - amount)
                    b.write(b.read() + amount)
                    return
                finally:
                    b.lock.release()
        time.sleep(random.uniform(0, 0.01))
