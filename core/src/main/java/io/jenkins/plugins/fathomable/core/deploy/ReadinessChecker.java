package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One look at whether a release's objects are ready. Deployments and StatefulSets are ready when the controller has
 * observed the applied generation and all desired replicas are updated and ready; everything else (CronJobs,
 * Services, ConfigMaps...) is ready once the API server has accepted it, i.e. it exists. While a workload is not
 * ready, the waiting reasons of its pods (ImagePullBackOff, CrashLoopBackOff...) explain why.
 */
public final class ReadinessChecker {

    private static final int MAX_POD_REASONS = 3;

    private final KubernetesClient client;

    public ReadinessChecker(KubernetesClient client) {
        this.client = client;
    }

    public Readiness check(String namespace, Inventory inventory) {
        List<String> progressing = new ArrayList<>();
        for (ObjectRef ref : inventory.objects()) {
            String ns = ref.namespace() == null ? namespace : ref.namespace();
            Readiness one;
            try {
                one = check(ns, ref);
            } catch (KubernetesClientException e) {
                one = Readiness.progressing("cannot read " + ref + ": " + ServerSideApply.reason(e));
            }
            if (one.state() == Readiness.State.FAILED) {
                return one;
            }
            if (one.state() == Readiness.State.PROGRESSING) {
                progressing.add(one.reason());
            }
        }
        return progressing.isEmpty() ? Readiness.ready() : Readiness.progressing(String.join("; ", progressing));
    }

    private Readiness check(String namespace, ObjectRef ref) {
        if (ref.group().equals("apps") && ref.kind().equals("Deployment")) {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(ref.name()).get();
            return d == null ? missing(ref) : deployment(namespace, d);
        }
        if (ref.group().equals("apps") && ref.kind().equals("StatefulSet")) {
            StatefulSet s = client.apps().statefulSets().inNamespace(namespace).withName(ref.name()).get();
            return s == null ? missing(ref) : statefulSet(namespace, s);
        }
        return ServerSideApply.live(client, ref).get() == null ? missing(ref) : Readiness.ready();
    }

    private static Readiness missing(ObjectRef ref) {
        return Readiness.progressing(ref + " does not exist (yet)");
    }

    private Readiness deployment(String namespace, Deployment d) {
        String name = "Deployment " + d.getMetadata().getName();
        var status = d.getStatus();
        if (status != null && status.getConditions() != null) {
            for (DeploymentCondition c : status.getConditions()) {
                // The controller gives up after spec.progressDeadlineSeconds; waiting longer will not help.
                if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
                    return Readiness.failed(name + ": " + c.getMessage() + podReasons(namespace, d.getSpec().getSelector()));
                }
            }
        }
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return status == null
                ? Readiness.progressing(name + ": no status yet")
                : workload(name, namespace, d.getSpec().getSelector(), d.getMetadata().getGeneration(),
                        status.getObservedGeneration(), desired, status.getUpdatedReplicas(), status.getReadyReplicas());
    }

    private Readiness statefulSet(String namespace, StatefulSet s) {
        String name = "StatefulSet " + s.getMetadata().getName();
        var status = s.getStatus();
        int desired = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
        return status == null
                ? Readiness.progressing(name + ": no status yet")
                : workload(name, namespace, s.getSpec().getSelector(), s.getMetadata().getGeneration(),
                        status.getObservedGeneration(), desired, status.getUpdatedReplicas(), status.getReadyReplicas());
    }

    private Readiness workload(String name, String namespace, LabelSelector selector, Long generation,
            Long observedGeneration, int desired, Integer updated, Integer ready) {
        if (generation != null && (observedGeneration == null || observedGeneration < generation)) {
            return Readiness.progressing(name + ": controller has not observed generation " + generation + " yet");
        }
        int up = updated == null ? 0 : updated;
        int rd = ready == null ? 0 : ready;
        if (up == desired && rd == desired) {
            return Readiness.ready();
        }
        return Readiness.progressing(name + ": " + rd + "/" + desired + " replicas ready, " + up + "/" + desired
                + " updated" + podReasons(namespace, selector));
    }

    /** Why pods are not ready, from their containers' waiting states: " (pod p: container c ImagePullBackOff ...)". */
    private String podReasons(String namespace, LabelSelector selector) {
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            return "";
        }
        List<String> reasons = client.pods().inNamespace(namespace).withLabels(selector.getMatchLabels()).list()
                .getItems().stream()
                .flatMap(ReadinessChecker::waitingReasons)
                .distinct()
                .limit(MAX_POD_REASONS)
                .toList();
        return reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")";
    }

    private static Stream<String> waitingReasons(Pod pod) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getContainerStatuses());
        }
        return statuses.stream()
                .filter(c -> c.getState() != null && c.getState().getWaiting() != null
                        && c.getState().getWaiting().getReason() != null)
                .map(c -> "pod " + pod.getMetadata().getName() + " container " + c.getName() + ": "
                        + c.getState().getWaiting().getReason()
                        + (Objects.toString(c.getState().getWaiting().getMessage(), "").isEmpty() ? ""
                                : " - " + c.getState().getWaiting().getMessage()));
    }
}
