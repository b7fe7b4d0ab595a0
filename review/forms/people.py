"""The forms of the people page: every owner's (``common.interfaces.forms``)."""

from common.interfaces.forms import NewPersonForm, RoleForm  # noqa: F401
