"""JupyterHub for the threadlab course: nbgrader's multi-course setup with one course, `threadlab`.

Students are in group nbgrader-threadlab (they see the course's assignments), instructors and TAs in
formgrade-threadlab (they reach the formgrader, a service running as the course's grader account, whose
home holds the course directory). The exchange lives at /srv/nbgrader/exchange (deploy/jupyterhub/
nbgrader_config.py, installed as /etc/jupyter/nbgrader_config.py for every user). Replace the users below.
"""

c = get_config()  # noqa: F821 (JupyterHub provides it)

COURSE = "threadlab"
GRADER = f"grader-{COURSE}"  # the account the formgrader service runs as
INSTRUCTORS = ["instructor1"]
STUDENTS = ["student1", "student2"]

c.JupyterHub.load_groups = {
    f"formgrade-{COURSE}": {"users": INSTRUCTORS + [GRADER]},
    f"nbgrader-{COURSE}": {"users": STUDENTS},
}
c.JupyterHub.load_roles = [
    {"name": f"formgrade-{COURSE}", "groups": [f"formgrade-{COURSE}"],
     "scopes": [f"access:services!service={COURSE}"]},
    {"name": f"nbgrader-{COURSE}", "groups": [f"nbgrader-{COURSE}"],
     "scopes": ["list:services", f"read:services!service={COURSE}"]},
]
c.JupyterHub.services = [{
    "name": COURSE,
    "url": "http://127.0.0.1:9999",
    "command": ["jupyterhub-singleuser", f"--group=formgrade-{COURSE}", "--ServerApp.root_dir=/home/" + GRADER + "/threadlab"],
    "user": GRADER,
    "cwd": f"/home/{GRADER}/threadlab",
    "environment": {"JUPYTERHUB_DEFAULT_URL": "/lab"},
    "oauth_no_confirm": True,
}]
c.Authenticator.allowed_users = set(INSTRUCTORS + STUDENTS + [GRADER])
c.Authenticator.admin_users = set(INSTRUCTORS)
c.Spawner.default_url = "/lab"
