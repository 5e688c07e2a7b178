#!/usr/bin/env python3
"""Offline checks of deploy/k8s/ (no cluster needed).

1. Every *.yaml parses (all documents) and names apiVersion, kind, metadata.name, namespace zkedge.
2. The FlinkDeployment validates against the operator's CRD schema: the v1beta1
   openAPIV3Schema in org.apache.flink:flink-kubernetes-operator-api (Maven Central; the newest
   release there is 1.10.0, fetched with mvn dependency:get if missing). Unknown fields are errors
   (the API server would prune them silently). That CRD predates Flink 2.x, so its flinkVersion
   enum is extended by v2_0..v2_2 for the check: the one deviation, printed.
3. Structural checks the API server cannot do: every volume of the pod template names a
   ConfigMap, Secret or PVC defined here, with the keys its items name; every mount has a volume;
   the job's --config file and the paths in it (trust bundle, trusted keys, signing key) lie in
   those mounts; the bundle has the layout of docs/trust.md; the Prometheus annotation, the
   container port and metrics.reporter.prom.port agree.

Exit 0 when everything checks, 1 with one line per problem otherwise.
"""
import base64
import binascii
import copy
import pathlib
import posixpath
import subprocess
import sys
import tempfile
import zipfile

import jsonschema
import yaml

HERE = pathlib.Path(__file__).resolve().parent
OPERATOR_API = ("org.apache.flink", "flink-kubernetes-operator-api", "1.10.0")
# The apiextensions.k8s.io/v1 form of the CRD (the -v1beta1.yml file is the legacy CRD format).
CRD_ENTRY = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml"
EXTRA_FLINK_VERSIONS = ["v2_0", "v2_1", "v2_2"]
NAMESPACE = "zkedge"
VERIFIER_MODULE = "zkedge_bulletproofs_verifier"  # verifier.module default (docs/configuration.md)

problems = []


def problem(text):
    problems.append(text)


def operator_crd():
    group, artifact, version = OPERATOR_API
    jar = (pathlib.Path.home() / ".m2" / "repository" / group.replace(".", "/") / artifact / version
           / f"{artifact}-{version}.jar")
    if not jar.exists():
        subprocess.run(["mvn", "-B", "-ntp", "-q", "dependency:get", "-Dtransitive=false",
                        f"-Dartifact={group}:{artifact}:{version}"], check=True, stdout=subprocess.DEVNULL)
    with zipfile.ZipFile(jar) as z:
        return yaml.safe_load(z.read(CRD_ENTRY))


def strict(schema):
    """The schema with additionalProperties: false wherever Kubernetes would prune unknown fields."""
    if isinstance(schema, dict):
        out = {k: strict(v) for k, v in schema.items()}
        if ("properties" in out and "additionalProperties" not in out
                and not out.get("x-kubernetes-preserve-unknown-fields")):
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def load_documents():
    docs = []
    for file in sorted(HERE.glob("*.yaml")):
        try:
            for doc in yaml.safe_load_all(file.read_text(encoding="utf-8")):
                if doc is not None:
                    docs.append((file.name, doc))
        except yaml.YAMLError as e:
            problem(f"{file.name}: not valid YAML: {e}")
    return docs


def check_common(docs):
    for name, doc in docs:
        for key in ("apiVersion", "kind"):
            if not doc.get(key):
                problem(f"{name}: no {key}")
        meta = doc.get("metadata") or {}
        if not meta.get("name"):
            problem(f"{name}: {doc.get('kind')} without metadata.name")
        if doc.get("kind") != "Namespace" and meta.get("namespace") != NAMESPACE:
            problem(f"{name}: {doc.get('kind')} {meta.get('name')} is not in namespace {NAMESPACE}")
        if doc.get("kind") == "Secret":
            for key, value in (doc.get("data") or {}).items():
                try:
                    base64.b64decode(value, validate=True)
                except (binascii.Error, TypeError):
                    problem(f"{name}: Secret {meta.get('name')} key {key} is not base64")


