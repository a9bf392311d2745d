"""What a workflow step raises when it may not happen. Nothing has changed when one is raised.

The errors say what went wrong in words a person can act on; the screens decide how to answer
(see `review_workflow.http`).
"""


class WorkflowError(Exception):
    """A step that may not happen now."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Invalid(WorkflowError):
    """What was sent is incomplete or wrong: the message says what to fix."""


class NotPermitted(WorkflowError):
    """The person may not take this step."""


class Conflict(WorkflowError):
    """The submission is not in a state that allows the step, or changed meanwhile."""


class NotFound(WorkflowError):
    """The thing asked for does not exist, or is not this person's to see."""
