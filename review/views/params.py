"""Reading ids from query strings and forms: anything that is not a plain, short number is no
id (0, which matches no row), so no parameter can raise."""


def id_param(raw) -> int:
    text = str(raw if raw is not None else "")
    return int(text) if text.isdigit() and len(text) < 12 else 0
