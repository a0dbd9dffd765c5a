"""The base of every domain error: a stable code for tests and the API, a message for people."""


class DomainError(Exception):
    """A rule of the domain said no. ``code`` is stable (tests and the API use it); ``message`` is for
    people. Subclasses list their codes and messages (lazy translations, %-style parameters), and the
    HTTP status the API answers with: ``status`` for every code, ``statuses`` for the codes that differ."""

    messages: dict = {}
    status: int = 409
    statuses: dict[str, int] = {}

    def __init__(self, code: str, **params) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def message(self) -> str:
        text = str(self.messages[self.code])
        return text % self.params if self.params else text

    @property
    def http_status(self) -> int:
        return self.statuses.get(self.code, self.status)

    def __str__(self) -> str:
        return self.message
