#!/usr/bin/env python3
"""The Kubernetes manifests, rendered and checked object by object.

Usage: k8s_test.py SOURCE_DIR KUBECTL...

Renders deploy/k8s/base and every overlay under deploy/k8s/overlays with
`KUBECTL kustomize` for each kubectl given (the machine's, and Debian's
kubernetes-client 1.20 with its old built-in kustomize, where present),
parses the YAML and checks what docs/deploy.md promises: the Deployment's
replicas, probes, drain timing and security context; the Services; the rules
ConfigMap with every bundled rule file, mounted as a folder; the
PodDisruptionBudget, autoscaler, NetworkPolicy and ServiceAccount; and the
overlay's TLS Secret, flags, metrics port and scrape annotations.
"""
import os
import re
import subprocess
import sys
import unittest

import yaml

SOURCE_DIR = ""
KUBECTLS = []
RULE_EXTENSIONS = (".yaml", ".yml", ".json", ".textproto", ".txtpb", ".pbtxt")
APP = {"app.kubernetes.io/name": "scorecardd"}


def render(kubectl, folder):
    """Returns the objects `kubectl kustomize folder` renders, by kind."""
    result = subprocess.run([kubectl, "kustomize", folder], capture_output=True,
                            text=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"{kubectl} kustomize {folder} failed:\n"
                             f"{result.stderr}")
    objects = {}
    for document in yaml.safe_load_all(result.stdout):
        if document:
            objects.setdefault(document["kind"], []).append(document)
    return objects


def one(objects, kind, name=None):
    matches = [o for o in objects.get(kind, [])
               if name is None or o["metadata"]["name"] == name]
    if len(matches) != 1:
        raise AssertionError(f"expected one {kind} {name or ''}, found "
                             f"{[o['metadata']['name'] for o in matches]}")
    return matches[0]


def duration_seconds(text):
    """Seconds of an absl duration flag value such as "10s" or "1m"."""
    match = re.fullmatch(r"(\d+)(ms|s|m)", text)
    if not match:
        raise AssertionError(f"unexpected duration {text!r}")
    value, unit = int(match.group(1)), match.group(2)
    return {"ms": value / 1000, "s": value, "m": value * 60}[unit]


def flag(args, name):
    values = [a.split("=", 1)[1] for a in args if a.startswith(f"--{name}=")]
    return values[-1] if values else None


