package hudson.model;

import java.util.Collection;
import java.util.List;

/** A run's parameter values. */
public class ParametersAction implements Action {

    /**
     * @param additionalSafeParameters names of {@code parameters} the job does not define that are still exposed
     *                                 to the run (environment, {@code params}); others are dropped (SECURITY-170)
     */
    public ParametersAction(List<ParameterValue> parameters, Collection<String> additionalSafeParameters) {
        throw new UnsupportedOperationException();
    }

    public ParameterValue getParameter(String name) {
        throw new UnsupportedOperationException();
    }

    public List<ParameterValue> getAllParameters() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }
}
