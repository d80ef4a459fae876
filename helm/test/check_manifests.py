#!/usr/bin/env python3
"""Checks rendered Kubernetes manifests without a cluster (helm/test/lint.sh runs it).

No API server and no OpenAPI schemas can be had on the project's machines, so this checks
what the chart can get wrong by itself, the mistakes a cluster would reject or that would
leave a workload broken:

- every document parses, has apiVersion, kind, metadata.name (a DNS-1123 name of at most
  63 characters); no kind/name appears twice;
- workloads: the selector matches the pod template's labels; containers have a name and an
  image; env entries have a name and exactly one of value (a string) or valueFrom;
  secretKeyRef and configMap references name objects of this release (or the names given
  with --external) and, for the release's Secrets, keys that exist; probe ports name a
  declared container port; volume mounts name a volume or a volumeClaimTemplate; port
  names are at most 15 characters;
- Services: their selectors match some workload's pods, port names and numbers are unique,
  named target ports exist in those pods.

Usage: check_manifests.py [--external NAME]... FILE
"""
import argparse
import re
import sys

import yaml

DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--external", action="append", default=[],
                        help="a Secret or ConfigMap the chart expects to exist already")
    parser.add_argument("file")
    args = parser.parse_args()

    with open(args.file) as f:
        text = f.read().split("\nNOTES:\n")[0]
    docs = [d for d in yaml.safe_load_all(text) if d is not None]
    errors = []

    def err(doc, message):
        errors.append(f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')}: {message}")

    seen = set()
    secrets, configmaps = {}, set()
    for doc in docs:
        for field in ("apiVersion", "kind", "metadata"):
            if field not in doc:
                err(doc, f"no {field}")
        name = doc.get("metadata", {}).get("name", "")
        if not DNS1123.match(name or "") or len(name) > 63:
            err(doc, f"metadata.name {name!r} is not a DNS-1123 name of at most 63 characters")
        key = (doc.get("kind"), name)
        if key in seen:
            err(doc, "defined twice")
        seen.add(key)
        if doc.get("kind") == "Secret":
            secrets[name] = set((doc.get("data") or {}).keys()) | set((doc.get("stringData") or {}).keys())
        if doc.get("kind") == "ConfigMap":
            configmaps.add(name)

    pod_labels = []
    for doc in docs:
        if doc.get("kind") not in WORKLOADS:
            continue
        spec = doc["spec"]
        template = spec["template"]
        labels = template.get("metadata", {}).get("labels", {})
        pod_labels.append((doc, labels, template["spec"]))
        selector = spec.get("selector", {}).get("matchLabels", {})
        if not selector or any(labels.get(k) != v for k, v in selector.items()):
            err(doc, f"selector {selector} does not match the pod labels {labels}")
        pod = template["spec"]
        volumes = {v["name"] for v in pod.get("volumes", [])}
        volumes |= {c["metadata"]["name"] for c in spec.get("volumeClaimTemplates", [])}
        for v in pod.get("volumes", []):
            if "configMap" in v and v["configMap"]["name"] not in configmaps | set(args.external):
                err(doc, f"volume {v['name']}: no ConfigMap {v['configMap']['name']}")
        containers = pod.get("containers", []) + pod.get("initContainers", [])
        if not pod.get("containers"):
            err(doc, "no containers")
        for c in containers:
            where = f"container {c.get('name')}"
            if not c.get("name") or not c.get("image"):
                err(doc, f"{where}: needs a name and an image")
            ports = {p.get("name") for p in c.get("ports", []) if p.get("name")}
            for p in c.get("ports", []):
                if not isinstance(p.get("containerPort"), int):
                    err(doc, f"{where}: containerPort {p.get('containerPort')!r} is not a number")
                if p.get("name") and len(p["name"]) > 15:
                    err(doc, f"{where}: port name {p['name']!r} is longer than 15 characters")
            for env in c.get("env", []):
                if "name" not in env:
                    err(doc, f"{where}: an env entry without a name")
                if ("value" in env) == ("valueFrom" in env):
                    err(doc, f"{where}: env {env.get('name')} needs exactly one of value and valueFrom")
                if "value" in env and not isinstance(env["value"], str):
                    err(doc, f"{where}: env {env['name']} value {env['value']!r} is not a string")
                ref = env.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    if ref["name"] in secrets:
                        if ref["key"] not in secrets[ref["name"]]:
                            err(doc, f"{where}: env {env['name']}: Secret {ref['name']} has no key {ref['key']}")
                    elif ref["name"] not in args.external:
                        err(doc, f"{where}: env {env['name']}: no Secret {ref['name']}")
            for probe_name in ("startupProbe", "readinessProbe", "livenessProbe"):
                probe = c.get(probe_name)
                if not probe:
                    continue
                action = probe.get("httpGet") or probe.get("tcpSocket")
                if action and isinstance(action.get("port"), str) and action["port"] not in ports:
                    err(doc, f"{where}: {probe_name} names port {action['port']!r}, which it does not declare")
                if not (action or probe.get("exec")):
                    err(doc, f"{where}: {probe_name} has no action")
            for mount in c.get("volumeMounts", []):
                if mount["name"] not in volumes:
                    err(doc, f"{where}: mounts {mount['name']!r}, which is no volume")

    for doc in docs:
        if doc.get("kind") != "Service":
            continue
        spec = doc["spec"]
        selector = spec.get("selector", {})
        matching = [(d, pod) for d, labels, pod in pod_labels if all(labels.get(k) == v for k, v in selector.items())]
        if selector and not matching:
            err(doc, f"selector {selector} matches no pods of the release")
        names = [p.get("name") for p in spec.get("ports", [])]
        numbers = [p.get("port") for p in spec.get("ports", [])]
        if len(set(names)) != len(names) or len(set(numbers)) != len(numbers):
            err(doc, "port names or numbers are not unique")
        for p in spec.get("ports", []):
            if p.get("name") and len(p["name"]) > 15:
                err(doc, f"port name {p['name']!r} is longer than 15 characters")
            target = p.get("targetPort")
            if isinstance(target, str):
                declared = {q.get("name") for _, pod in matching for c in pod["containers"] for q in c.get("ports", [])}
                if target not in declared:
                    err(doc, f"targetPort {target!r} is not a port of its pods")

    kinds = sorted(f"{d['kind']}/{d['metadata']['name']}" for d in docs)
    if errors:
        print(f"{args.file}: {len(errors)} problem(s) in {len(docs)} objects:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print(f"{args.file}: {len(docs)} objects, no problems: {', '.join(kinds)}")


if __name__ == "__main__":
    main()
