package dev.rapport.query.complaint;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;

/** Which complaints a list shows; a null criterion does not filter. */
record ComplaintFilter(String customerId, ComplaintState state, Severity severity, ComplaintCategory category) {
}
