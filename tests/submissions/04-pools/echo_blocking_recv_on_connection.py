# replaces: pools-echo
# expect: lose pools-echo-test-stop
# message: connected without sending|timeout
# No timeout on accepted connections: stop() hangs while a client stays connected and quiet.
import queue
import socket
import threading


class EchoServer:
    """Echo every client's bytes back; at most `workers` clients served at once; start() and stop()."""

    def __init__(self, workers=4):
        self.workers = workers
        self.stopped = threading.Event()
        self.pending = queue.Queue()
        self.threads = []

    def start(self):
        """Listen on 127.0.0.1 (port chosen by the OS), start the threads, return (host, port)."""
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.threads = [threading.Thread(target=self._accept)]
        self.threads.extend(threading.Thread(target=self._work) for _ in range(self.workers))
        for t in self.threads:
            t.start()
        return self.sock.getsockname()

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.pending.put(conn)

    def _work(self):
        """A worker thread: echo one connection after another until stopped."""
        while not self.stopped.is_set():
            try:
                conn = self.pending.get(timeout=0.1)
            except queue.Empty:
                continue
            with conn:
                while data := conn.recv(1024):
                    conn.sendall(data)

    def stop(self):
        """Stop accepting, close the listening socket, end and join every thread."""
        self.stopped.set()
        self.threads[0].join()
        self.sock.close()
        for t in self.threads[1:]:
            t.join()
