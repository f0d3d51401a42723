# replaces: pools-echo
# expect: full
# Correct, written differently: socketserver.TCPServer as the accept loop, process_request hands connections to `workers` worker threads.
import queue
import socketserver
import threading


class _EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        conn = self.request
        conn.settimeout(0.1)            # accepted sockets start blocking
        while not self.server.stopping.is_set():
            try:
                data = conn.recv(1024)
            except TimeoutError:
                continue
            if not data:
                return
            conn.sendall(data)          # an OSError here ends handle(); finish_request's caller closes the socket


class _QueueingServer(socketserver.TCPServer):
    def __init__(self, address):
        super().__init__(address, _EchoHandler)
        self.stopping = threading.Event()
        self.connections = queue.Queue()

    def process_request(self, request, client_address):
        self.connections.put((request, client_address))     # a worker will serve it


class EchoServer:
    """Echo every client's bytes back; at most `workers` clients served at once; start() and stop()."""

    def __init__(self, workers=4):
        self.workers = workers
        self._server = None
        self._threads = []

    def start(self):
        """Listen on 127.0.0.1 (port chosen by the OS), start the threads, return (host, port)."""
        self._server = _QueueingServer(("127.0.0.1", 0))
        self._threads = [threading.Thread(target=self._accept, name="echo-accept")]
        self._threads += [threading.Thread(target=self._work, name=f"echo-worker-{n}")
                          for n in range(self.workers)]
        for t in self._threads:
            t.start()
        host, port = self._server.server_address[:2]
        return host, port

    def _accept(self):
        """The accepting thread: put each new connection on the queue until stopped."""
        self._server.serve_forever(poll_interval=0.1)

    def _work(self):
        """A worker thread: echo one connection after another until stopped."""
        server = self._server
        while not server.stopping.is_set():
            try:
                request, address = server.connections.get(timeout=0.1)
            except queue.Empty:
                continue
            try:
                server.finish_request(request, address)
            except OSError:
                pass                    # the client reset the connection
            finally:
                server.shutdown_request(request)

    def stop(self):
        """Stop accepting, close the listening socket, end and join every thread."""
        self._server.shutdown()         # serve_forever returns: no more accepting
        self._server.server_close()     # closes the listening socket
        self._server.stopping.set()
        for t in self._threads:
            t.join()
        while not self._server.connections.empty():
            request, _ = self._server.connections.get_nowait()
            self._server.shutdown_request(request)
