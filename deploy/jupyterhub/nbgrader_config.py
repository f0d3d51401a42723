"""nbgrader settings every JupyterHub user shares (install as /etc/jupyter/nbgrader_config.py).

The exchange is one directory for all courses (`path_includes_course` keeps them apart); JupyterHub tells
nbgrader which courses a user is in through the nbgrader-<course> and formgrade-<course> groups.
"""

from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821 (nbgrader provides it)

c.Exchange.root = "/srv/nbgrader/exchange"  # world-writable with the sticky bit: chmod 1777
c.Exchange.path_includes_course = True
c.Authenticator.plugin_class = JupyterHubAuthPlugin
