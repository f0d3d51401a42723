# replaces: pools-echo
# expect: full
# Correct, written differently: a ThreadPoolExecutor serves the connections; shutdown(wait=True) joins its threads.
class EchoServer:
    def __init__(self, workers=4):
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="echo")
        self.stopping = threading.Event()

    def start(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.05)
        self.acceptor = threading.Thread(target=self._accept, name="acceptor")
        self.acceptor.start()
        return self.sock.getsockname()

    def _accept(self):
        with self.sock:
            while not self.stopping.is_set():
                try:
                    conn, _ = self.sock.accept()
                except TimeoutError:
                    continue
                self.pool.submit(self._work, conn)

    def _work(self, conn):
        with conn:
            conn.settimeout(0.05)
            while not self.stopping.is_set():
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                if not data:
                    break
                conn.sendall(data)

    def stop(self):
        self.stopping.set()
        self.acceptor.join()      # the acceptor closes the listening socket on its way out
        self.pool.shutdown(wait=True)
