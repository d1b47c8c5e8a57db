package io.jenkins.plugins.fathomable.core.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPortBuilder;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.IngressSpec;
import java.util.List;

/** Services and the Ingress: how other workloads and users reach the application. */
final class Exposure {

    private Exposure() {}

    /** A ClusterIP Service, or a headless one ({@code clusterIP: None}) for a StatefulSet's stable pod names. */
    static Service service(AppSpec spec, ObjectMetadata meta, boolean headless) {
        return new ServiceBuilder()
                .withMetadata(meta.of(spec.name()))
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP(headless ? "None" : null)
                .withSelector(meta.selector())
                .withPorts(spec.ports().stream().map(p -> new ServicePortBuilder().withName(p.name())
                        .withPort(p.port()).withTargetPort(new IntOrString(p.name())).withProtocol(p.protocol())
                        .build()).toList())
                .endSpec()
                .build();
    }

    static Ingress ingress(AppSpec spec, ObjectMetadata meta) {
        IngressSpec in = spec.ingress();
        IntOrString port = PodTemplates.port(in.port());
        ServiceBackendPortBuilder backendPort = new ServiceBackendPortBuilder();
        if (port.getIntVal() != null) {
            backendPort.withNumber(port.getIntVal());
        } else {
            backendPort.withName(port.getStrVal());
        }
        return new IngressBuilder()
                .withMetadata(meta.of(spec.name()))
                .withNewSpec()
                .withIngressClassName(in.className())
                .addNewRule()
                .withHost(in.host())
                .withNewHttp()
                .addNewPath()
                .withPath(in.path())
                .withPathType("Prefix")
                .withNewBackend().withNewService().withName(spec.name()).withPort(backendPort.build()).endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .withTls(in.tlsSecretName() == null ? List.of()
                        : List.of(new IngressTLSBuilder().withHosts(in.host()).withSecretName(in.tlsSecretName())
                                .build()))
                .endSpec()
                .build();
    }
}
