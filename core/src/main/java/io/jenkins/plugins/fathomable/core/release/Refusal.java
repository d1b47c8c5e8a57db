package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;

/**
 * Why an operation asked for on a dashboard page was refused, and the status the page answers with: 409 when it does
 * not fit the current state, 404 for a tracker or release that is not there, 400 for a bad parameter. Both hosts'
 * pages use it; the REST routes answer the same exceptions in the API's error form.
 */
public record Refusal(int status, String reason) {

    /** Runs {@code operation}; {@code null} when it went through, else why it did not. */
    public static Refusal of(Runnable operation) {
        try {
            operation.run();
            return null;
        } catch (ConflictException e) {
            return new Refusal(409, e.getMessage());
        } catch (NoSuchTrackerException | NoSuchReleaseException e) {
            return new Refusal(404, e.getMessage());
        } catch (ValidationException e) {
            return new Refusal(400, e.getMessage());
        }
    }
}
