# replaces: pools-echo
# expect: lose pools-echo-test-stop
# message: still running
# Mistake 19: stop() only sets the Event: the listening socket stays open and no thread is joined.
class EchoServer:
    def __init__(self, workers=4):
        self.workers = workers
        self.stopping = threading.Event()
        self.connections = queue.Queue()

    def start(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        threading.Thread(target=self._accept, daemon=True).start()
        for _ in range(self.workers):
            threading.Thread(target=self._work, daemon=True).start()
        return self.sock.getsockname()

    def _accept(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections.put(conn)

    def _work(self):
        while not self.stopping.is_set():
            try:
                conn = self.connections.get(timeout=0.1)
            except queue.Empty:
                continue
            with conn:
                while data := conn.recv(1024):
                    conn.sendall(data)

    def stop(self):
        self.stopping.set()
