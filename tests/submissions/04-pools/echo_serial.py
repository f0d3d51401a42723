# replaces: pools-echo
# expect: lose pools-echo-test-concurrent pools-echo-test-bounded
# message: one client at a time|not both served
# Mistake 18: the accept loop echoes each client itself, so a second client waits for the first to leave.
class EchoServer:
    def __init__(self, workers=4):
        self.stopping = threading.Event()

    def start(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.thread = threading.Thread(target=self._accept)
        self.thread.start()
        return self.sock.getsockname()

    def _accept(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self._work(conn)

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
        self.thread.join()
        self.sock.close()
