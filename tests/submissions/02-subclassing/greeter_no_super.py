# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-message subclassing-greeter-test-init subclassing-greeter-test-run
# message: super\(\)\.__init__
# Mistake 9: __init__ overridden without super().__init__() -> RuntimeError on start().
class Greeter(Thread):
    def __init__(self, greeting, name=None):
        self.greeting = greeting
        self.thread_name = name

    def run(self):
        self.message = f"{self.greeting} from {threading.current_thread().name}"
