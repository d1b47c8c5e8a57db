package hudson.model;

import java.util.List;

/** The build queue. */
public class Queue extends ResourceController {

    private Queue() {
        throw new UnsupportedOperationException();
    }

    /** A snapshot of the items waiting in the queue. */
    public Item[] getItems() {
        throw new UnsupportedOperationException();
    }

    /** Something waiting in (or just out of) the queue. */
    public abstract static class Item extends Actionable {

        protected Item(Item item) {
            throw new UnsupportedOperationException();
        }

        public final List<Cause> getCauses() {
            throw new UnsupportedOperationException();
        }

        public long getId() {
            throw new UnsupportedOperationException();
        }
    }

    /** An item that left the queue: started, or cancelled. */
    public static final class LeftItem extends Item {

        public LeftItem(Item item) {
            super(item);
            throw new UnsupportedOperationException();
        }

        public boolean isCancelled() {
            throw new UnsupportedOperationException();
        }
    }
}
