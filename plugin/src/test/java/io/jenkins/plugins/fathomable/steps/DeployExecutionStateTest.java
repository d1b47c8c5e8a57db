package io.jenkins.plugins.fathomable.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.deploy.ObjectRef;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;

/**
 * What a crash leaves of a deploying step: Pipeline resumes a step from its last saved state, so once the release is
 * applied that fact must be saved at once, or a resumed run applies the same release again (found by the end-to-end
 * suite's Restart group, which kills Jenkins while a run waits for readiness).
 */
class DeployExecutionStateTest {

    @Test
    void theStateIsSavedAsSoonAsTheReleaseIsAppliedSoAResumedRunOnlyWaitsForReadiness() throws Exception {
        SavingContext context = new SavingContext();
        DeployExecution execution = new DeployExecution(context, "fathomableRelease",
                new ReleaseCoordinates(TrackerId.parse("shop.payments"), "dev", 3), Instant.parse("2026-12-01T10:00:00Z"),
                true);
        context.execution = execution;
        assertThat(context.saved).as("nothing saved before the apply").isNull();

        execution.onApplied(new Inventory(List.of(new ObjectRef("apps", "v1", "Deployment", "shop-dev", "payments-api"))));

        assertThat(context.saved).as("saved by the apply").isNotNull();
        DeployExecution afterCrash = (DeployExecution) read(context.saved);
        assertThat(afterCrash.isApplied()).as("what a resumed run finds").isTrue();
        assertThat(afterCrash.getStatus()).startsWith("waiting for readiness of release 3 of shop.payments in dev");
    }

    /** A step context that saves the way Pipeline does: the step's execution, serialized, at {@link #saveState()}. */
    private static final class SavingContext extends StepContext {
        private static final long serialVersionUID = 1L;
        private transient DeployExecution execution;
        private transient byte[] saved;

        @Override
        public ListenableFuture<Void> saveState() {
            try {
                saved = write(execution);
            } catch (IOException e) {
                return Futures.immediateFailedFuture(e);
            }
            return Futures.immediateFuture(null);
        }

        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public void onSuccess(Object result) {
        }

        @Override
        public void onFailure(Throwable t) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setResult(Result r) {
        }

        @Override
        public BodyInvoker newBodyInvoker() {
            throw new IllegalStateException("no body");
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private static byte[] write(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
