# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-run
# message: not in the Greeter's own new thread
# Mistake 10: the work is put in start(), in the caller's thread, which then starts an idle thread.
class Greeter(Thread):
    def __init__(self, greeting, name=None):
        super().__init__(name=name)
        self.greeting = greeting

    def start(self):
        self.message = f"{self.greeting} from {self.name}"
        super().start()
