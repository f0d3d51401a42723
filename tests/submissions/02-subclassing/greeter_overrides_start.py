# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-run
# Mistake 10: the work is put in start(), which then starts an idle thread: the message is made in the caller.
class Greeter(Thread):
    def __init__(self, greeting, name=None):
        super().__init__(name=name)
        self.greeting = greeting

    def start(self):
        self.message = f"{self.greeting} from {self.name}"
        super().start()
