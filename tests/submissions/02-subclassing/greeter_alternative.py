# replaces: subclassing-greeter
# expect: full
# Correct, written differently: Thread.__init__ called explicitly, keywords passed through, self.name used.
class Greeter(threading.Thread):
    def __init__(self, greeting, **thread_options):
        threading.Thread.__init__(self, **thread_options)
        self._greeting = greeting

    def run(self):
        me = threading.current_thread()
        assert me is self
        self.message = "{} from {}".format(self._greeting, me.name)
