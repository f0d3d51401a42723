# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-message subclassing-greeter-test-run
# message: thrown away
# Mistake 11: run() returns the message, and Thread drops what run() returns.
class Greeter(Thread):
    def __init__(self, greeting, name=None):
        super().__init__(name=name)
        self.greeting = greeting

    def run(self):
        return f"{self.greeting} from {threading.current_thread().name}"
