package io.jenkins.plugins.fathomable.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

class StepDescriptorsTest {

    /** A descriptor made by its real constructor, as Jenkins makes it (Descriptor() needs no running Jenkins). */
    private static StepDescriptor descriptor(Class<? extends StepDescriptor> type) throws Exception {
        return type.getDeclaredConstructor().newInstance();
    }

    @Test
    void functionNamesAndRequiredContext() throws Exception {
        assertThat(descriptor(FathomableRenderStep.DescriptorImpl.class).getFunctionName()).isEqualTo("fathomableRender");
        assertThat(descriptor(FathomableApplyStep.DescriptorImpl.class).getFunctionName()).isEqualTo("fathomableApply");
        assertThat(descriptor(FathomableReleaseStep.DescriptorImpl.class).getFunctionName())
                .isEqualTo("fathomableRelease");
        for (Class<? extends StepDescriptor> d : java.util.List.of(FathomableRenderStep.DescriptorImpl.class,
                FathomableApplyStep.DescriptorImpl.class, FathomableReleaseStep.DescriptorImpl.class)) {
            StepDescriptor descriptor = descriptor(d);
            assertThat(java.util.Set.<Object>copyOf(descriptor.getRequiredContext())).as(d.getName())
                    .containsOnly(Run.class, TaskListener.class);
            assertThat(descriptor.getDisplayName()).startsWith("Fathomable: ");
            assertThat(d.getEnclosingClass()).as("Descriptor() finds its step as the enclosing class").isNotNull();
            assertThat(d.isAnnotationPresent(hudson.Extension.class)).isTrue();
        }
    }

    @Test
    void stepsBindByANoArgumentConstructorAndOptionalSetters() throws Exception {
        for (Class<?> step : java.util.List.of(FathomableRenderStep.class, FathomableApplyStep.class,
                FathomableReleaseStep.class)) {
            assertThat(step.getConstructor().isAnnotationPresent(DataBoundConstructor.class)).as(step.getName()).isTrue();
            for (String setter : java.util.List.of("setTracker", "setEnvironment")) {
                assertThat(step.getMethod(setter, String.class).isAnnotationPresent(DataBoundSetter.class)).isTrue();
            }
            assertThat(step.getMethod("setRelease", Integer.class).isAnnotationPresent(DataBoundSetter.class)).isTrue();
        }
        assertThat(FathomableApplyStep.class.getMethod("setTimeoutMinutes", Integer.class)
                .isAnnotationPresent(DataBoundSetter.class)).isTrue();
    }

    @Test
    void blankTextParametersMeanNotGiven() {
        FathomableReleaseStep step = new FathomableReleaseStep();
        step.setTracker("  ");
        step.setEnvironment(" prod ");

        assertThat(step.getTracker()).isNull();
        assertThat(step.getEnvironment()).isEqualTo("prod");
    }

    @Test
    void theTimeoutDefaultsToTenMinutesAndIsBounded() {
        FathomableApplyStep step = new FathomableApplyStep();
        assertThat(step.timeout()).isEqualTo(Duration.ofMinutes(10));

        step.setTimeoutMinutes(90);
        assertThat(step.timeout()).isEqualTo(Duration.ofMinutes(90));

        step.setTimeoutMinutes(0);
        assertThatThrownBy(step::timeout).hasMessageStartingWith("timeoutMinutes: must be from 1 to 1440");
    }
}
