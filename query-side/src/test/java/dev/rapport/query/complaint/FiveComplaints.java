package dev.rapport.query.complaint;

import java.time.Instant;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;

/**
 * A small set of complaints whose statistics are worked out by hand (times in hours after filing):
 * <pre>
 * id   customer category severity filed       ack  breaches           resolved  state         satisfaction
 * k-a  c-1      DELIVERY HIGH     2026-01-05   2   -                  26        CLOSED        5 (recovered)
 * k-b  c-2      DELIVERY LOW      2026-01-10  30   ACKNOWLEDGE        50        RESOLVED      -
 * k-c  c-3      BILLING  CRITICAL 2026-02-02   1   -                  -         ACKNOWLEDGED  -
 * k-d  c-1      BILLING  HIGH     2026-02-03   -   -                  -         FILED         -
 * k-e  c-4      PRODUCT  MEDIUM   2026-02-10   4   RESOLVE            200 late  CLOSED        4 (not recovered: late)
 * </pre>
 * k-b's events are all delivered twice.
 */
final class FiveComplaints {

    private FiveComplaints() {
    }

    static void file(ComplaintViewProjection projection) {
        new ComplaintStory(projection, "k-a", "c-1").filed(ComplaintCategory.DELIVERY, Severity.HIGH, day("2026-01-05"))
                .acknowledged(2).resolved(26).closed(27, 5);
        new ComplaintStory(projection, "k-b", "c-2").filed(ComplaintCategory.DELIVERY, Severity.LOW, day("2026-01-10"))
                .breached(SlaDeadline.ACKNOWLEDGE, 25).acknowledged(30).resolved(50).redeliveredAll();
        new ComplaintStory(projection, "k-c", "c-3").filed(ComplaintCategory.BILLING, Severity.CRITICAL, day("2026-02-02"))
                .acknowledged(1);
        new ComplaintStory(projection, "k-d", "c-1").filed(ComplaintCategory.BILLING, Severity.HIGH, day("2026-02-03"));
        new ComplaintStory(projection, "k-e", "c-4").filed(ComplaintCategory.PRODUCT, Severity.MEDIUM, day("2026-02-10"))
                .acknowledged(4).breached(SlaDeadline.RESOLVE, 169).resolved(200).closed(201, 4);
    }

    private static Instant day(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }
}
