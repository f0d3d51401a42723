# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-message subclassing-greeter-test-run
# message: never started a thread
# Mistake 10: start() overridden and no thread is ever started: the work runs in the caller.
class Greeter(Thread):
    def __init__(self, greeting, name=None):
        super().__init__(name=name)
        self.greeting = greeting

    def start(self):
        self.message = f"{self.greeting} from {threading.current_thread().name}"
