"""The contest's forms, one module per page family; views only bind and render them."""
