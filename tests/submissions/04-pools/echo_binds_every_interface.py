# replaces: pools-echo
# expect: lose pools-echo-test-address
# message: every network interface
# Binds '' (every interface, reachable from the network) and only reports 127.0.0.1.
import queue
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
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("", 0))
        self.sock.listen()
        self.sock.settimeout(0.1)
        self.threads.append(threading.Thread(target=self._accept))
        for _ in range(self.workers):
            self.threads.append(threading.Thread(target=self._work))
        for t in self.threads:
            t.start()
        return ("127.0.0.1", self.sock.getsockname()[1])

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        while not self.stop_event.is_set():
            try:
                conn, addr = self.sock.accept()
            except socket.timeout:
                continue
            conn.settimeout(0.1)
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
                    try:
                        data = conn.recv(1024)
                    except socket.timeout:
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