class Base(unittest.TestCase):
    """Checks shared by the base and every overlay."""
    folder = "deploy/k8s/base"

    @classmethod
    def setUpClass(cls):
        cls.renders = {k: render(k, os.path.join(SOURCE_DIR, cls.folder))
                       for k in KUBECTLS}

    def each(self):
        for kubectl, objects in self.renders.items():
            with self.subTest(kubectl=kubectl, folder=self.folder):
                yield objects

    def container(self, objects):
        pod = one(objects, "Deployment", "scorecardd")["spec"]["template"]["spec"]
        self.assertEqual(len(pod["containers"]), 1)
        return pod, pod["containers"][0]

    def test_deployment_replicas_and_probes(self):
        for objects in self.each():
            deployment = one(objects, "Deployment", "scorecardd")
            self.assertEqual(deployment["spec"]["replicas"], 3)
            self.assertEqual(deployment["spec"]["selector"]["matchLabels"], APP)
            pod, container = self.container(objects)
            for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
                self.assertIn(probe, container)
            self.check_probes(container)

    def check_probes(self, container):
        """Native gRPC probes; readiness asks for ScorecardService."""
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            self.assertEqual(container[probe]["grpc"]["port"], 50051, probe)
        self.assertEqual(container["readinessProbe"]["grpc"]["service"],
                         "scorecard.v1.ScorecardService")

    def test_termination_outlasts_prestop_and_drain(self):
        for objects in self.each():
            pod, container = self.container(objects)
            drain = duration_seconds(flag(container["args"], "drain_time"))
            command = container["lifecycle"]["preStop"]["exec"]["command"]
            self.assertEqual(command[0], "sleep")
            pre_stop = int(command[1])
            self.assertGreaterEqual(pre_stop, 1)
            self.assertGreater(pod["terminationGracePeriodSeconds"],
                               pre_stop + drain)

    def test_security_context(self):
        for objects in self.each():
            pod, container = self.container(objects)
            self.assertTrue(pod["securityContext"]["runAsNonRoot"])
            self.assertEqual(pod["securityContext"]["seccompProfile"]["type"],
                             "RuntimeDefault")
            context = container["securityContext"]
            self.assertTrue(context["runAsNonRoot"])
            self.assertTrue(context["readOnlyRootFilesystem"])
            self.assertFalse(context["allowPrivilegeEscalation"])
            self.assertFalse(context.get("privileged", False))
            self.assertEqual(context["capabilities"]["drop"], ["ALL"])
            self.assertNotIn("add", context["capabilities"])
            self.assertEqual(context["seccompProfile"]["type"], "RuntimeDefault")

    def test_resources(self):
        for objects in self.each():
            _, container = self.container(objects)
            for kind in ("requests", "limits"):
                for resource in ("cpu", "memory"):
                    self.assertIn(resource, container["resources"][kind])

    def test_topology_spread_across_nodes(self):
        for objects in self.each():
            pod, _ = self.container(objects)
            spreads = pod["topologySpreadConstraints"]
            self.assertTrue(any(
                s["topologyKey"] == "kubernetes.io/hostname" and
                s["labelSelector"]["matchLabels"] == APP for s in spreads))

    def test_services(self):
        for objects in self.each():
            service = one(objects, "Service", "scorecardd")
            self.assertEqual(service["spec"].get("type", "ClusterIP"), "ClusterIP")
            self.assertNotEqual(service["spec"].get("clusterIP"), "None")
            headless = one(objects, "Service", "scorecardd-headless")
            self.assertEqual(headless["spec"]["clusterIP"], "None")
            for s in (service, headless):
                self.assertEqual(s["spec"]["selector"], APP)
                self.assertEqual([p["port"] for p in s["spec"]["ports"]], [50051])

    def test_rules_configmap_mounted_as_folder(self):
        bundled = sorted(f for f in os.listdir(
            os.path.join(SOURCE_DIR, "rules/bundled")) if f.endswith(RULE_EXTENSIONS)
            # Rule-set test suites are no rule files (the loader skips them).
            and not f.endswith(("_test.yaml", "_test.yml")))
        for objects in self.each():
            config_map = one(objects, "ConfigMap", "scorecard-rules")
            self.assertEqual(sorted(config_map["data"]), bundled,
                             "the ConfigMap must hold every bundled rule file "
                             "(list them in rules/bundled/Kustomization)")
            for name in bundled:
                with open(os.path.join(SOURCE_DIR, "rules/bundled", name),
                          encoding="utf-8") as f:
                    self.assertEqual(config_map["data"][name], f.read())
            pod, container = self.container(objects)
            volumes = [v for v in pod["volumes"]
                       if v.get("configMap", {}).get("name") == "scorecard-rules"]
            self.assertEqual(len(volumes), 1)
            mounts = [m for m in container["volumeMounts"]
                      if m["name"] == volumes[0]["name"]]
            self.assertEqual(len(mounts), 1)
            self.assertNotIn("subPath", mounts[0])
            self.assertEqual(flag(container["args"], "rules"), mounts[0]["mountPath"])

    def test_disruption_budget_autoscaler_policy_account(self):
        for objects in self.each():
            budget = one(objects, "PodDisruptionBudget", "scorecardd")
            self.assertEqual(budget["spec"]["selector"]["matchLabels"], APP)
            self.assertIn(budget["spec"].get("maxUnavailable"), (1,))
            autoscaler = one(objects, "HorizontalPodAutoscaler", "scorecardd")
            self.assertEqual(autoscaler["spec"]["scaleTargetRef"]["name"], "scorecardd")
            self.assertGreaterEqual(autoscaler["spec"]["minReplicas"], 3)
            [metric] = autoscaler["spec"]["metrics"]
            self.assertEqual(metric["resource"]["name"], "cpu")
            policy = one(objects, "NetworkPolicy", "scorecardd")
            self.assertEqual(policy["spec"]["podSelector"]["matchLabels"], APP)
            self.assertEqual(sorted(policy["spec"]["policyTypes"]), ["Egress", "Ingress"])
            self.assertFalse(policy["spec"].get("egress"))
            ports = {p["port"] for rule in policy["spec"]["ingress"] for p in rule["ports"]}
            self.assertIn(50051, ports)
            self.check_policy_ports(ports)
            account = one(objects, "ServiceAccount", "scorecardd")
            self.assertIs(account["automountServiceAccountToken"], False)
            pod, _ = self.container(objects)
            self.assertEqual(pod["serviceAccountName"], "scorecardd")
            self.assertIs(pod["automountServiceAccountToken"], False)

    def check_policy_ports(self, ports):
        self.assertEqual(ports, {50051})


