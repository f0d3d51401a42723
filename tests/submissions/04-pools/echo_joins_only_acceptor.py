# replaces: pools-echo
# expect: lose pools-echo-test-stop
# message: still running
# Mistake 19: daemon workers are signalled but never joined; they end ~0.1 s after stop() returns, which only a thread watch sees every time.
import queue
import socket
import threading


class EchoServer:
    """Echo every client's bytes back; at most `workers` clients served at once; start() and stop()."""

    def __init__(self, workers=4):
        self.workers = workers
        self.running = threading.Event()
        self.conns = queue.Queue()

    def start(self):
        """Listen on 127.0.0.1 (port chosen by the OS), start the threads, return (host, port)."""
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.running.set()
        self.acceptor = threading.Thread(target=self._accept)
        self.acceptor.start()
        for _ in range(self.workers):
            threading.Thread(target=self._work, daemon=True).start()   # daemon: they die with the program
        return self.sock.getsockname()

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        while self.running.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            conn.settimeout(0.1)
            self.conns.put(conn)

    def _work(self):
        """A worker thread: echo one connection after another until stopped."""
        while self.running.is_set():
            try:
                conn = self.conns.get(timeout=0.1)
            except queue.Empty:
                continue
            with conn:
                while self.running.is_set():
                    try:
                        data = conn.recv(1024)
                    except TimeoutError:
                        continue
                    if not data:
                        break
                    conn.sendall(data)

    def stop(self):
        """Stop accepting, close the listening socket, end and join every thread."""
        self.running.clear()
        self.acceptor.join()
        self.sock.close()
