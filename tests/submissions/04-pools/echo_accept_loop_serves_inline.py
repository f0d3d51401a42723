# replaces: pools-echo
# expect: lose pools-echo-test-concurrent pools-echo-test-bounded
# message: one client at a time|not both served
# Mistake 18: the accepting thread echoes each client itself until it hangs up; the workers never get work.
import queue
import socket
import threading


class EchoServer:
    """Echo every client's bytes back; at most `workers` clients served at once; start() and stop()."""

    def __init__(self, workers=4):
        self.workers = workers
        self.done = threading.Event()
        self.q = queue.Queue()

    def start(self):
        """Listen on 127.0.0.1 (port chosen by the OS), start the threads, return (host, port)."""
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.1)
        self.threads = [threading.Thread(target=self._accept)]
        self.threads += [threading.Thread(target=self._work) for _ in range(self.workers)]
        for t in self.threads:
            t.start()
        return self.server.getsockname()

    def _echo(self, conn):
        conn.settimeout(0.1)
        with conn:
            while not self.done.is_set():
                try:
                    data = conn.recv(1024)
                except TimeoutError:
                    continue
                if not data:
                    break
                conn.sendall(data)

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        while not self.done.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            self._echo(conn)        # serve it right away, no need to wait for a worker

    def _work(self):
        """A worker thread: echo one connection after another until stopped."""
        while not self.done.is_set():
            try:
                conn = self.q.get(timeout=0.1)
            except queue.Empty:
                continue
            self._echo(conn)

    def stop(self):
        """Stop accepting, close the listening socket, end and join every thread."""
        self.done.set()
        for t in self.threads:
            t.join()
        self.server.close()