class ExampleOverlay(Base):
    folder = "deploy/k8s/overlays/example"

    def check_probes(self, container):
        """TCP probes: the kubelet's gRPC probes cannot speak TLS."""
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            self.assertEqual(container[probe]["tcpSocket"]["port"], "grpc", probe)
            self.assertNotIn("grpc", container[probe])

    def check_policy_ports(self, ports):
        self.assertEqual(ports, {50051, 9090})

    def test_namespace(self):
        for objects in self.each():
            for kind, items in objects.items():
                for item in items:
                    if kind != "Namespace":
                        self.assertEqual(item["metadata"].get("namespace"),
                                         "scorecard", f"{kind} {item['metadata']['name']}")

    def test_tls_from_secret_files(self):
        for objects in self.each():
            pod, container = self.container(objects)
            [volume] = [v for v in pod["volumes"] if "secret" in v]
            self.assertEqual(volume["secret"]["secretName"], "scorecardd-tls")
            [mount] = [m for m in container["volumeMounts"] if m["name"] == volume["name"]]
            self.assertNotIn("subPath", mount)
            self.assertTrue(mount["readOnly"])
            for name, file in (("tls_cert_file", "tls.crt"), ("tls_key_file", "tls.key"),
                               ("tls_client_ca_file", "ca.crt")):
                self.assertEqual(flag(container["args"], name),
                                 f"{mount['mountPath']}/{file}")
            # The base's flags are still there.
            self.assertEqual(flag(container["args"], "rules"), "/etc/scorecard/rules")

    def test_metrics_port_and_scrape_annotation(self):
        for objects in self.each():
            deployment = one(objects, "Deployment", "scorecardd")
            annotations = deployment["spec"]["template"]["metadata"]["annotations"]
            self.assertEqual(annotations["prometheus.io/scrape"], "true")
            _, container = self.container(objects)
            self.assertEqual(flag(container["args"], "metrics_listen"), "[::]:9090")
            ports = {p["name"]: p["containerPort"] for p in container["ports"]}
            self.assertEqual(ports, {"grpc": 50051, "metrics": 9090})
            self.assertEqual(annotations["prometheus.io/port"], "9090")


def main():
    global SOURCE_DIR, KUBECTLS
    SOURCE_DIR = sys.argv[1]
    KUBECTLS = sys.argv[2:]
    if not KUBECTLS:
        print("k8s_test: no kubectl given (install kubernetes-client)", file=sys.stderr)
        return 1
    overlays = sorted(os.listdir(os.path.join(SOURCE_DIR, "deploy/k8s/overlays")))
    if overlays != ["example"]:
        print(f"k8s_test: only the example overlay has checks; found {overlays}",
              file=sys.stderr)
        return 1
    for kubectl in KUBECTLS:
        print(f"k8s_test: rendering with {kubectl}: " + subprocess.run(
            [kubectl, "version", "--client"], capture_output=True, text=True,
            timeout=60).stdout.strip().replace("\n", "; "))
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(Base)
    suite.addTests(unittest.defaultTestLoader.loadTestsFromTestCase(ExampleOverlay))
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
