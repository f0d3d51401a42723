# replaces: pools-echo
# expect: full
# Correct, written differently: `workers` long-running _work() tasks in a ThreadPoolExecutor, one None each; shutdown(wait=True) joins them.
import queue
import socket
import threading
from concurrent.futures import ThreadPoolExecutor


class EchoServer:
    """Echo every client's bytes back; at most `workers` clients served at once; start() and stop()."""

    def __init__(self, workers=4):
        self.workers = workers
        self._stop = threading.Event()
        self._queue = queue.Queue()

    def start(self):
        """Listen on 127.0.0.1 (port chosen by the OS), start the threads, return (host, port)."""
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self._listener.settimeout(0.1)
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="echo-worker")
        for _ in range(self.workers):
            self._pool.submit(self._work)
        self._acceptor = threading.Thread(target=self._accept, name="echo-acceptor")
        self._acceptor.start()
        host, port = self._listener.getsockname()
        return (host, port)

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            conn.settimeout(0.1)
            self._queue.put(conn)

    def _work(self):
        """A worker thread: echo one connection after another until stopped."""
        while (conn := self._queue.get()) is not None:
            with conn:
                if self._stop.is_set():
                    continue        # stopping: drop clients that were never served
                while not self._stop.is_set():
                    try:
                        data = conn.recv(1024)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not data:
                        break
                    try:
                        conn.sendall(data)
                    except OSError:
                        break

    def stop(self):
        """Stop accepting, close the listening socket, end and join every thread."""
        self._stop.set()
        self._acceptor.join()       # no more put() after this
        self._listener.close()
        for _ in range(self.workers):
            self._queue.put(None)   # behind every queued connection
        self._pool.shutdown(wait=True)
