# replaces: pools-echo
# expect: full
# Correct, written differently: select/selectors with 0.1 s timeouts instead of socket timeouts.
import queue
import select
import selectors
import socket
import threading


class EchoServer:
    """Echo every client's bytes back; at most `workers` clients served at once; start() and stop()."""

    def __init__(self, workers=4):
        self.workers = workers
        self.stop_event = threading.Event()
        self.conns = queue.Queue()
        self.threads = []

    def start(self):
        """Listen on 127.0.0.1 (port chosen by the OS), start the threads, return (host, port)."""
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.listener.setblocking(False)
        self.threads = [threading.Thread(target=self._accept, name="accept")]
        self.threads += [threading.Thread(target=self._work, name=f"worker-{i}") for i in range(self.workers)]
        for t in self.threads:
            t.start()
        return self.listener.getsockname()

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        with selectors.DefaultSelector() as sel:
            sel.register(self.listener, selectors.EVENT_READ)
            while not self.stop_event.is_set():
                if not sel.select(timeout=0.1):
                    continue
                try:
                    conn, _ = self.listener.accept()
                except BlockingIOError:
                    continue
                conn.setblocking(True)
                conn.settimeout(1.0)    # only so sendall() cannot block forever on a client that stops reading
                self.conns.put(conn)

    def _work(self):
        """A worker thread: echo one connection after another until stopped."""
        while not self.stop_event.is_set():
            try:
                conn = self.conns.get(timeout=0.1)
            except queue.Empty:
                continue
            with conn:
                while not self.stop_event.is_set():
                    readable, _, _ = select.select([conn], [], [], 0.1)
                    if not readable:
                        continue
                    try:
                        data = conn.recv(1024)      # ready: returns at once
                        if not data:
                            break
                        conn.sendall(data)
                    except OSError:
                        break

    def stop(self):
        """Stop accepting, close the listening socket, end and join every thread."""
        self.stop_event.set()
        self.threads[0].join()
        self.listener.close()
        for t in self.threads[1:]:
            t.join()
        while not self.conns.empty():
            self.conns.get().close()
