"""deploy/: every file loads, and holds what Kubernetes, JupyterHub and nbgrader would otherwise reject."""

from __future__ import annotations

from pathlib import Path

import yaml
from nbgrader.auth import Authenticator, JupyterHubAuthPlugin
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default.exchange import Exchange
from traitlets.config import Config

import threadlab.cli
import threadlab.grading.classgrade as classgrade
from threadlab.grading.engine import course_config

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
API_VERSIONS = {"Job": "batch/v1", "Secret": "v1"}  # the kinds deploy/ uses, and their API groups
COURSE = course_config(ROOT).CourseDirectory.course_id


def manifests() -> list[dict]:
    return [doc for path in sorted(DEPLOY.glob("kubernetes/*.yaml"))
            for doc in yaml.safe_load_all(path.read_text()) if doc is not None]


def the(kind: str) -> list[dict]:
    return [doc for doc in manifests() if doc["kind"] == kind]


def traitlets_config(path: Path) -> Config:
    """Run a config file as JupyterHub or nbgrader does: `c = get_config()` in its namespace."""
    config = Config()
    exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: config, "__file__": str(path)})
    return config


def test_every_manifest_has_a_known_kind_and_a_name():
    docs = manifests()
    assert docs, "no manifests under deploy/kubernetes"
    for doc in docs:
        assert API_VERSIONS.get(doc.get("kind")) == doc.get("apiVersion"), f"unknown kind/apiVersion in {doc}"
        assert doc["metadata"]["name"], "every object needs metadata.name"


def test_the_job_is_an_indexed_job_with_per_index_retries():
    for job in the("Job"):
        spec, pod = job["spec"], job["spec"]["template"]["spec"]
        assert spec["completionMode"] == "Indexed"
        assert isinstance(spec["completions"], int) and spec["completions"] >= 1
        assert isinstance(spec["backoffLimitPerIndex"], int) and isinstance(spec["activeDeadlineSeconds"], int)
        assert pod["restartPolicy"] == "Never", "backoffLimitPerIndex requires restartPolicy: Never"
        volumes = {v["name"] for v in pod["volumes"]}
        for container in pod["containers"]:
            assert container["name"] and container["image"]
            mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
            assert set(mounts) <= volumes, "a volumeMount names a volume the pod does not have"
            assert "/srv/course" in mounts.values() and "/srv/nbgrader/exchange" in mounts.values()


def env_of(container: dict) -> dict:
    return {e["name"]: e for e in container.get("env", [])}


def test_the_gradebook_url_comes_from_a_secret_the_files_define():
    secrets = {s["metadata"]["name"]: s for s in the("Secret")}
    for job in the("Job"):
        for container in job["spec"]["template"]["spec"]["containers"]:
            ref = env_of(container)["THREADLAB_DB_URL"]["valueFrom"]["secretKeyRef"]
            secret = secrets[ref["name"]]
            assert secret["stringData"][ref["key"]].startswith("postgresql+psycopg://")
    assert "THREADLAB_DB_URL" in (ROOT / "nbgrader_config.py").read_text(), "nbgrader_config.py must read it"


def test_the_jobs_command_is_a_real_sharded_threadlab_grade(monkeypatch):
    parsed = []
    monkeypatch.setattr(classgrade, "main", lambda args: parsed.append(args) or 0)
    for job in the("Job"):
        completions = job["spec"]["completions"]
        for container in job["spec"]["template"]["spec"]["containers"]:
            command = container["command"]
            assert command[:2] == ["threadlab", "grade"], command
            assert threadlab.cli.main(command[1:]) == 0  # argparse exits on an option it does not know
            args = parsed.pop()
            assert args.command == "grade" and args.course == container["workingDir"]
            env = {"JOB_COMPLETION_INDEX": str(completions - 1), **{k: v["value"] for k, v in env_of(container).items()
                                                                    if "value" in v}}
            shard = classgrade.parse_shard(args.shard) if args.shard else classgrade.shard_from_env(env)
            assert shard == (completions - 1, completions), "the pods' shards must be 0 … completions-1 of completions"


def test_the_grading_container_may_run_the_sandbox():
    for job in the("Job"):
        for container in job["spec"]["template"]["spec"]["containers"]:
            context = container["securityContext"]
            caps = set(context.get("capabilities", {}).get("add", []))
            assert context.get("privileged") or {"SYS_ADMIN", "NET_ADMIN", "SETUID", "SETGID"} <= caps, \
                "bwrap without a user namespace needs these (deploy/README.md)"
            assert context.get("runAsUser") == 0


def test_jupyterhub_is_nbgraders_multi_course_setup():
    c = traitlets_config(DEPLOY / "jupyterhub" / "jupyterhub_config.py")
    groups = c.JupyterHub.load_groups
    assert {f"formgrade-{COURSE}", f"nbgrader-{COURSE}"} <= set(groups)
    (service,) = c.JupyterHub.services
    assert service["name"] == COURSE, "nbgrader finds a course's formgrader by the service's name"
    assert service["user"] in groups[f"formgrade-{COURSE}"]["users"]
    assert service["command"][0] == "jupyterhub-singleuser"
    for role in c.JupyterHub.load_roles:
        assert set(role["groups"]) <= set(groups), f"role {role['name']} names a group that is not loaded"
    assert any(f"access:services!service={COURSE}" in r["scopes"] for r in c.JupyterHub.load_roles)


def test_the_shared_nbgrader_config_sets_real_traits():
    c = traitlets_config(DEPLOY / "jupyterhub" / "nbgrader_config.py")
    for section, cls in [("Exchange", Exchange), ("Authenticator", Authenticator), ("CourseDirectory", CourseDirectory)]:
        assert set(c[section]) <= set(cls.class_traits(config=True)), f"{section} has a setting nbgrader does not know"
    assert c.Exchange.root.startswith("/") and c.Exchange.path_includes_course is True
    assert c.Authenticator.plugin_class is JupyterHubAuthPlugin
