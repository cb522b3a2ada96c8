package dev.rapport.query.customer;

import java.util.List;

import dev.rapport.platform.web.NotFound;
import dev.rapport.query.Projections;
import dev.rapport.query.consistency.ReadsFrom;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
@Tag(name = "Customer queries", description = "Customer 360 read model. Send a command's X-Consistency-Token back "
        + "(header or ?after=) to read your own writes.")
@ReadsFrom(Projections.CUSTOMER_VIEW)
class CustomerQueryController {

    private final CustomerViews views;

    CustomerQueryController(CustomerViews views) {
        this.views = views;
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "One customer's 360 view", description = "404 when no such customer has been projected.")
    CustomerView get(@PathVariable String customerId) {
        return views.find(customerId).orElseThrow(() -> new NotFound("Customer", customerId));
    }

    @GetMapping
    @Operation(summary = "Customers, oldest registration first, page by page")
    CustomerPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return new CustomerPage(views.page(page, size), page, size, views.count());
    }

    /** One page of customers. */
    record CustomerPage(List<CustomerView> items, int page, int size, long total) {
    }
}
