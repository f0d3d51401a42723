# replaces: pools-echo
# expect: lose pools-echo-test-address
# message: fixed port
# Listens on the seed's fixed port 15000: a second server cannot start.
import queue
import socket
import threading

PORT = 15000


class EchoServer:
    """Echo every client's bytes back; at most `workers` clients served at once; start() and stop()."""

    def __init__(self, workers=4):
        self.workers = workers
        self.stop_event = threading.Event()
        self.clients = queue.Queue()

    def start(self):
        """Listen on 127.0.0.1 (port chosen by the OS), start the threads, return (host, port)."""
        self.sock = socket.create_server(("127.0.0.1", PORT))
        self.sock.settimeout(0.1)
        self.threads = [threading.Thread(target=self._accept)]
        self.threads += [threading.Thread(target=self._work) for _ in range(self.workers)]
        for t in self.threads:
            t.start()
        return ("127.0.0.1", PORT)

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        while not self.stop_event.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            conn.settimeout(0.1)
            self.clients.put(conn)

    def _work(self):
        """A worker thread: echo one connection after another until stopped."""
        while not self.stop_event.is_set():
            try:
                conn = self.clients.get(timeout=0.1)
            except queue.Empty:
                continue
            with conn:
                while not self.stop_event.is_set():
                    try:
                        data = conn.recv(1024)
                    except TimeoutError:
                        continue
                    if not data:
                        break
                    conn.sendall(data)

    def stop(self):
        """Stop accepting, close the listening socket, end and join every thread."""
        self.stop_event.set()
        for t in self.threads:
            t.join()
        self.sock.close()
