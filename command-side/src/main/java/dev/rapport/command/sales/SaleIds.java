package dev.rapport.command.sales;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A sale's id follows from the customer and the order id, so the same order can only be recorded once. */
public final class SaleIds {

    private SaleIds() {
    }

    public static String of(String customerId, String orderId) {
        return UUID.nameUUIDFromBytes(("sale/" + customerId + "/" + orderId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
