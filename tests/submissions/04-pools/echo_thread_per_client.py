# replaces: pools-echo
# expect: lose pools-echo-test-bounded
# message: third client was served
# Not a bounded pool: a new thread for every client, however many come.
class EchoServer:
    def __init__(self, workers=4):
        self.stopping = threading.Event()
        self.threads = []

    def start(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.acceptor = threading.Thread(target=self._accept)
        self.acceptor.start()
        return self.sock.getsockname()

    def _accept(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            thread = threading.Thread(target=self._work, args=(conn,))
            self.threads.append(thread)
            thread.start()

    def _work(self, conn):
        with conn:
            conn.settimeout(0.1)
            while not self.stopping.is_set():
                try:
                    data = conn.recv(1024)
                except TimeoutError:
                    continue
                if not data:
                    return
                conn.sendall(data)

    def stop(self):
        self.stopping.set()
        self.acceptor.join()
        self.sock.close()
        for thread in self.threads:
            thread.join()
