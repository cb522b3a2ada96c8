package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint (enumerated from Spring MVC's handler mappings, so one added later without a row here fails this
 * test) called by a user of each role and by nobody: the allowed role gets 2xx with a valid request, every other
 * role 403, anonymous 401, both as problem+json. Users: standalone/src/test/resources/config/application.properties.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                // its own application context (shared with InputLimitsTest): the rows below start rebuilds
                "spring.application.name=rapport-security", "rapport.limits.subscriptions-per-minute=3"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixTest {

    static final String WRITER = "writer";
    static final String READER = "reader";
    static final String AUDITOR = "auditor";
    static final String DATA_TEAM = "data-team";
    static final String ANONYMOUS = "anonymous";
    private static final Set<String> EVERYONE = Set.of(WRITER, READER, AUDITOR, DATA_TEAM, ANONYMOUS);
    private static final Map<String, String> NONE = Map.of();
    private static final String NOBODY = "nobody";
    private static final String LOW_SATISFACTION =
            "{\"channel\": \"PHONE\", \"direction\": \"INBOUND\", \"topic\": \"delay\", \"satisfaction\": 1}";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    UserDetailsService users;

    @Autowired
    ObjectProvider<UserDetailsPasswordService> passwordServices;

    private Http admin;
    private Map<String, Http> callers;
    private String customer;
    private String membership;
    private String complaint;

    /** A row: who may call it and a valid request; {@code fresh} is false for callers expected to be refused. */
    private record Row(Set<String> allowed, IntPredicate success, BiFunction<Http, Boolean, Http.Response> sample) {
    }

    @BeforeAll
    void aLittleStory() {
        admin = new Http(port);
        callers = new LinkedHashMap<>();
        for (String role : List.of(WRITER, READER, AUDITOR, DATA_TEAM)) {
            callers.put(role, admin.as("only-" + role, role + "-secret"));
        }
        callers.put(ANONYMOUS, admin.anonymous());
        customer = newCustomer();
        membership = enrol(customer);
        sale(customer);
        complaint = newComplaint(customer);
        // a low satisfaction score raises a churn alert
        assertThat(admin.post("/api/customers/" + customer + "/interactions", LOW_SATISFACTION, NONE).status())
                .isEqualTo(201);
        // the reads below need the projections to have caught up
        for (String path : List.of("/api/customers/" + customer, "/api/memberships/" + membership, "/api/complaints/" + complaint,
                "/api/customers/" + customer + "/churn")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.get(path).status() == 200);
        }
    }

    @Test
    void everyEndpointAnswersItsRolesAndRefusesEveryoneElse() {
        Map<String, Row> rows = rows();
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
            if (methods.isEmpty()) {
                methods.add("ANY");
            }
            for (String pattern : info.getPatternValues()) {
                methods.forEach(method -> endpoints.add(method + " " + pattern));
            }
        });
        assertThat(endpoints).as("every handler mapping needs a row in SecurityMatrixTest.rows()").isSubsetOf(rows.keySet());

        List<String> failures = new ArrayList<>();
        rows.forEach((endpoint, row) -> callers.forEach((who, http) -> {
            boolean allowed = row.allowed().contains(who);
            Http.Response response = row.sample().apply(http, allowed);
            int status = response.status();
            boolean ok;
            if (allowed) {
                ok = row.success().test(status);
            } else if (who.equals(ANONYMOUS)) {
                ok = status == 401 && isProblem(response) && String.valueOf(response.header("WWW-Authenticate")).startsWith("Basic");
            } else {
                ok = status == 403 && isProblem(response);
            }
            if (!ok) {
                failures.add(endpoint + " as " + who + ": " + status + " " + abbreviate(response.body()));
            }
        }));
        assertThat(failures).as("endpoint x role").isEmpty();
    }

    /**
     * Spring Security rewrites the password of a UserDetailsPasswordService's user to bcrypt after its first login;
     * configured users would then pay a bcrypt check on every request (issue 7). A wrong password is still refused.
     */
    @Test
    void passwordsStayAsConfiguredAfterLoginsAndAWrongOneIsStillRefused() {
        for (int i = 0; i < 3; i++) {
            assertThat(admin.get("/api/customers/" + customer).status()).isEqualTo(200);
        }
        assertThat(users.loadUserByUsername(Http.TEST_USER).getPassword()).startsWith("{noop}");
        assertThat(passwordServices.stream().toList()).isEmpty();
        assertThat(admin.as(Http.TEST_USER, Http.TEST_PASSWORD + "x").get("/api/customers/" + customer).status()).isEqualTo(401);
        assertThat(admin.as(Http.TEST_USER, "").get("/api/customers/" + customer).status()).isEqualTo(401);
    }

    private static boolean isProblem(Http.Response response) {
        return response.contentType().startsWith("application/problem+json");
    }

    private static String abbreviate(String body) {
        return body == null || body.length() < 300 ? body : body.substring(0, 300) + "…";
    }

    private Map<String, Row> rows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        // commands: writer
        command(rows, "POST /api/customers", (h, f) -> h.post("/api/customers", customerJson(), NONE));
        command(rows, "POST /api/customers/{customerId}/erase", (h, f) -> {
            String erased = customer(f);
            return h.post("/api/customers/" + erased + "/erase", "{\"confirm\": \"" + erased + "\"}", NONE);
        });
        command(rows, "PUT /api/customers/{customerId}/profile", (h, f) -> h.put("/api/customers/" + customer(f) + "/profile",
                "{\"displayName\": \"Ma Lin\", \"type\": \"INDIVIDUAL\", \"email\": \"ma.lin@example.com\"}", NONE));
        command(rows, "PUT /api/customers/{customerId}/consents/{channel}", (h, f) -> h.put("/api/customers/" + customer(f)
                + "/consents/EMAIL", "{\"optedIn\": true, \"source\": \"web-form\"}", NONE));
        command(rows, "PUT /api/customers/{customerId}/preferences/{key}", (h, f) -> h.put("/api/customers/" + customer(f)
                + "/preferences/seat", "{\"value\": \"aisle\"}", NONE));
        command(rows, "DELETE /api/customers/{customerId}/preferences/{key}", (h, f) -> {
            String id = customer(f);
            if (f) {
                admin.put("/api/customers/" + id + "/preferences/seat", "{\"value\": \"aisle\"}", NONE);
            }
            return h.send("DELETE", "/api/customers/" + id + "/preferences/seat", null, NONE);
        });
        command(rows, "PUT /api/customers/{customerId}/account-manager", (h, f) -> h.put("/api/customers/" + customer(f)
                + "/account-manager", "{\"accountManagerId\": \"emp-1\"}", NONE));
        command(rows, "POST /api/customers/{customerId}/referrals", (h, f) -> h.post("/api/customers/" + customer(f)
                + "/referrals", "{\"referredCustomerId\": \"" + customer(f) + "\"}", NONE));
        command(rows, "POST /api/customers/{customerId}/partnership", (h, f) -> h.post("/api/customers/" + customer(f)
                + "/partnership", "{\"reason\": \"contract\"}", NONE));
        command(rows, "POST /api/customers/{customerId}/partnership/end", (h, f) -> {
            String id = customer(f);
            if (f) {
                admin.post("/api/customers/" + id + "/partnership", "{\"reason\": \"contract\"}", NONE);
            }
            return h.post("/api/customers/" + id + "/partnership/end", "{\"reason\": \"contract ended\"}", NONE);
        });
        command(rows, "POST /api/customers/{customerId}/close", (h, f) -> h.post("/api/customers/" + customer(f) + "/close",
                "{\"reason\": \"COMPETITOR\"}", NONE));
        command(rows, "POST /api/customers/{customerId}/reactivate", (h, f) -> {
            String id = customer(f);
            if (f) {
                admin.post("/api/customers/" + id + "/close", "{\"reason\": \"COMPETITOR\"}", NONE);
            }
            return h.post("/api/customers/" + id + "/reactivate", "", NONE);
        });
        command(rows, "POST /api/customers/{customerId}/sales", (h, f) -> h.post("/api/customers/" + customer(f) + "/sales",
                saleJson(), NONE));
        command(rows, "POST /api/sales/{saleId}/refunds", (h, f) -> h.post("/api/sales/" + (f ? sale(newCustomer()) : NOBODY)
                + "/refunds", "{\"amount\": 1.00, \"currency\": \"CNY\"}", NONE));
        command(rows, "POST /api/customers/{customerId}/interactions", (h, f) -> h.post("/api/customers/" + customer(f)
                + "/interactions", "{\"channel\": \"PHONE\", \"direction\": \"OUTBOUND\", \"topic\": \"welcome call\"}", NONE));
        command(rows, "POST /api/customers/{customerId}/membership", (h, f) -> h.post("/api/customers/" + customer(f)
                + "/membership", "", NONE));
        command(rows, "POST /api/memberships/{membershipId}/bonus-points", (h, f) -> h.post("/api/memberships/" + member(f)
                + "/bonus-points", "{\"points\": 500, \"source\": \"CAMPAIGN\", \"reference\": \"SPRING\"}", NONE));
        command(rows, "POST /api/memberships/{membershipId}/redemptions", (h, f) -> {
            String id = member(f);
            if (f) {
                admin.post("/api/memberships/" + id + "/bonus-points",
                        "{\"points\": 500, \"source\": \"CAMPAIGN\", \"reference\": \"SPRING\"}", NONE);
            }
            return h.post("/api/memberships/" + id + "/redemptions", "{\"points\": 100, \"reference\": \"lounge\"}", NONE);
        });
        command(rows, "POST /api/memberships/{membershipId}/tier-grants", (h, f) -> h.post("/api/memberships/" + member(f)
                + "/tier-grants", "{\"tier\": \"GOLD\", \"reason\": \"status match\", \"expiresAt\": \""
                + Instant.now().plus(Duration.ofDays(300)) + "\"}", NONE));
        // a new member's review is not due before its anniversary: the 422 shows the request passed security
        rows.put("POST /api/memberships/{membershipId}/tier-review", new Row(Set.of(WRITER), status -> status == 422,
                (h, f) -> h.post("/api/memberships/" + member(f) + "/tier-review", "", NONE)));
        command(rows, "POST /api/memberships/{membershipId}/expiry-run", (h, f) -> h.post("/api/memberships/" + member(f)
                + "/expiry-run", "", NONE));
        command(rows, "POST /api/customers/{customerId}/complaints", (h, f) -> h.post("/api/customers/" + customer(f)
                + "/complaints", complaintJson(), NONE));
        command(rows, "POST /api/complaints/{complaintId}/acknowledge", (h, f) -> h.post("/api/complaints/"
                + complaint(f, 0) + "/acknowledge", "{\"acknowledgedBy\": \"li.na\"}", NONE));
        command(rows, "POST /api/complaints/{complaintId}/assign", (h, f) -> h.post("/api/complaints/" + complaint(f, 1)
                + "/assign", "{\"assignee\": \"delivery-team\"}", NONE));
        command(rows, "POST /api/complaints/{complaintId}/escalate", (h, f) -> h.post("/api/complaints/" + complaint(f, 0)
                + "/escalate", "{\"reason\": \"key account\"}", NONE));
        command(rows, "POST /api/complaints/{complaintId}/resolve", (h, f) -> h.post("/api/complaints/" + complaint(f, 1)
                + "/resolve", "{\"resolution\": \"replaced\", \"resolvedBy\": \"li.na\"}", NONE));
        command(rows, "POST /api/complaints/{complaintId}/confirm", (h, f) -> h.post("/api/complaints/" + complaint(f, 2)
                + "/confirm", "", NONE));
        command(rows, "POST /api/complaints/{complaintId}/reopen", (h, f) -> h.post("/api/complaints/" + complaint(f, 2)
                + "/reopen", "{\"reason\": \"wrong colour\"}", NONE));
        command(rows, "POST /api/complaints/{complaintId}/close", (h, f) -> h.post("/api/complaints/" + complaint(f, 2)
                + "/close", "{\"satisfaction\": 4}", NONE));

        // queries and live streams: reader
        read(rows, READER, "GET /api/customers/{customerId}", () -> "/api/customers/" + customer);
        read(rows, READER, "GET /api/customers", () -> "/api/customers?size=5");
        stream(rows, "GET /api/customers/{customerId}/stream", () -> "/api/customers/" + customer + "/stream", () -> { });
        read(rows, READER, "GET /api/customers/{customerId}/timeline", () -> "/api/customers/" + customer + "/timeline");
        read(rows, READER, "GET /api/customers/{customerId}/membership", () -> "/api/customers/" + customer + "/membership");
        read(rows, READER, "GET /api/customers/{customerId}/churn", () -> "/api/customers/" + customer + "/churn");
        read(rows, READER, "GET /api/memberships/{membershipId}", () -> "/api/memberships/" + membership);
        read(rows, READER, "GET /api/memberships", () -> "/api/memberships?size=5");
        read(rows, READER, "GET /api/loyalty/tier-distribution", () -> "/api/loyalty/tier-distribution");
        read(rows, READER, "GET /api/segments", () -> "/api/segments");
        read(rows, READER, "GET /api/churn-alerts", () -> "/api/churn-alerts");
        // the alert stream answers with its first change: a new customer's low score raises one
        stream(rows, "GET /api/churn-alerts/stream", () -> "/api/churn-alerts/stream", () -> admin.post("/api/customers/"
                + newCustomer() + "/interactions", LOW_SATISFACTION, NONE));
        // without a fitted model (this test's few customers may have no repeat purchase) the model reads answer 404
        rows.put("GET /api/churn-model", new Row(Set.of(READER), status -> status == 200 || status == 404,
                (h, f) -> h.get("/api/churn-model")));
        read(rows, READER, "GET /api/churn-model/versions", () -> "/api/churn-model/versions");
        rows.put("GET /api/churn-model/holdout", new Row(Set.of(READER), status -> status == 200 || status == 404 || status == 400,
                (h, f) -> h.get("/api/churn-model/holdout")));
        read(rows, READER, "GET /api/complaints/{complaintId}", () -> "/api/complaints/" + complaint);
        read(rows, READER, "GET /api/complaints", () -> "/api/complaints");
        read(rows, READER, "GET /api/complaints/stats", () -> "/api/complaints/stats");

        // audit: auditor
        read(rows, AUDITOR, "GET /api/audit/customers/{customerId}/events", () -> "/api/audit/customers/" + customer + "/events");
        read(rows, AUDITOR, "GET /api/audit/customers/{customerId}/as-of", () -> "/api/audit/customers/" + customer + "/as-of?at="
                + Instant.now());
        read(rows, AUDITOR, "GET /api/audit/access-log", () -> "/api/audit/access-log");
        read(rows, AUDITOR, "GET /api/audit/verify", () -> "/api/audit/verify");
        read(rows, AUDITOR, "GET /api/audit/customers/{customerId}/verify", () -> "/api/audit/customers/" + customer + "/verify");

        // administration, exports, the catalog: data team
        read(rows, DATA_TEAM, "GET /api/export/events", () -> "/api/export/events?from=0");
        read(rows, DATA_TEAM, "GET /api/export/read-models", () -> "/api/export/read-models");
        read(rows, DATA_TEAM, "GET /api/export/read-models/{name}.csv", () -> "/api/export/read-models/customer_view.csv");
        read(rows, DATA_TEAM, "GET /api/catalog", () -> "/api/catalog");
        read(rows, DATA_TEAM, "GET /api/catalog.md", () -> "/api/catalog.md");
        read(rows, DATA_TEAM, "GET /api/admin/projections", () -> "/api/admin/projections");
        rows.put("POST /api/admin/projections/{name}/rebuild", new Row(Set.of(DATA_TEAM), SecurityMatrixTest::is2xx,
                (h, f) -> h.post("/api/admin/projections/customer-timeline/rebuild", "", NONE)));
        rows.put("GET /api/admin/projections/{name}/rebuild", new Row(Set.of(DATA_TEAM), SecurityMatrixTest::is2xx, (h, f) -> {
            if (f) {
                admin.post("/api/admin/projections/customer-timeline/rebuild", "", NONE);
            }
            return h.get("/api/admin/projections/customer-timeline/rebuild");
        }));
        read(rows, DATA_TEAM, "GET /api/admin/dead-letters", () -> "/api/admin/dead-letters");
        read(rows, DATA_TEAM, "GET /api/admin/dead-letters/{processingGroup}", () -> "/api/admin/dead-letters/customer-view");
        rows.put("POST /api/admin/dead-letters/{processingGroup}/retry", new Row(Set.of(DATA_TEAM), SecurityMatrixTest::is2xx,
                (h, f) -> h.post("/api/admin/dead-letters/customer-view/retry", "", NONE)));
        // nothing is parked here: the 404 for the data team shows the request got past security (DeadLetterTest evicts for real)
        rows.put("DELETE /api/admin/dead-letters/{processingGroup}/sequences/{sequenceIdentifier}", new Row(Set.of(DATA_TEAM),
                status -> status == 404, (h, f) -> h.delete("/api/admin/dead-letters/customer-view/sequences/nobody?confirm=nobody")));
        // fitted (201), or refused for want of repeat purchases (422): either way past the access check
        rows.put("POST /api/admin/churn-model/fit", new Row(Set.of(DATA_TEAM), status -> status == 201 || status == 422,
                (h, f) -> h.post("/api/admin/churn-model/fit", "", NONE)));
        rows.put("POST /api/admin/segments/recompute", new Row(Set.of(DATA_TEAM), SecurityMatrixTest::is2xx,
                (h, f) -> h.post("/api/admin/segments/recompute", "", NONE)));

        // public: the API description (springdoc) and health
        for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/swagger-ui.html")) {
            rows.put("GET " + path, new Row(EVERYONE, status -> status >= 200 && status < 400, (h, f) -> h.get(path)));
        }
        // Boot's error page is for error dispatches only, never called directly
        rows.put("ANY /error", new Row(Set.of(), status -> false, (h, f) -> h.get("/error")));

        // the actuator (its own handler mapping): health public, the rest data team
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            rows.put("GET " + path, new Row(EVERYONE, SecurityMatrixTest::is2xx, (h, f) -> h.get(path)));
        }
        for (String path : List.of("/actuator", "/actuator/info", "/actuator/metrics")) {
            read(rows, DATA_TEAM, "GET " + path, () -> path);
        }
        return rows;
    }

    private static boolean is2xx(int status) {
        return status >= 200 && status < 300;
    }

    private static void command(Map<String, Row> rows, String endpoint, BiFunction<Http, Boolean, Http.Response> sample) {
        rows.put(endpoint, new Row(Set.of(WRITER), SecurityMatrixTest::is2xx, sample));
    }

    private static void read(Map<String, Row> rows, String role, String endpoint, java.util.function.Supplier<String> path) {
        rows.put(endpoint, new Row(Set.of(role), SecurityMatrixTest::is2xx, (h, f) -> h.get(path.get())));
    }

    private static void stream(Map<String, Row> rows, String endpoint, java.util.function.Supplier<String> path, Runnable meanwhile) {
        rows.put(endpoint, new Row(Set.of(READER), SecurityMatrixTest::is2xx,
                (h, f) -> h.stream(path.get(), meanwhile)));
    }

    private String customer(boolean fresh) {
        return fresh ? newCustomer() : NOBODY;
    }

    private String member(boolean fresh) {
        return fresh ? enrol(newCustomer()) : NOBODY;
    }

    /** A fresh complaint: 0 filed, 1 acknowledged, 2 resolved. */
    private String complaint(boolean fresh, int stage) {
        if (!fresh) {
            return NOBODY;
        }
        String id = newComplaint(newCustomer());
        if (stage >= 1) {
            assertThat(admin.post("/api/complaints/" + id + "/acknowledge", "{\"acknowledgedBy\": \"li.na\"}", NONE).status()).isEqualTo(200);
        }
        if (stage >= 2) {
            assertThat(admin.post("/api/complaints/" + id + "/resolve", "{\"resolution\": \"replaced\", \"resolvedBy\": \"li.na\"}",
                    NONE).status()).isEqualTo(200);
        }
        return id;
    }

    private String newCustomer() {
        var created = admin.post("/api/customers", customerJson(), NONE);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("customerId").asString();
    }

    private String enrol(String customerId) {
        var enrolled = admin.post("/api/customers/" + customerId + "/membership", "", NONE);
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        return enrolled.json().get("membershipId").asString();
    }

    private String sale(String customerId) {
        var sale = admin.post("/api/customers/" + customerId + "/sales", saleJson(), NONE);
        assertThat(sale.status()).as(sale.body()).isEqualTo(201);
        return sale.json().get("saleId").asString();
    }

    private String newComplaint(String customerId) {
        var filed = admin.post("/api/customers/" + customerId + "/complaints", complaintJson(), NONE);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        return filed.json().get("complaintId").asString();
    }

    private static String customerJson() {
        return "{\"displayName\": \"Ma Lin\", \"type\": \"INDIVIDUAL\"}";
    }

    private static String saleJson() {
        return "{\"orderId\": \"" + UUID.randomUUID() + "\", \"channel\": \"WEB\", \"currency\": \"CNY\", \"total\": 120.00, "
                + "\"occurredAt\": \"" + Instant.now() + "\"}";
    }

    private static String complaintJson() {
        return "{\"category\": \"SERVICE\", \"severity\": \"HIGH\", \"channel\": \"CALL_CENTRE\", \"description\": \"Late.\"}";
    }
}
