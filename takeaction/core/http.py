"""Request checks every surface shares."""

NUL_MESSAGE = "The address holds a NUL character (%00); remove it and try again."


def nul_in_request(request) -> bool:
    """Whether the path or the query string holds a NUL character.

    Databases refuse NUL in text (PostgreSQL raises DataError), so a NUL that reached
    a query would be a server error; each surface answers 400 instead, in its own shape.
    """
    return "\x00" in request.path_info or "%00" in request.META.get("QUERY_STRING", "")
