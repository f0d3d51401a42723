# replaces: pools-echo
# expect: full
# Correct, the plain design: one accept thread, `workers` workers polling a queue and a stop Event, queued connections closed in stop().
import queue
import socket
import threading


class EchoServer:
    """Echo every client's bytes back; at most `workers` clients served at once; start() and stop()."""

    def __init__(self, workers=4):
        self.workers = workers
        self._stopping = threading.Event()
        self._connections = queue.Queue()
        self._threads = []
        self._sock = None

    def start(self):
        """Listen on 127.0.0.1 (port chosen by the OS), start the threads, return (host, port)."""
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.1)
        self._stopping.clear()
        self._threads = [threading.Thread(target=self._accept, name="echo-accept")]
        self._threads += [threading.Thread(target=self._work, name=f"echo-worker-{n}") for n in range(self.workers)]
        for t in self._threads:
            t.start()
        return self._sock.getsockname()[:2]

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        while not self._stopping.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                break               # the listening socket was closed
            conn.settimeout(0.1)
            self._connections.put(conn)

    def _work(self):
        """A worker thread: echo one connection after another until stopped."""
        while not self._stopping.is_set():
            try:
                conn = self._connections.get(timeout=0.1)
            except queue.Empty:
                continue
            with conn:
                while not self._stopping.is_set():
                    try:
                        data = conn.recv(1024)
                    except TimeoutError:
                        continue    # client is quiet: check the Event, then wait again
                    except OSError:
                        break
                    if not data:
                        break       # client hung up
                    try:
                        conn.sendall(data)
                    except OSError:
                        break       # client vanished (reset, or stopped reading)

    def stop(self):
        """Stop accepting, close the listening socket, end and join every thread."""
        self._stopping.set()
        self._threads[0].join()     # the accept loop has stopped
        self._sock.close()
        for t in self._threads[1:]:
            t.join()
        while True:                 # clients accepted but never served
            try:
                self._connections.get_nowait().close()
            except queue.Empty:
                break
