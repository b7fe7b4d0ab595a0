"""The Django project: settings, the root URLconf, WSGI, project-wide middleware."""
