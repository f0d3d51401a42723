# replaces: pools-echo
# expect: lose pools-echo-test-concurrent pools-echo-test-bounded
# message: hung up
# Echoes one recv() per client and closes: a client's second message never comes back.
import queue
import socket
import threading


class EchoServer:
    """Echo every client's bytes back; at most `workers` clients served at once; start() and stop()."""

    def __init__(self, workers=4):
        self.workers = workers
        self.stopping = threading.Event()
        self.q = queue.Queue()

    def start(self):
        """Listen on 127.0.0.1 (port chosen by the OS), start the threads, return (host, port)."""
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.threads = [threading.Thread(target=self._accept)]
        for _ in range(self.workers):
            self.threads.append(threading.Thread(target=self._work))
        for t in self.threads:
            t.start()
        return self.listener.getsockname()

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            conn.settimeout(0.1)
            self.q.put(conn)

    def _work(self):
        """A worker thread: echo one connection after another until stopped."""
        while not self.stopping.is_set():
            try:
                conn = self.q.get(timeout=0.1)
            except queue.Empty:
                continue
            with conn:
                while not self.stopping.is_set():
                    try:
                        data = conn.recv(1024)
                    except TimeoutError:
                        continue
                    conn.sendall(data)
                    break           # request answered

    def stop(self):
        """Stop accepting, close the listening socket, end and join every thread."""
        self.stopping.set()
        for t in self.threads:
            t.join()
        self.listener.close()
