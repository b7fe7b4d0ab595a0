class Refused(Exception):
    """A rule said no. ``message`` says why, in words for the person who asked."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
