"""Why a fair workflow refused. Each message is translated and safe to show to the person who asked."""


class FairError(Exception):
    """A workflow refused: the message is translated and safe to show to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SoldOut(FairError):
    pass


class PaymentUnavailable(FairError):
    """Stripe could not be reached or refused the call; nothing was charged and no hold is kept."""


class StandTaken(FairError):
    """The chosen stand went to someone else (or is blocked); `nearest` are free stands to offer instead."""

    def __init__(self, message: str, nearest=()):
        super().__init__(message)
        self.nearest = list(nearest)