def check_crd(deployment):
    crd = operator_crd()
    version = next(v for v in crd["spec"]["versions"] if v["name"] == "v1beta1")
    schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])
    enum = schema["properties"]["spec"]["properties"]["flinkVersion"]["enum"]
    enum.extend(v for v in EXTRA_FLINK_VERSIONS if v not in enum)
    print(f"CRD: {OPERATOR_API[1]}:{OPERATOR_API[2]} v1beta1, flinkVersion enum extended by {EXTRA_FLINK_VERSIONS}")
    # apiVersion, kind and metadata are implicit in every CRD (the API server checks them).
    for implicit, kind in (("apiVersion", "string"), ("kind", "string"), ("metadata", "object")):
        schema.setdefault("properties", {}).setdefault(implicit, {"type": kind})
    validator = jsonschema.Draft7Validator(strict(schema))
    for error in sorted(validator.iter_errors(deployment), key=lambda e: list(e.absolute_path)):
        path = ".".join(str(p) for p in error.absolute_path) or "(root)"
        problem(f"FlinkDeployment {path}: {error.message}")


def check_structure(docs, deployment):
    objects = {(d.get("kind"), (d.get("metadata") or {}).get("name")): d for _, d in docs}
    pod = deployment["spec"]["podTemplate"]["spec"]
    container = next(c for c in pod["containers"] if c["name"] == "flink-main-container")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}

    # volume name -> {path inside the volume: object key} (what the container will see)
    files = {}
    for vname, volume in volumes.items():
        if "secret" in volume:
            kind, oname, keys_of = "Secret", volume["secret"]["secretName"], lambda o: {**o.get("data", {}), **o.get("stringData", {})}
            items = volume["secret"].get("items")
        elif "configMap" in volume:
            kind, oname, keys_of = "ConfigMap", volume["configMap"]["name"], lambda o: {**o.get("data", {}), **o.get("binaryData", {})}
            items = volume["configMap"].get("items")
        elif "persistentVolumeClaim" in volume:
            if ("PersistentVolumeClaim", volume["persistentVolumeClaim"]["claimName"]) not in objects:
                problem(f"volume {vname}: no PersistentVolumeClaim {volume['persistentVolumeClaim']['claimName']} here")
            files[vname] = None  # a writable directory
            continue
        else:
            problem(f"volume {vname}: unexpected volume type")
            continue
        obj = objects.get((kind, oname))
        if obj is None:
            problem(f"volume {vname}: no {kind} {oname} here")
            continue
        keys = keys_of(obj)
        if items:
            for item in items:
                if item["key"] not in keys:
                    problem(f"volume {vname}: {kind} {oname} has no key {item['key']}")
            files[vname] = {item["path"]: item["key"] for item in items}
        else:
            files[vname] = {key: key for key in keys}

    mounts = {}
    for mount in container.get("volumeMounts", []):
        if mount["name"] not in volumes:
            problem(f"mount {mount['mountPath']}: no volume {mount['name']}")
        else:
            mounts[mount["mountPath"].rstrip("/")] = mount["name"]

    def resolve(path):
        """(volume name, path inside it) of a container path, or None."""
        for mount_path, vname in mounts.items():
            if path == mount_path or path.startswith(mount_path + "/"):
                return vname, posixpath.relpath(path, mount_path)
        return None

    def require_file(path, what):
        hit = resolve(path)
        if hit is None:
            problem(f"{what} {path} is in no mounted volume")
        elif files.get(hit[0]) is not None and hit[1] not in files[hit[0]]:
            problem(f"{what} {path}: volume {hit[0]} has no file {hit[1]}")

    def require_dir(path, what):
        hit = resolve(path)
        if hit is None:
            problem(f"{what} {path} is in no mounted volume")
            return []
        inside = files.get(hit[0]) or {}
        prefix = "" if hit[1] == "." else hit[1] + "/"
        return [p[len(prefix):] for p in inside if p.startswith(prefix)]

    args = deployment["spec"]["job"].get("args", [])
    if "--config" not in args:
        problem("job.args: no --config")
        return
    config_path = args[args.index("--config") + 1]
    require_file(config_path, "job --config")
    hit = resolve(config_path)
    settings = {}
    if hit and files.get(hit[0]):
        cm = objects[("ConfigMap", volumes[hit[0]]["configMap"]["name"])]
        nested = yaml.safe_load(cm["data"][files[hit[0]][hit[1]]])

        def flatten(prefix, value):
            if isinstance(value, dict):
                for k, v in value.items():
                    flatten(f"{prefix}{k}.", v)
            else:
                settings[prefix[:-1]] = value
        flatten("", nested)
    for key in ("signing.key-path", "verifier.trust-bundle-dir", "verifier.trusted-keys-dir"):
        if key not in settings:
            problem(f"{config_path}: no {key}")
    if "signing.key-path" in settings:
        require_file(settings["signing.key-path"], "signing.key-path")
    if "verifier.trust-bundle-dir" in settings:
        bundle = require_dir(settings["verifier.trust-bundle-dir"], "verifier.trust-bundle-dir")
        module = settings.get("verifier.module", VERIFIER_MODULE)
        for suffix in (".wasm", ".manifest", ".manifest.sig"):
            if f"modules/{module}{suffix}" not in bundle:
                problem(f"trust bundle: no modules/{module}{suffix} (docs/trust.md)")
    if "verifier.trusted-keys-dir" in settings:
        keys = require_dir(settings["verifier.trusted-keys-dir"], "verifier.trusted-keys-dir")
        if not any(k.endswith(".pub") for k in keys):
            problem("trusted keys: no *.pub file")

    conf = deployment["spec"]["flinkConfiguration"]
    port = str(conf.get("metrics.reporter.prom.port"))
    annotations = deployment["spec"]["podTemplate"].get("metadata", {}).get("annotations", {})
    if annotations.get("prometheus.io/scrape") != "true":
        problem("podTemplate: no prometheus.io/scrape annotation")
    if annotations.get("prometheus.io/port") != port:
        problem(f"podTemplate: prometheus.io/port {annotations.get('prometheus.io/port')} != metrics.reporter.prom.port {port}")
    if port not in [str(p["containerPort"]) for p in container.get("ports", [])]:
        problem(f"flink-main-container: no containerPort {port}")
    for path_key in ("execution.checkpointing.dir", "high-availability.storageDir"):
        value = conf.get(path_key, "")
        if value.startswith("file://") and resolve(value[len("file://"):]) is None:
            problem(f"{path_key} {value} is in no mounted volume")


