package dev.rapport.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;

/**
 * The commands the bench sends, built from a customer's known state and a seeded random source, so that the same seed
 * gives the same commands per customer. Every answer other than 2xx is counted by status, never ignored.
 */
final class Commands {

    /** Synthetic facts happen in the two years before this instant: fixed, so the data does not depend on the day it is made. */
    static final Instant HISTORY_END = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] CHANNELS = {"STORE", "WEB", "APP", "PHONE", "CALL_CENTRE"};
    private static final String[] CONTACT = {"PHONE", "EMAIL", "WEB", "APP", "STORE", "CALL_CENTRE"};
    private static final String[] TOPICS = {"booking change", "invoice question", "delivery status", "product advice", "loyalty points"};
    private static final String[] PRODUCTS = {"PEK-SHA-Y", "SOFA-3", "LAMP-12", "TEA-500G", "BIKE-CITY", "PHONE-X", "BAG-TRAVEL"};
    private static final String[] CATEGORIES = {"PRODUCT", "SERVICE", "BILLING", "DELIVERY", "STAFF"};
    private static final String[] SEVERITIES = {"LOW", "MEDIUM", "MEDIUM", "HIGH", "CRITICAL"};
    private static final String[] REGIONS = {"Shanghai", "Beijing", "Guangdong", "Bavaria", "Ontario", "Lombardy"};

    private final Api api;
    final ConcurrentHashMap<String, LongAdder> failures = new ConcurrentHashMap<>();

    Commands(Api api) {
        this.api = api;
    }

    static Instant pastInstant(Random random) {
        return HISTORY_END.minusSeconds(random.nextInt(730 * 86_400));
    }

    String profile(int number, int version, Random random) {
        return """
                {"displayName": "Customer %06d", "type": "INDIVIDUAL", "email": "customer%d.v%d@example.com",
                 "phone": "+86 138 %04d %04d", "preferredChannel": "EMAIL", "locale": "%s", "region": "%s",
                 "dateOfBirth": "19%02d-0%d-1%d", "tags": ["bench"]}""".formatted(number, number, version, number % 10_000,
                random.nextInt(10_000), random.nextBoolean() ? "zh-CN" : "en-GB", REGIONS[random.nextInt(REGIONS.length)],
                50 + random.nextInt(50), 1 + random.nextInt(9), random.nextInt(10));
    }

    /** Registers a customer (and enrols most in the loyalty programme with a welcome bonus); null when refused. */
    Customer register(int number, String displayName, boolean enrol, Random random) {
        String body = displayName == null ? profile(number, 0, random)
                : "{\"displayName\": \"" + displayName + "\", \"type\": \"INDIVIDUAL\"}";
        JsonNode answer = ok(api.post("/api/customers", body), "register");
        if (answer == null) {
            return null;
        }
        Customer customer = new Customer(number, answer.get("customerId").asString());
        if (enrol) {
            JsonNode membership = ok(api.post("/api/customers/" + customer.id + "/membership", "{}"), "enrol");
            if (membership != null) {
                customer.membershipId = membership.get("membershipId").asString();
                ok(api.post("/api/memberships/" + customer.membershipId + "/bonus-points",
                        "{\"points\": 50000, \"source\": \"CAMPAIGN\", \"reference\": \"welcome\"}"), "bonus-points");
            }
        }
        return customer;
    }

    /** Sends one command of the kind; true when accepted. A kind the customer cannot take now becomes a sale. */
    boolean perform(Customer customer, Mix.Op op, Random random) {
        return switch (op) {
            case SALE -> sale(customer, random);
            case INTERACTION -> ok(api.post("/api/customers/" + customer.id + "/interactions", """
                    {"channel": "%s", "direction": "%s", "topic": "%s", "outcome": "answered", "satisfaction": %d,
                     "sentiment": "%s", "occurredAt": "%s"}""".formatted(CONTACT[random.nextInt(CONTACT.length)],
                    random.nextInt(4) == 0 ? "OUTBOUND" : "INBOUND", TOPICS[random.nextInt(TOPICS.length)], 1 + random.nextInt(5),
                    random.nextBoolean() ? "POSITIVE" : "NEUTRAL", pastInstant(random))), "interaction") != null;
            case REFUND -> refund(customer, random);
            case PROFILE_UPDATE -> ok(api.put("/api/customers/" + customer.id + "/profile",
                    profile(customer.number, ++customer.profileVersion, random)), "profile") != null;
            case BONUS_POINTS -> customer.membershipId == null ? sale(customer, random)
                    : ok(api.post("/api/memberships/" + customer.membershipId + "/bonus-points", """
                    {"points": %d, "source": "CAMPAIGN", "reference": "campaign-%d"}""".formatted(50 + random.nextInt(500),
                    random.nextInt(1_000_000_000))), "bonus-points") != null;
            case REDEMPTION -> customer.membershipId == null ? sale(customer, random)
                    : ok(api.post("/api/memberships/" + customer.membershipId + "/redemptions", """
                    {"points": %d, "reference": "reward-%d"}""".formatted(10 + random.nextInt(190), random.nextInt(1_000_000))),
                    "redemption") != null;
            case COMPLAINT_STEP -> complaintStep(customer, random);
        };
    }

    boolean sale(Customer customer, Random random) {
        int lines = 1 + random.nextInt(3);
        StringBuilder json = new StringBuilder();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines; i++) {
            int quantity = 1 + random.nextInt(3);
            BigDecimal price = BigDecimal.valueOf(500 + random.nextInt(50_000), 2);
            total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
            json.append(i == 0 ? "" : ", ").append("""
                    {"productId": "%s", "category": "retail", "quantity": %d, "unitPrice": %s}""".formatted(
                    PRODUCTS[random.nextInt(PRODUCTS.length)], quantity, price.toPlainString()));
        }
        String orderId = "B" + customer.number + "-" + (++customer.orders);
        return recordSale(customer, """
                {"orderId": "%s", "channel": "%s", "currency": "CNY", "occurredAt": "%s", "lines": [%s]}""".formatted(orderId,
                CHANNELS[random.nextInt(CHANNELS.length)], pastInstant(random), json), "CNY", total);
    }

    /** A CDNOW purchase: a STORE sale in USD at 00:00 UTC of its day, its order id the line number of the file. */
    boolean cdnowSale(Customer customer, Cdnow.Purchase purchase) {
        return recordSale(customer, """
                {"orderId": "%d", "channel": "STORE", "currency": "USD", "occurredAt": "%s", "total": %s}""".formatted(
                purchase.line(), purchase.day().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), purchase.dollars().toPlainString()),
                "USD", purchase.dollars());
    }

    private boolean recordSale(Customer customer, String body, String currency, BigDecimal total) {
        JsonNode receipt = ok(api.post("/api/customers/" + customer.id + "/sales", body), "sale");
        if (receipt == null) {
            return false;
        }
        if (customer.sales.size() < 20) {
            customer.sales.add(new Customer.Sale(receipt.get("saleId").asString(), currency, total));
        }
        return true;
    }

    private boolean refund(Customer customer, Random random) {
        Customer.Sale sale = customer.sales.stream().filter(s -> s.refundable.signum() > 0).findFirst().orElse(null);
        if (sale == null) {
            return sale(customer, random);
        }
        BigDecimal amount = sale.refundable.multiply(BigDecimal.valueOf(1 + random.nextInt(100), 2)).setScale(2, RoundingMode.DOWN);
        if (amount.signum() <= 0) {
            amount = sale.refundable;
        }
        sale.refundable = sale.refundable.subtract(amount);
        return ok(api.post("/api/sales/" + sale.saleId + "/refunds", """
                {"amount": %s, "currency": "%s", "reason": "returned"}""".formatted(amount.toPlainString(), sale.currency)),
                "refund") != null;
    }

    private boolean complaintStep(Customer customer, Random random) {
        String path = "/api/complaints/" + customer.complaintId;
        JsonNode answer = switch (customer.complaintStep) {
            case 0 -> ok(api.post("/api/customers/" + customer.id + "/complaints", """
                    {"category": "%s", "severity": "%s", "channel": "CALL_CENTRE", "description": "Complaint %d of the bench."}"""
                    .formatted(CATEGORIES[random.nextInt(CATEGORIES.length)], SEVERITIES[random.nextInt(SEVERITIES.length)],
                            random.nextInt(1_000_000))), "complaint-file");
            case 1 -> ok(api.post(path + "/acknowledge", "{\"acknowledgedBy\": \"agent-" + random.nextInt(20) + "\"}"), "complaint-acknowledge");
            case 2 -> ok(api.post(path + "/assign", "{\"assignee\": \"team-" + random.nextInt(5) + "\"}"), "complaint-assign");
            case 3 -> ok(api.post(path + "/resolve", """
                    {"resolution": "Replaced and apologised.", "resolvedBy": "agent-1", "compensation": {"bonusPoints": %d}}"""
                    .formatted(random.nextInt(5) * 100)), "complaint-resolve");
            case 4 -> ok(api.post(path + "/confirm", "{}"), "complaint-confirm");
            default -> ok(api.post(path + "/close", "{\"satisfaction\": " + (1 + random.nextInt(5)) + "}"), "complaint-close");
        };
        if (answer == null) {
            customer.complaintStep = 0;
            return false;
        }
        if (customer.complaintStep == 0) {
            customer.complaintId = answer.get("complaintId").asString();
        }
        customer.complaintStep = (customer.complaintStep + 1) % 6;
        return true;
    }

    /** The answer of an accepted command, or null (counted under the kind and status). */
    JsonNode ok(HttpRequest request, String kind) {
        HttpResponse<String> response;
        try {
            response = api.send(request);
        } catch (RuntimeException e) {
            failures.computeIfAbsent(kind + " " + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            failures.computeIfAbsent(kind + " " + response.statusCode() + codeOf(response.body()), k -> new LongAdder()).increment();
            return null;
        }
        return response.body().isEmpty() ? Api.JSON.nullNode() : Api.JSON.readTree(response.body());
    }

    private static String codeOf(String body) {
        int at = body.indexOf("\"code\":\"");
        return at < 0 ? "" : " " + body.substring(at + 8, body.indexOf('"', at + 8));
    }

    String failureSummary() {
        return failures.isEmpty() ? "none" : new java.util.TreeMap<>(failures).toString();
    }
}
