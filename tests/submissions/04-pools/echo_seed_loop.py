# replaces: pools-echo
# expect: lose pools-echo-test-stop
# message: still running
# Mistake 19, as in the seed: a blocking accept() loop that never looks at a stop signal, daemon workers never joined.
class EchoServer:
    def __init__(self, workers=4):
        self.workers = workers
        self.connections = queue.Queue()

    def start(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._accept, daemon=True).start()
        for _ in range(self.workers):
            threading.Thread(target=self._work, daemon=True).start()
        return self.sock.getsockname()

    def _accept(self):
        while True:
            conn, _ = self.sock.accept()
            self.connections.put(conn)

    def _work(self):
        while True:
            conn = self.connections.get()
            with conn:
                while data := conn.recv(1024):
                    conn.sendall(data)

    def stop(self):
        pass
