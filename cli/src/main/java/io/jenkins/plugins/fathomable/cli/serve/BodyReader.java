package io.jenkins.plugins.fathomable.cli.serve;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body without holding a thread. Keeps at most {@code keep} bytes; when more arrives it reads on,
 * discarding, up to {@code drain} bytes in all. Why: a server that answers and closes while the client is still
 * sending makes the kernel reset the connection, and a client writing the rest of its body then fails on the write
 * ("broken pipe") and loses the answer (the JDK's HttpClient reports "header parser received no bytes"). A body read
 * to its end leaves the connection clean, so it can even carry the next request.
 */
final class BodyReader implements Runnable {

    /**
     * What arrived: the body ({@code tooLarge}: more than {@code keep} bytes, {@code bytes} then holds none), and
     * whether it was read to its end ({@code complete}; if not, the connection must be closed after the answer).
     */
    record Body(byte[] bytes, boolean tooLarge, boolean complete) {
    }

    private final Content.Source source;
    private final int keep;
    private final long drain;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    private BodyReader(Content.Source source, int keep, long drain) {
        this.source = source;
        this.keep = keep;
        this.drain = drain;
    }

    /** Starts reading; the future completes on the thread that delivers the last piece (or fails with its cause). */
    static CompletableFuture<Body> read(Content.Source source, int keep, long drain) {
        BodyReader reader = new BodyReader(source, keep, drain);
        reader.run();
        return reader.result;
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this); // called again when more has arrived; no thread waits meanwhile
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                result.completeExceptionally(chunk.getFailure());
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            total += bytes.remaining();
            if (kept != null && total <= keep) {
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                kept.writeBytes(copy);
            } else {
                kept = null; // too large: nothing more is kept
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (last || total > drain) {
                result.complete(new Body(kept == null ? new byte[0] : kept.toByteArray(), kept == null, last));
                return;
            }
        }
    }
}
