package dev.rapport.query.customer;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import dev.rapport.platform.web.NotFound;
import dev.rapport.query.Projections;
import dev.rapport.query.consistency.ReadsFrom;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customer queries", description = "Customer 360 read model. Send a command's X-Consistency-Token back "
        + "(header or ?after=) to read your own writes.")
@ReadsFrom(Projections.CUSTOMER_VIEW)
class CustomerQueryController {

    private static final String UPPER_WORD = "[A-Za-z_]{1,20}";

    private final CustomerViews views;
    private final Clock clock;
    private final CustomerChangeFeed feed;

    CustomerQueryController(CustomerViews views, Clock clock, CustomerChangeFeed feed) {
        this.views = views;
        this.clock = clock;
        this.feed = feed;
    }

    @GetMapping(path = "/{customerId}/stream", produces = "text/event-stream")
    @Operation(summary = "Follow a customer live (Server-Sent Events)",
            description = "The current 360 view first, then each change the customer-view projection commits, as events named "
                    + "`customer`. 404 for an unknown customer; 503 when the maximum number of live subscriptions is open.")
    SseEmitter stream(@PathVariable String customerId) {
        views.find(customerId).orElseThrow(() -> new NotFound("Customer", customerId));
        return feed.subscribe(customerId);
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "One customer's 360 view", description = "Profile, relationship, purchases (12-month figures as of "
            + "now), service, loyalty and segments. 404 when no such customer has been projected.")
    CustomerView get(@PathVariable String customerId) {
        return views.find(customerId, clock.instant()).orElseThrow(() -> new NotFound("Customer", customerId));
    }

    @GetMapping
    @Operation(summary = "Customers, filtered and sorted, page by page",
            description = "Keyset pagination: pass the previous page's `next` as `cursor`. Spend filters and the SPEND sort use "
                    + "the 12-month net spend of the last segmentation run.")
    CustomerPage list(
            @Parameter(description = "loyalty tier: BASE, SILVER, GOLD, PLATINUM") @RequestParam(required = false) @Pattern(regexp = UPPER_WORD) String tier,
            @Parameter(description = "RFM segment, e.g. CHAMPIONS, AT_RISK") @RequestParam(required = false) @Pattern(regexp = UPPER_WORD) String segment,
            @Parameter(description = "PROSPECT, CUSTOMER, CLIENT, ADVOCATE, PARTNER") @RequestParam(required = false) @Pattern(regexp = UPPER_WORD) String ladderStage,
            @Parameter(description = "WATCH, WARNING, CRITICAL") @RequestParam(required = false) @Pattern(regexp = UPPER_WORD) String churnLevel,
            @RequestParam(required = false) Boolean hasOpenComplaint,
            @RequestParam(required = false) @Min(0) BigDecimal minSpend,
            @RequestParam(required = false) @Min(0) BigDecimal maxSpend,
            @Parameter(description = "ACTIVE or CLOSED") @RequestParam(required = false) @Pattern(regexp = UPPER_WORD) String status,
            @RequestParam(defaultValue = "REGISTERED") CustomerSort sort,
            @Parameter(description = "the `next` of the previous page") @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,400}") String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        var filter = new CustomerFilter(tier, segment, ladderStage, churnLevel, hasOpenComplaint, minSpend, maxSpend, status);
        List<CustomerView> items = views.list(filter, sort, cursor == null ? null : CustomerCursor.decode(cursor), size);
        String next = items.size() < size ? null
                : new CustomerCursor(sort.cursorValueOf(items.get(items.size() - 1)), items.get(items.size() - 1).customerId()).encode();
        return new CustomerPage(items, next);
    }

    /** One page of customers; {@code next} is null on the last page. */
    record CustomerPage(List<CustomerView> items, String next) {
    }
}
