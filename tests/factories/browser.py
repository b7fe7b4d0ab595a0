"""Browser pages as the hall's devices open them."""

from tests.factories.accounts import PASSWORD


def phone(browser):
    return browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ).new_page()


def password_login(page, base_url: str, user) -> None:
    """Log ``user`` in on ``page`` through the login form, with the tests' password."""
    user.set_password(PASSWORD)
    user.save()
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.press("#id_password", "Enter")  # the header's first button switches the language
    assert "/login/" not in page.url, f"{user.username} could not log in"
