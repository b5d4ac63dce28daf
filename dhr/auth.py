def lockout_username(request, credentials=None) -> str | None:
    """The account a sign-in attempt is for, as django-axes should count it.

    The two-factor sign-in form names its field `auth-username`, which axes does not know;
    e-mail addresses are case-insensitive, so Alice@ and alice@ count as one account.
    """
    username = (credentials or {}).get("username") or request.POST.get("auth-username")
    return username.strip().lower() if username else None
