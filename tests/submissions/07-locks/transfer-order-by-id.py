# replaces: locks-transfer
# expect: full
# Correct, differently: the global order is id(), the locks taken in nested with blocks.
def transfer(a, b, amount):
    first, second = (a, b) if id(a) < id(b) else (b, a)
    with first.lock:
        with second.lock:
            a.write(a.read() - amount)
            b.write(b.read() + amount)
