# replaces: pools-echo
# expect: lose pools-echo-test-stop
# message: close the listening socket
# Mistake 19: every thread is joined but the listening socket stays open: the port still accepts.
import queue
import socket
import threading


class EchoServer:
    """Echo every client's bytes back; at most `workers` clients served at once; start() and stop()."""

    def __init__(self, workers=4):
        self.workers = workers
        self.stop_event = threading.Event()
        self.connections = queue.Queue()

    def start(self):
        """Listen on 127.0.0.1 (port chosen by the OS), start the threads, return (host, port)."""
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.threads = [threading.Thread(target=self._accept, name="accept")] + [
            threading.Thread(target=self._work, name=f"worker-{i}") for i in range(self.workers)]
        for t in self.threads:
            t.start()
        return self.listener.getsockname()

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        while not self.stop_event.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            conn.settimeout(0.1)
            self.connections.put(conn)

    def _work(self):
        """A worker thread: echo one connection after another until stopped."""
        while not self.stop_event.is_set():
            try:
                conn = self.connections.get(timeout=0.1)
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
        self.stop_event.set()       # the accept loop sees it within 0.1 s and stops accepting
        for t in self.threads:
            t.join()
