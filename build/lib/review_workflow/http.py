"""How the screens answer a refused workflow step."""

from .core.errors import Conflict, Invalid, NotFound, NotPermitted, WorkflowError

HTTP_STATUS = {Invalid: 400, NotPermitted: 403, NotFound: 404, Conflict: 409}


def status_for(error: WorkflowError) -> int:
    """The HTTP status that answers a refused step."""
    return HTTP_STATUS.get(type(error), 409)
