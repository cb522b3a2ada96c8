package dev.rapport.query.complaint;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a complaint stands (DOMAIN.md: FILED → ACKNOWLEDGED → (ASSIGNED) → (ESCALATED) → RESOLVED → CLOSED,
 * RESOLVED → REOPENED → ...). A complaint is open while it waits for a resolution, as the command side
 * counts it: a resolved complaint waits for the customer, not for the business.
 */
public enum ComplaintState {
    FILED(true), ACKNOWLEDGED(true), ASSIGNED(true), ESCALATED(true), REOPENED(true), RESOLVED(false), CLOSED(false);

    /** The open states as an SQL list, e.g. for {@code state IN (...)}. */
    static final String OPEN_SQL = Arrays.stream(values()).filter(ComplaintState::open)
            .map(state -> "'" + state.name() + "'").collect(Collectors.joining(", "));

    private final boolean open;

    ComplaintState(boolean open) {
        this.open = open;
    }

    public boolean open() {
        return open;
    }
}
