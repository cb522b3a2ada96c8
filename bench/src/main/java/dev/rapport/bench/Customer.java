package dev.rapport.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bench knows of one customer it created: enough to send it valid commands. Each customer belongs to one
 * client thread at a time, so its commands are sequential and need no locking.
 */
final class Customer {

    /** A sale and how much of it may still be refunded. */
    static final class Sale {
        final String saleId;
        final String currency;
        BigDecimal refundable;
        /** The sale aggregate's last sequence number (the direct writer's bookkeeping). */
        long sequence;

        Sale(String saleId, String currency, BigDecimal refundable) {
            this.saleId = saleId;
            this.currency = currency;
            this.refundable = refundable;
        }
    }

    final int number;
    final String id;
    String membershipId;
    final List<Sale> sales = new ArrayList<>();
    int orders;
    int profileVersion;
    /** The open complaint and the step it reached: 0 none, 1 filed, 2 acknowledged, 3 assigned, 4 resolved, 5 confirmed. */
    String complaintId;
    int complaintStep;
    /** The direct writer's bookkeeping: last sequence numbers of the customer's aggregates, the points balance. */
    long customerSequence = -1;
    long membershipSequence = -1;
    long complaintSequence = -1;
    long points;

    Customer(int number, String id) {
        this.number = number;
        this.id = id;
    }
}