PARSE_CONFIG = """
public class ParseJobConfig {
    public static void main(String[] args) throws Exception {
        System.out.println(io.zkedge.jobs.verification.VerificationJobConfig.fromArgs(new String[] {"--config", args[0]}));
    }
}
"""


def check_job_config(docs):
    """Step 4: the job's own parser reads the ConfigMap's settings."""
    root = HERE.parent.parent
    jars = [j for j in sorted((root / "jobs" / "target").glob("zkedge-jobs-*.jar")) if not j.name.startswith("original-")]
    classpath = root / "run" / "classpath" / "flink.txt"
    if not jars or not classpath.exists():
        print("job settings: not parsed (no jobs/target jar or run/classpath/flink.txt; build and run scripts/flink-start.sh once)")
        return
    config = next((d for _, d in docs if d.get("kind") == "ConfigMap" and d["metadata"]["name"] == "zkedge-job-config"), None)
    if config is None:
        problem("no ConfigMap zkedge-job-config")
        return
    with tempfile.TemporaryDirectory() as tmp:
        settings = pathlib.Path(tmp) / "zkedge.yaml"
        settings.write_text(config["data"]["zkedge.yaml"], encoding="utf-8")
        source = pathlib.Path(tmp) / "ParseJobConfig.java"
        source.write_text(PARSE_CONFIG, encoding="utf-8")
        run = subprocess.run(["java", "-cp", f"{jars[0]}:{classpath.read_text().strip()}", str(source), str(settings)],
                             capture_output=True, text=True)
    if run.returncode != 0:
        reason = [line for line in run.stderr.splitlines() if "Exception" in line][:1] or run.stderr.splitlines()[-1:]
        problem(f"zkedge-job-config: the job refuses zkedge.yaml: {reason}")
    else:
        print("job settings: accepted by VerificationJobConfig.fromArgs")


def main():
    docs = load_documents()
    check_common(docs)
    deployments = [d for _, d in docs if d.get("kind") == "FlinkDeployment"]
    if len(deployments) != 1:
        problem(f"expected one FlinkDeployment, found {len(deployments)}")
    else:
        check_crd(deployments[0])
        check_structure(docs, deployments[0])
    check_job_config(docs)
    for p in problems:
        print(p)
    if not problems:
        print(f"deploy/k8s: {len(docs)} objects, FlinkDeployment valid against the CRD schema, mounts and paths consistent")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
