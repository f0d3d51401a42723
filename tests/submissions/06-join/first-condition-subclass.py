# replaces: join-first
# expect: full
# Correct, differently: daemon Thread subclasses append to a list under a Condition; wait_for the first.
import threading


class Racer(threading.Thread):
    def __init__(self, function, board):
        super().__init__(daemon=True)
        self.function = function
        self.board = board

    def run(self):
        value = self.function()
        with self.board["cond"]:
            self.board["results"].append(value)
            self.board["cond"].notify_all()


def first_result(functions):
    """Return the result of whichever function finishes first, without waiting for the rest."""
    board = {"cond": threading.Condition(), "results": []}
    for f in functions:
        Racer(f, board).start()
    with board["cond"]:
        board["cond"].wait_for(lambda: board["results"])
        return board["results"][0]
